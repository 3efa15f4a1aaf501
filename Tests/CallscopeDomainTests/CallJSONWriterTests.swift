import CallscopeDomain
import Foundation
import Testing

/// The direct call writer `list` uses is byte for byte what encoding `Call.jsonValue` gives,
/// and the fast string path escapes exactly what the slow one does.
@Suite("Writing calls as JSON")
struct CallJSONWriterTests {
    static let hostile = ["plain", "", "quote \" and \\ backslash", "tab\tnewline\n", "\u{1B}[31mred", "C1 \u{85}\u{9B}",
                          "bidi \u{202E}gnp.exe", "line\u{2028}sep", "王小明 🛰", "é composed e\u{301}", "\u{7F}del", "NUL \u{0}"]

    static func calls() -> [Call] {
        hostile.enumerated().map { index, text in
            var call = Call(id: "id-\(index)-\(text)", provider: index % 2 == 0 ? .voxo : .vobiz,
                            fields: JSONObject([("name", .string(text)), ("n", .number("1.390")), ("nested", .array([.null, .bool(true)]))]))
            call.startTime = index % 3 == 0 ? nil : Date(timeIntervalSince1970: 1_774_440_000 + Double(index))
            call.callerName = text
            call.durationSeconds = index % 4 == 0 ? nil : index * 61
            call.cost = index % 2 == 0 ? "0.0125" : nil
            call.mos = index % 5 == 0 ? nil : 4.4
            call.status = index % 2 == 0 ? .answered : .failed
            call.direction = .inbound
            return call
        }
    }

    @Test func theDirectWriterMatchesTheValueEncoding() {
        for call in Self.calls() {
            var writer = JSONWriter()
            writer.write(call)
            #expect(writer.bytes == JSONWriter.encode(call.jsonValue), "\(call.id)")
        }
    }

    @Test func theFastStringPathEscapesWhatTheSlowOneDoes() {
        for text in Self.hostile {
            var writer = JSONWriter()
            writer.writeString(text)
            let written = String(decoding: writer.bytes, as: UTF8.self)
            // Nothing a terminal would act on is left raw, and the text reads back unchanged.
            #expect(!written.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || [0x2028, 0x202E].contains($0.value) }, "\(written)")
            #expect((try? JSONParser.parse(writer.bytes)) == .string(text), "\(text)")
        }
        var plain = JSONWriter()
        plain.writeString("abc 王")
        #expect(plain.bytes == Array("\"abc 王\"".utf8))
    }

    @Test func recordsAreCopiedOnlyWhenCopyingEqualsReserializing() {
        let copyable = [#"{"a":"x y","n":1.390,"b":[true,null,{}]}"#, #"{"name":"王小明 🛰","k":"é"}"#, "{}"]
        for text in copyable {
            let bytes = Array(text.utf8)
            #expect(RawRecord.isCopyable(bytes), "\(text)")
            // What the copy stands for: re-serializing the parsed record gives the same bytes.
            #expect((try? JSONParser.parse(bytes)).map(JSONWriter.encode) == bytes, "\(text)")
        }
        let not: [[UInt8]] = [
            Array(#"{"a": 1}"#.utf8), Array("{\"a\":1}\n".utf8), Array(#"{"a":"\u001b[31m"}"#.utf8), Array(#"{"a":"\/"}"#.utf8),
            Array("{\"a\":\"\u{85}\"}".utf8), Array("{\"a\":\"\u{202E}gnp\"}".utf8), Array("{\"a\":\"\u{2028}\"}".utf8),
            Array("{\"a\":\"\u{200F}\"}".utf8), Array("{\"a\":\"\u{7F}\"}".utf8), [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],
        ]
        for bytes in not {
            #expect(!RawRecord.isCopyable(bytes), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func aCopiedRecordWritesTheSameBytesAsTheParsedOne() throws {
        let bytes = Array(#"{"id":"abc","time":"10/10/22 23:07:20","cost":1.390,"name":"王小明","legs":[1,2]}"#.utf8)
        var call = Call(id: "abc", provider: .voxo, fields: try #require(try JSONParser.parse(bytes).objectValue))
        call.startTime = Date(timeIntervalSince1970: 1_774_440_000)
        var parsed = JSONWriter()
        parsed.write(call)
        let withoutBytes = call
        call.record = ProviderRecord(bytes: bytes)
        #expect(call == withoutBytes, "the bytes are a cache of the fields, not part of the call")
        var copied = JSONWriter()
        copied.write(call)
        #expect(copied.bytes == parsed.bytes)
    }

    /// The check skips eight bytes at a time and counts the quotes in them: a space just outside
    /// or inside a string, at every offset within a word, must still be told apart.
    @Test func theWordSkipTellsSpacesInsideStringsFromSpacesOutsideAtEveryOffset() throws {
        for padding in 0..<16 {
            for spaceAt in 0..<24 {
                let filler = String(repeating: "k", count: padding)
                let value = String(repeating: "v", count: spaceAt) + " " + String(repeating: "w", count: 24 - spaceAt)
                let inside = Array(#"{"\#(filler)":"\#(value)","q":"a\#(filler)b","n":12345678}"#.utf8)
                #expect(RawRecord.isCopyable(inside), "\(String(decoding: inside, as: UTF8.self))")
                #expect(try JSONWriter.encode(JSONParser.parse(inside)) == inside)
                let outside = Array(#"{"\#(filler)":"\#(String(repeating: "v", count: spaceAt))","q":\#(String(repeating: " ", count: 1))1}"#.utf8)
                #expect(!RawRecord.isCopyable(outside), "\(String(decoding: outside, as: UTF8.self))")
            }
        }
    }

    @Test func integersAreWrittenAsTheirDecimalText() {
        for value in [0, 7, -7, 10, 99, 100, 1_774_440_000, -1_000_000, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            var writer = JSONWriter()
            writer.writeInteger(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
        }
    }
}
