import CallscopeDomain
import Testing

/// The member scanner builds values only for wanted keys, and accepts and refuses exactly what
/// the parser does, at the same offsets.
struct JSONMemberScannerTests {
    /// (wanted key, value) pairs the scanner hands on, or its error.
    func scan(_ text: String, wanting keys: Set<String>) -> Result<[String]?, JSONParseError> {
        let bytes = Array(text.utf8)
        return Result { () throws(JSONParseError) -> [String]? in
            var seen: [String] = []
            let isObject = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> Bool in
                try JSONParser.forEachMember(ofObject: buffer, wanted: { key -> String? in
                    let name = String(decoding: key, as: UTF8.self)
                    return keys.contains(name) ? name : nil
                }) { key, value in seen.append("\(key)=\(JSONWriter.string(value.value))") }
            }
            return isObject ? seen : nil
        }
    }

    @Test func wantedMembersComeInDocumentOrderWithTheirValues() throws {
        let text = #"{"a":1,"skip":{"x":[1,2,{"y":"z"}]},"b":"two","c":true,"a":null, "d" : -1.5e3 ,}"#
        #expect(try scan(text, wanting: ["a", "b", "d"]).get() == ["a=1", "b=\"two\"", "a=null", "d=-1.5e3"])
        // An escaped key is matched by what it spells.
        #expect(try scan(#"{"\u0061":"x","b\"":2}"#, wanting: ["a", "b\""]).get() == ["a=\"x\"", "b\"=2"])
    }

    @Test func anythingButAnObjectIsReadAndReportedAsNotOne() throws {
        #expect(try scan("[1,2]", wanting: ["a"]).get() == nil)
        #expect(try scan(" 42 ", wanting: ["a"]).get() == nil)
    }

    @Test func itRefusesWhatTheParserRefusesAtTheSameOffset() {
        let documents = [
            #"{"a":1"#, #"{"a":01x}"#, #"{"skip":1.}"#, #"{"skip":-}"#, #"{"skip":1e}"#, #"{"skip":"\q"}"#, #"{"skip":"\u12"}"#,
            #"{"skip":tru}"#, #"{"skip":[1,}"#, #"{"skip":{"k" 1}}"#, #"{"a" 1}"#, #"{a:1}"#, #"{"a":1}x"#, #"{"a":1,,}"#,
            #"{"skip":"unterminated}"#, "{\"skip\":" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}", "",
            #"{"a":"x"} {"#, #"<html>"#,
        ]
        for text in documents {
            let parsed = Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(Array(text.utf8)) }
            guard case .failure(let expected) = parsed else { Issue.record("the parser read \(text)"); continue }
            switch scan(text, wanting: ["a"]) {
            case .failure(let error): #expect(error == expected, "\(text)")
            case .success: Issue.record("the scanner read \(text), which the parser refuses with \(expected)")
            }
        }
    }

    @Test func aLeadingObjectIsReadUpToItsBraceAndRefusedWhenCutShort() throws {
        let object = #"{"a":"x","skip":{"n":[1,"}"]},"b":-2.5,"c":null,}"#
        let bytes = Array((object + #",{"a":"next"}]"#).utf8)
        var seen: [String] = []
        let keys = ByteKeyTable(["a", "b", "c"])
        let length = bytes.withUnsafeBufferPointer { JSONParser.forEachMember(ofLeadingObject: $0, wanted: keys) { seen.append("\($0)=\(JSONWriter.string($1.value))") } }
        #expect(length == object.utf8.count)
        #expect(seen == ["0=\"x\"", "1=-2.5", "2=null"])
        // Every cut inside the object, and a malformed one, is left to the strict reading.
        for cut in 0..<object.utf8.count {
            let prefix = Array(object.utf8.prefix(cut))
            #expect(prefix.withUnsafeBufferPointer { JSONParser.forEachMember(ofLeadingObject: $0, wanted: keys) { _, _ in } } == nil, "cut at \(cut)")
        }
        let malformed = Array(#"{"a" 1}"#.utf8)
        #expect(malformed.withUnsafeBufferPointer { JSONParser.forEachMember(ofLeadingObject: $0, wanted: keys) { _, _ in } } == nil)
    }

    /// A member's bytes answer what the built value answers, for every shape.
    @Test func memberValuesReadAsTheirBuiltValues() throws {
        let values = [
            #""plain""#, #""""#, #"" 42 ""#, #""4.5""#, #""esc\"aped\u00e9""#, #""\u0000""#, "0", "-0", "7", "-12", "007",
            "123456789012345678", "1234567890123456789", "-9223372036854775808", "9223372036854775808", "1.5", "-0.25", "1e3",
            "2.5E-3", "0.1", "3.14159265358979", "123456789012345.6", "1e400", "-1e400", "true", "false", "null", "[1]",
            #"{"k":1}"#, #""9.99""#, #""1e2""#, #""x1""#,
        ]
        for text in values {
            let document = Array(#"{"v":\#(text)}"#.utf8)
            let built = try #require(try JSONParser.parse(document).objectValue?["v"])
            var checked = false
            _ = try document.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> Bool in
                try JSONParser.forEachMember(ofObject: buffer, wanted: ByteKeyTable(["v"])) { _, member in
                    checked = true
                    #expect(member.value == built, "\(text)")
                    #expect(member.text == built.text, "\(text)")
                    #expect(member.nonEmptyText == built.nonEmptyText, "\(text)")
                    #expect(member.isNull == built.isNull, "\(text)")
                    #expect(member.isEmptyString == (built == .string("")), "\(text)")
                    #expect(member.intValue == built.intValue, "\(text)")
                    #expect(member.doubleValue == built.doubleValue, "\(text)")
                    #expect(member.withStringBytes { Array($0) } == built.withStringBytes { Array($0) }, "\(text)")
                }
            }
            #expect(checked, "\(text)")
        }
    }

    /// Short decimals are read from their digits; the result must be the Double the standard
    /// library reads, for any digits.
    @Test func shortDecimalsReadAsTheStandardLibraryReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &generator)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...digits, using: &generator)
            if point > 0, point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if Bool.random(using: &generator) { text = "-" + text }
            let document = Array(#"{"v":\#(text)}"#.utf8)
            _ = try document.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> Bool in
                try JSONParser.forEachMember(ofObject: buffer, wanted: ByteKeyTable(["v"])) { _, member in
                    #expect(member.doubleValue == Double(text), "\(text)")
                }
            }
        }
    }

    @Test func theKeyTableFindsItsKeysAndNothingElse() {
        let keys = ["", "a", "id", "abc", "time", "state", "lecType", "uniqueId", "dialedNum", "packetLoss", "callerIdName",
                    "prevUniqueId", "nextUniqueId", "jurisdiction", "callerIdNumber", "afterAnswerDuration", "afterAnswerDurationX",
                    "afterQnswerDuration", String(repeating: "k", count: 40)]
        let table = ByteKeyTable(keys)
        for (index, key) in keys.enumerated() {
            #expect(Array(key.utf8).withUnsafeBufferPointer(table.index(of:)) == index, "\(key)")
        }
        // Near misses: one byte changed at every position, or one byte more or less.
        for key in keys where !key.isEmpty {
            var bytes = Array(key.utf8)
            for position in bytes.indices {
                let original = bytes[position]
                bytes[position] = original ^ 0x20
                let changed = String(decoding: bytes, as: UTF8.self)
                #expect(bytes.withUnsafeBufferPointer(table.index(of:)) == keys.firstIndex(of: changed), "\(changed)")
                bytes[position] = original
            }
            #expect(Array(bytes.dropLast()).withUnsafeBufferPointer(table.index(of:)) == keys.firstIndex(of: String(key.dropLast())))
            #expect((bytes + [0x41]).withUnsafeBufferPointer(table.index(of:)) == keys.firstIndex(of: key + "A"))
        }
    }

    /// Strings are scanned eight bytes at a time: a quote, an escape or a byte over 0x7F at
    /// every offset of a word, in keys and values, reads as the parser reads it.
    @Test func stringsReadAsTheParserReadsThemWhereverTheirStopsFall() throws {
        for length in 0..<20 {
            for stop in ["\\\"", "\\\\", "\\u00e9", "é", "\u{7F}"] {
                for position in 0...length {
                    var text = String(repeating: "a", count: length)
                    text.insert(contentsOf: stop, at: text.index(text.startIndex, offsetBy: position))
                    let document = Array(#"{"k\#(text)":"\#(text)","v":"\#(text)"}"#.utf8)
                    let built = try #require(try JSONParser.parse(document).objectValue)
                    var seen: [String: String] = [:]
                    _ = try document.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> Bool in
                        try JSONParser.forEachMember(ofObject: buffer, wanted: { String(decoding: $0, as: UTF8.self) }) { key, member in
                            seen[key] = member.text
                        }
                    }
                    #expect(seen == Dictionary(uniqueKeysWithValues: built.members.map { ($0.key, $0.value.text ?? "") }), "\(text)")
                }
            }
        }
    }
}
