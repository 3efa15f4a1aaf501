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
                }) { key, value in seen.append("\(key)=\(JSONWriter.string(value))") }
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
}
