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
        let base = UnsafeRawPointer(bytes.baseAddress)
        while index < count {
            // Eight bytes at a time past printable ASCII that needs nothing (no backslash, space,
            // control, DEL or byte over 0x7F); quotes in it only flip whether we are in a string.
            if let base, index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if Self.needsNothing(word) {
                    if ByteWord.count(0x22, in: word) & 1 == 1 { inString.toggle() }
                    index += 8
                    continue
                }
            }
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

    /// Whether all eight bytes are in 0x21…0x7E and none is a backslash.
    private static func needsNothing(_ word: UInt64) -> Bool {
        !ByteWord.hasByte(word, below: 0x21) && !ByteWord.hasHighByte(word)
            && !ByteWord.contains(word, 0x5C) && !ByteWord.contains(word, 0x7F)
    }
}

/// The provider's record as it came, in order and with its exact number text: either parsed,
/// or the bytes it arrived in, read when something asks for it (the detail pane, `--format
/// json`). Keeping bytes costs less memory than the parsed tree and nothing to read when the
/// call is only listed or counted; bytes that pass `RawRecord.isCopyable` are written to JSON
/// output as they are.
public struct ProviderRecord: Sendable, Hashable {
    private enum Storage: Sendable {
        case parsed(JSONObject)
        case bytes([UInt8])
    }

    private var storage: Storage

    public init(_ object: JSONObject = JSONObject()) {
        storage = .parsed(object)
    }

    /// `bytes` must hold one JSON object (the reader that found it has checked it).
    public init(bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    public var object: JSONObject {
        switch storage {
        case .parsed(let object): return object
        case .bytes(let bytes): return (try? JSONParser.parse(bytes))?.objectValue ?? JSONObject()
        }
    }

    /// The bytes, when writing them out gives what re-serializing `object` would. Checked
    /// when asked (only output asks), not when read.
    public var copyableBytes: [UInt8]? {
        if case .bytes(let bytes) = storage, RawRecord.isCopyable(bytes) { return bytes }
        return nil
    }

    /// Records are equal when they say the same, however each is kept.
    public static func == (a: ProviderRecord, b: ProviderRecord) -> Bool {
        if case .bytes(let x) = a.storage, case .bytes(let y) = b.storage, x == y { return true }
        return a.object == b.object
    }

    /// Hashes nothing, so that equal records hash alike without reading the bytes; a call's
    /// other fields (its id first) tell calls apart.
    public func hash(into _: inout Hasher) {}
}
