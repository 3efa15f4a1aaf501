import CallscopeDomain
import Testing

/// The array splitter the VOXO client streams bodies through: any chunking gives the same
/// records, and a body cut anywhere says where it stopped, keeping the records before.
@Suite("Splitting a JSON array as it arrives")
struct JSONArraySplitterTests {
    /// Brackets, braces, quotes and backslashes inside strings; nesting; bare values; unicode;
    /// whitespace everywhere and the VOXO sample's trailing comma.
    static let records = """
     {"id":"a","note":"he said \\"]}\\" then \\\\","n":[1,{"x":"}"}],"e":{}} ,
      {"id":"b","name":"王小明 🛰","cost":1.390,"ok":true,"none":null},
    42,"bare ] string",-1.5e3 ,true,null,[],{"id":"c","deep":[[[["["]]]]}
    """
    static let body = Array(" [\(records),\n]\n".utf8)

    static func split(_ body: [UInt8], chunk: Int) throws -> [JSONValue] {
        var splitter = JSONArraySplitter()
        var records: [JSONValue] = []
        var start = 0
        while start < body.count {
            let end = min(body.count, start + chunk)
            try body[start..<end].withUnsafeBytes { piece in
                try splitter.feed(piece) { (record: [UInt8]) throws(JSONParseError) in records.append(try JSONParser.parse(record)) }
            }
            start = end
        }
        try splitter.finish()
        return records
    }

    static var expected: [JSONValue] {
        // The whole-body parser, given the same records without the trailing comma.
        guard case .array(let elements)? = try? JSONParser.parse(Array("[\(records)]".utf8)) else { return [] }
        return elements
    }

    @Test func everyChunkSizeGivesTheSameRecords() throws {
        let expected = Self.expected
        #expect(expected.count == 9)
        for chunk in 1...Self.body.count {
            #expect(try Self.split(Self.body, chunk: chunk) == expected, "chunks of \(chunk) bytes")
        }
    }

    /// The splitter skips string contents eight bytes at a time: an escaped quote, a backslash
    /// or a closing quote at every offset within a word is still seen.
    @Test func escapesAndQuotesAtEveryOffsetWithinAWord() throws {
        var records: [String] = []
        for offset in 0..<20 {
            let before = String(repeating: "a", count: offset), after = String(repeating: "b", count: 20 - offset)
            records.append(#"{"s":"\#(before)\"]}\#(after)","t":"\#(before)\\\#(after)","u":"\#(before)"}"#)
        }
        let text = "[" + records.joined(separator: ",") + "]"
        let body = Array(text.utf8)
        guard case .array(let expected)? = try? JSONParser.parse(body) else {
            Issue.record("the generated body does not parse")
            return
        }
        #expect(expected.count == 20)
        for chunk in [1, 3, 7, 8, 9, 64, body.count] {
            #expect(try Self.split(body, chunk: chunk) == expected, "chunks of \(chunk) bytes")
        }
    }

    @Test func everySplitPointGivesTheSameRecords() throws {
        let expected = Self.expected
        for cut in 0...Self.body.count {
            var splitter = JSONArraySplitter()
            var records: [JSONValue] = []
            for part in [Self.body[..<cut], Self.body[cut...]] {
                try part.withUnsafeBytes { piece in
                    try splitter.feed(piece) { (record: [UInt8]) throws(JSONParseError) in records.append(try JSONParser.parse(record)) }
                }
            }
            try splitter.finish()
            #expect(records == expected, "split at byte \(cut)")
        }
    }

    @Test func aBodyCutAnywhereSaysWhereAndKeepsTheRecordsBefore() {
        let expected = Self.expected
        let closing = Self.body.lastIndex(of: UInt8(ascii: "]")) ?? 0
        var places: Set<String> = []
        for length in 0...closing {
            var splitter = JSONArraySplitter()
            var records: [JSONValue] = []
            var failure: JSONParseError?
            do {
                try Self.body[..<length].withUnsafeBytes { piece in
                    try splitter.feed(piece) { (record: [UInt8]) throws(JSONParseError) in records.append(try JSONParser.parse(record)) }
                }
                try splitter.finish()
            } catch let error as JSONParseError {
                failure = error
            } catch {
                Issue.record("unexpected \(error)")
            }
            guard let failure else { Issue.record("a body of \(length) bytes read as complete"); continue }
            #expect(records == Array(expected.prefix(records.count)), "what was read is kept, in order")
            #expect(failure.offset == length)
            if let place = ["inside an escape", "inside a string", "inside a record", "before the array is closed", "is empty", "expected a JSON array"]
                .first(where: failure.reason.contains) { places.insert(place) } else { Issue.record("unclear: \(failure.reason)") }
        }
        #expect(places.isSuperset(of: ["inside an escape", "inside a string", "inside a record", "before the array is closed", "is empty"]))
    }

    @Test func whatIsNotAnArrayIsNamed() {
        for (text, words) in [("{\"data\":[]}", "expected a JSON array"), ("[1 2]", "expected ',' or ']'"), ("[1],x", "after the JSON array"),
                              ("[,1]", "a comma where an element should be"), ("[1}", "closes nothing")] {
            var splitter = JSONArraySplitter()
            #expect(throws: SplitterFailure<JSONParseError>.self, "\(text)") {
                try Array(text.utf8).withUnsafeBytes { piece in
                    try splitter.feed(piece) { (record: [UInt8]) throws(JSONParseError) in _ = try JSONParser.parse(record) }
                }
            }
            var again = JSONArraySplitter()
            do {
                try Array(text.utf8).withUnsafeBytes { piece in try again.feed(piece) { (_: [UInt8]) throws(JSONParseError) in } }
            } catch let failure as SplitterFailure<JSONParseError> {
                if case .malformed(let error) = failure {
                    #expect(error.reason.contains(words), "\(text): \(error.reason)")
                } else {
                    Issue.record("\(text): \(failure)")
                }
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }
}
