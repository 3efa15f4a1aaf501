/// Reads one JSON object's members without building the object: the caller is handed each
/// wanted member's value as its bytes (matched keys as bytes too), and every other value is
/// checked as JSON and skipped (docs/ARCHITECTURE.md, "The JSON reader and why"). It accepts
/// and refuses exactly what `JSONParser.parse` does, with the same errors at the same offsets,
/// because it runs on the same cursor.
extension JSONParser {
    /// Calls `body` with each wanted member, in document order (a repeated key each time).
    /// Returns false, having read nothing, when the document is valid JSON but not an object.
    /// A `JSONMemberValue` points into `bytes`: read it inside `body`, do not keep it.
    public static func forEachMember<Key>(
        ofObject bytes: UnsafeBufferPointer<UInt8>,
        wanted: (UnsafeBufferPointer<UInt8>) -> Key?,
        _ body: (Key, JSONMemberValue) -> Void
    ) throws(JSONParseError) -> Bool {
        try withoutActuallyEscaping(wanted) { (wanted) throws(JSONParseError) -> Bool in
            try readDocumentObject(bytes) { (cursor: inout JSONCursor) throws(JSONParseError) in
                try cursor.scanMemberValues(depth: 1, wanted: KeysChosenBy(choose: wanted), body)
            }
        }
    }

    /// What the whole-document readers share: the object is opened, `members` reads through
    /// its `}`, and only whitespace may follow. Anything but an object is read as the parser
    /// would, for its errors; valid JSON that is not an object returns false.
    private static func readDocumentObject(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ members: (inout JSONCursor) throws(JSONParseError) -> Void
    ) throws(JSONParseError) -> Bool {
        var cursor = JSONCursor(buffer: bytes)
        cursor.skipWhitespace()
        guard cursor.peek() == UInt8(ascii: "{") else {
            _ = try cursor.parseValue(depth: 0)
            cursor.skipWhitespace()
            guard cursor.atEnd else { throw cursor.error("unexpected text after the JSON value") }
            return false
        }
        cursor.advance()
        try members(&cursor)
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw cursor.error("unexpected text after the JSON value") }
        return true
    }

    /// `forEachMember(ofObject:wanted:_:)` for the keys of a table, numbered as it numbers
    /// them: not generic, so a caller in another module runs the loop specialized here.
    public static func forEachMember(
        ofObject bytes: UnsafeBufferPointer<UInt8>,
        wanted keys: ByteKeyTable,
        _ body: (Int, JSONMemberValue) -> Void
    ) throws(JSONParseError) -> Bool {
        try readDocumentObject(bytes) { (cursor: inout JSONCursor) throws(JSONParseError) in
            try cursor.scanMemberValues(depth: 1, wanted: keys, body)
        }
    }

    /// `forEachMember(ofObject:wanted:_:)` for an object that carries rows in an array (a
    /// list page's `data`): the first member `rowsKey` names, when its value is an array, is
    /// not handed to `body` but read row by row in the same pass. `rowsBegin` is called at its
    /// `[`; each row that is an object is offered to `readInPlace` (the bytes from its `{` to
    /// the end of the document; it returns how many it read, or nil to leave the row to be
    /// checked here), and every row not read in place is handed to `row`.
    public static func forEachMember(
        ofObject bytes: UnsafeBufferPointer<UInt8>,
        wanted keys: ByteKeyTable,
        rowsOf rowsKey: Int,
        rowsBegin: () -> Void,
        readInPlace: (UnsafeBufferPointer<UInt8>) -> Int?,
        row: (JSONMemberValue) -> Void,
        _ body: (Int, JSONMemberValue) -> Void
    ) throws(JSONParseError) -> Bool {
        var rowsSeen = false
        return try readDocumentObject(bytes) { (cursor: inout JSONCursor) throws(JSONParseError) in
            try cursor.scanObjectMembers(depth: 1, wanted: keys) { (key: Int, cursor: inout JSONCursor) throws(JSONParseError) in
                if key == rowsKey, !rowsSeen, cursor.peek() == UInt8(ascii: "[") {
                    rowsSeen = true
                    cursor.advance()
                    rowsBegin()
                    try cursor.scanArrayElements { (cursor: inout JSONCursor) throws(JSONParseError) in
                        if cursor.peek() == UInt8(ascii: "{"), let length = readInPlace(UnsafeBufferPointer(rebasing: cursor.buffer[cursor.index...])) {
                            cursor.index += length
                            return
                        }
                        row(try cursor.skippedValue(depth: 2))
                    }
                    return
                }
                if key == rowsKey { rowsSeen = true }
                body(key, try cursor.skippedValue(depth: 1))
            }
        }
    }

    /// Reads the object that `bytes` starts with (its `{` first) without looking past its
    /// closing brace, and returns how many bytes it took: a record read in place, straight
    /// from the piece of a body that holds it. nil when `bytes` ends inside the object or the
    /// object is malformed; the caller then reads it the strict way, for the whole of it or
    /// for its error, and drops whatever `body` was handed.
    public static func forEachMember(
        ofLeadingObject bytes: UnsafeBufferPointer<UInt8>,
        wanted keys: ByteKeyTable,
        _ body: (Int, JSONMemberValue) -> Void
    ) -> Int? {
        var cursor = JSONCursor(buffer: bytes)
        guard cursor.peek() == UInt8(ascii: "{") else { return nil }
        cursor.advance()
        do {
            try cursor.scanMemberValues(depth: 1, wanted: keys, body)
        } catch {
            return nil
        }
        return cursor.index
    }
}

extension JSONCursor {
    /// An object's members, handing on the wanted ones as they are found: `read` is called at
    /// each wanted member's value and must move past it. Called after `{`; consumes through
    /// `}`; accepts one trailing comma.
    mutating func scanObjectMembers<Keys: JSONKeyChoice>(
        depth: Int,
        wanted: Keys,
        read: (Keys.Key, inout JSONCursor) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key in object") }
            let key = try scanKey(wanted)
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            index += 1
            skipWhitespace()
            if let key {
                try read(key, &self)
            } else {
                try skipValue(depth: depth)
            }
            skipWhitespace()
            guard let byte = peek() else { throw error("unterminated object") }
            if byte == UInt8(ascii: "}") { index += 1; return }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}' in object") }
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { index += 1; return }
        }
    }

    /// The wanted members with each value as its checked bytes, building nothing.
    mutating func scanMemberValues<Keys: JSONKeyChoice>(
        depth: Int,
        wanted: Keys,
        _ body: (Keys.Key, JSONMemberValue) -> Void
    ) throws(JSONParseError) {
        try scanObjectMembers(depth: depth, wanted: wanted) { (key: Keys.Key, cursor: inout JSONCursor) throws(JSONParseError) in
            body(key, try cursor.skippedValue(depth: depth))
        }
    }

    /// The value here, checked and moved past, as its bytes.
    mutating func skippedValue(depth: Int) throws(JSONParseError) -> JSONMemberValue {
        let start = index
        if peek() == UInt8(ascii: "\""), let end = plainStringEnd() {
            index = end + 1
            return JSONMemberValue(UnsafeBufferPointer(rebasing: buffer[start..<index]), isPlainString: true)
        }
        try skipValue(depth: depth)
        return JSONMemberValue(UnsafeBufferPointer(rebasing: buffer[start..<index]), isPlainString: false)
    }

    /// A key's bytes as `wanted` sees them: the bytes themselves, or, when the key has an
    /// escape, the UTF-8 of what it spells.
    private mutating func scanKey<Keys: JSONKeyChoice>(_ wanted: Keys) throws(JSONParseError) -> Keys.Key? {
        let start = index + 1
        if let end = plainStringEnd() {
            index = end + 1
            return wanted.key(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
        let decoded = Array(try parseString().utf8)
        return decoded.withUnsafeBufferPointer { wanted.key($0) }
    }

    /// At an opening quote: where the closing quote is, when the string has no escape.
    /// Inlined: it runs for every key and string of every record.
    @inline(__always)
    private func plainStringEnd() -> Int? {
        var end = index + 1
        // Eight bytes at a time while neither a quote nor a backslash is among them.
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while end + 8 <= buffer.count {
                let word = raw.loadUnaligned(fromByteOffset: end, as: UInt64.self).littleEndian
                let stops = ByteWord.firstMatches(0x22, in: word) | ByteWord.firstMatches(0x5C, in: word)
                if stops != 0 {
                    end += ByteWord.firstByte(of: stops)
                    return buffer[end] == UInt8(ascii: "\"") ? end : nil
                }
                end += 8
            }
        }
        while end < buffer.count {
            let byte = buffer[end]
            if byte == UInt8(ascii: "\"") { return end }
            if byte == UInt8(ascii: "\\") { return nil }
            end += 1
        }
        return nil
    }

    /// Checks one value as `parseValue` would (the same errors at the same offsets) and moves
    /// past it, building nothing but the rare string with an escape.
    mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            try scanObjectMembers(depth: depth + 1, wanted: NoKeys()) { _, _ in }
        case UInt8(ascii: "["):
            guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            try scanArrayElements { (cursor: inout JSONCursor) throws(JSONParseError) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            if let end = plainStringEnd() {
                index = end + 1
            } else {
                _ = try parseString()
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        case UInt8(ascii: "n"):
            // Four bytes compared as one word; anything else gets the literal's own errors.
            if index + 4 <= buffer.count, let base = buffer.baseAddress,
               UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian == 0x6C6C_756E {
                index += 4
            } else {
                try expectLiteral("null")
            }
        default:
            _ = try parseValue(depth: depth)
        }
    }
}

/// Which keys of an object a reader wants, and as what: a type, not a closure, so that the
/// scanner's loop is specialized for it and a table lookup is inlined into it.
protocol JSONKeyChoice {
    associatedtype Key
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key?
}

extension ByteKeyTable: JSONKeyChoice {
    @inline(__always)
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? { index(of: bytes) }
}

/// Every key, as a `String` (the parser building an object).
struct EveryKeyAsText: JSONKeyChoice {
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { String(decoding: bytes, as: UTF8.self) }
}

/// No key (a value checked and skipped).
struct NoKeys: JSONKeyChoice {
    func key(_: UnsafeBufferPointer<UInt8>) -> Never? { nil }
}

/// The keys a caller's function chooses.
struct KeysChosenBy<Key>: JSONKeyChoice {
    let choose: (UnsafeBufferPointer<UInt8>) -> Key?
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? { choose(bytes) }
}

/// One member's value as the member scanner found it: its JSON text, already checked. The
/// common shapes (a string without escapes, a number, `null`) are read straight from the
/// bytes; anything else is parsed into a `JSONValue` when asked, so every accessor answers
/// exactly what the same accessor of `JSONValue` answers. It points into the document: read it
/// while the scanner's caller is handed it.
public struct JSONMemberValue: JSONFieldValue {
    /// The value's JSON text (a string with its quotes).
    public let bytes: UnsafeBufferPointer<UInt8>
    /// A string without an escape, as the scanner found it.
    private let isPlainString: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>, isPlainString: Bool) {
        self.bytes = bytes
        self.isPlainString = isPlainString
    }

    /// The value built, for the shapes the fast accessors leave to it.
    public var value: JSONValue {
        (try? JSONParser.parse(bytes)) ?? .null
    }

    public var isNull: Bool { bytes.first == UInt8(ascii: "n") }

    private var isNumber: Bool {
        guard let first = bytes.first else { return false }
        return first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39)
    }

    /// A string's contents when it has no escape (what it spells is then its bytes).
    public var plainString: UnsafeBufferPointer<UInt8>? {
        isPlainString ? UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]) : nil
    }

    /// As `JSONValue.text`.
    public var text: String? {
        if let contents = plainString { return String(decoding: contents, as: UTF8.self) }
        if isNumber { return String(decoding: bytes, as: UTF8.self) }
        if isNull { return nil }
        return value.text
    }

    /// As `JSONValue.nonEmptyText`.
    public var nonEmptyText: String? {
        if let contents = plainString { return contents.isEmpty ? nil : String(decoding: contents, as: UTF8.self) }
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// Whether the value is the empty string (`text == ""`).
    public var isEmptyString: Bool { bytes.count == 2 && bytes[0] == UInt8(ascii: "\"") }

    public func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        if let contents = plainString { return body(contents) }
        guard bytes.first == UInt8(ascii: "\""), case .string(var text) = value else { return nil }
        return text.withUTF8(body)
    }

    /// As `JSONValue.numberText`.
    public var numberText: String? {
        if isNumber { return String(decoding: bytes, as: UTF8.self) }
        if isNull { return nil }
        return value.numberText
    }

    /// As `JSONValue.intValue`; plain integers are read from their digits.
    public var intValue: Int? {
        if let plain = Self.plainInteger(bytes) { return plain }
        if isNull { return nil }
        return value.intValue
    }

    /// As `JSONValue.doubleValue`; a short decimal is read from its digits.
    public var doubleValue: Double? {
        if let plain = Self.plainDecimal(bytes) { return plain }
        if isNumber { return Double(String(decoding: bytes, as: UTF8.self)) }
        if isNull { return nil }
        return value.doubleValue
    }

    /// `-?[0-9]+(\.[0-9]+)?` with at most fifteen digits, as the Double nearest to it: the
    /// digits as an integer are exact in a Double, as is a power of ten up to 10^22, so one
    /// division rounds once, correctly (Clinger's fast path) and gives what `Double(_:)` gives.
    /// nil for any other text, which `Double(_:)` reads.
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let first = bytes.first, bytes.count <= 17 else { return nil }
        let negative = first == UInt8(ascii: "-")
        var mantissa = 0
        var digits = 0
        var fractionDigits: Int?
        for byte in bytes[(negative ? 1 : 0)...] {
            if byte == UInt8(ascii: "."), fractionDigits == nil, digits > 0 {
                fractionDigits = 0
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            mantissa = mantissa &* 10 &+ Int(byte &- 0x30)
            digits += 1
            if let count = fractionDigits { fractionDigits = count + 1 }
        }
        guard digits > 0, digits <= 15, fractionDigits != 0 else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits ?? 0]
        return negative ? -magnitude : magnitude
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// `-?[0-9]{1,18}` as an Int (no overflow is possible in eighteen digits); nil for any
    /// other text, which the general reading handles.
    private static func plainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = bytes.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        let digits = negative ? 1 : 0
        guard bytes.count > digits, bytes.count - digits <= 18 else { return nil }
        var value = 0
        for byte in bytes[digits...] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ Int(byte &- 0x30)
        }
        return negative ? -value : value
    }
}

/// What a record mapper reads of a field, from a built `JSONValue` or from a member's bytes
/// alike, so one mapping serves both readings.
public protocol JSONFieldValue {
    var isNull: Bool { get }
    /// A string, a number's text, `true` or `false`.
    var text: String? { get }
    /// `text` when it is not empty: providers send `""` where they mean "none".
    var nonEmptyText: String? { get }
    var isEmptyString: Bool { get }
    var intValue: Int? { get }
    var doubleValue: Double? { get }
    /// A number's text, or a string's that spells a JSON number.
    var numberText: String? { get }
    /// Calls `body` with what a string value spells, as UTF-8; nil for any other value.
    func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R?
}

extension JSONValue: JSONFieldValue {
    public var isEmptyString: Bool { self == .string("") }

    public func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard case .string(var text) = self else { return nil }
        return text.withUTF8(body)
    }
}
