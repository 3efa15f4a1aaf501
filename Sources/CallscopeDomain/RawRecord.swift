/// Whether a record's bytes can be written out as they came instead of re-serialized from the
/// parsed value (docs/ARCHITECTURE.md, "The JSON reader and why"). Only when copying gives
/// exactly the bytes re-serializing would: compact (no whitespace between tokens), no
/// backslash escape (the writer spells those its own way), valid UTF-8, and nothing the
/// writer escapes for terminals — no raw control, DEL, C1 control, line or paragraph
/// separator, bidi or direction mark.
public enum RawRecord {
    public static func isCopyable(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(isCopyable)
    }

    public static func isCopyable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var inString = false
        var sawNonASCII = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x00..<0x20, 0x5C, 0x7F:
                return false
            case 0x22:
                inString.toggle()
            case 0x20:
                if !inString { return false }
            case 0xC2:
                // U+0080…U+009F, the C1 controls.
                if index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) { return false }
                sawNonASCII = true
            case 0xE2:
                // U+200E/F, U+2028…U+202E, U+2066…U+2069.
                if index + 2 < count {
                    let (second, third) = (bytes[index + 1], bytes[index + 2])
                    if second == 0x80, third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third) { return false }
                    if second == 0x81, (0xA6...0xA9).contains(third) { return false }
                }
                sawNonASCII = true
            case 0x80...:
                sawNonASCII = true
            default:
                break
            }
            index += 1
        }
        // The reader repairs invalid UTF-8 (U+FFFD); a copy would not.
        return !sawNonASCII || String(validating: bytes, as: UTF8.self) != nil
    }
}

/// A record's bytes kept beside `Call.fields` only to be copied to output. They are a cache of
/// `fields`, so they take no part in equality or hashing: a call read in pieces equals the same
/// call read whole, copied or not.
public struct RawFields: Sendable, Hashable {
    public var bytes: [UInt8]?

    public init(_ bytes: [UInt8]? = nil) {
        self.bytes = bytes
    }

    public static func == (_: RawFields, _: RawFields) -> Bool { true }
    public func hash(into _: inout Hasher) {}
}
