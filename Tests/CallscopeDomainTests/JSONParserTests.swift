import Testing
@testable import CallscopeDomain
@testable import CallscopeJSON

@Suite("JSON reading and writing")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func keepsKeyOrderAndNumberText() throws {
        let value = try parse(#"{"b": 1.390, "a": -0, "c": 1e3, "d": [true, false, null]}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "c", "d"])
        #expect(object["b"] == .number("1.390"))
        #expect(object["a"] == .number("-0"))
        #expect(object["c"]?.doubleValue == 1000)
        #expect(object["d"] == .array([.bool(true), .bool(false), .null]))
    }

    @Test func acceptsTrailingCommas() throws {
        #expect(try parse("[1, 2, ]") == .array([.number("1"), .number("2")]))
        #expect(try parse(#"{"a": 1,}"#).objectValue?["a"] == .number("1"))
        #expect(try parse("[ ]") == .array([]))
    }

    @Test func decodesEscapesAndSurrogates() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        // A lone surrogate is replaced, not fatal.
        #expect(try parse(#""x\ud800y""#) == .string("x\u{FFFD}y"))
    }

    @Test func repairsInvalidUTF8() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(try JSONParser.parse(bytes) == .string("a\u{FFFD}b"))
    }

    @Test(arguments: [
        "", "[1, 2", #"{"a": 1"#, #"{"a" 1}"#, "<html><body>502</body></html>", "[1,,2]", "tru", "01x", "[1] [2]", #""abc"#,
    ])
    func rejectsBrokenDocuments(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func namesHTMLAndTruncation() {
        let html = #expect(throws: JSONParseError.self) { try parse("<html>") }
        #expect(html?.reason.contains("HTML") == true)
        let cut = #expect(throws: JSONParseError.self) { try parse(#"{"data": [1, 2"#) }
        #expect(cut?.description.contains("ends early") == true)
    }

    @Test func refusesHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try parse(deep) }
    }

    @Test func streamsArrayElements() throws {
        var seen: [JSONValue] = []
        try JSONParser.forEachElement(ofArray: Array(#"[{"a":1},{"a":2},]"#.utf8)) { seen.append($0) }
        #expect(seen.count == 2)
        #expect(seen[1].objectValue?["a"] == .number("2"))
    }

    @Test func writerEscapesControlsForTerminals() {
        let written = JSONWriter.string(.object(JSONObject([("name", .string("\u{1B}]52;c;x\u{07}\u{9B}2J\u{2028}\"é"))])))
        #expect(written == #"{"name":"\u001b]52;c;x\u0007\u009b2J\u2028\"é"}"#)
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func roundTripsThroughWriter() throws {
        let text = #"{"z":[1,2.50,{"k":null}],"a":"ü","b":false}"#
        #expect(JSONWriter.string(try parse(text)) == text)
    }
}
