/// Why a document could not be read as JSON, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public var description: String { "\(reason) at byte \(offset)" }

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}

/// A lenient, fast JSON reader over raw bytes.
///
/// Lenient where providers are known to be sloppy: a trailing comma before `]` or `}`
/// (the VOXO sample ends its array that way), raw control characters inside strings, and
/// bytes that are not UTF-8 (replaced by U+FFFD). Strict everywhere else, so truncated or
/// HTML bodies are reported, never half-read. Keeps key order and number text.
public enum JSONParser {
    /// Deep enough for any real CDR; shallow enough that hostile nesting cannot exhaust the stack.
    public static let maximumDepth = 256

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try withCursor(bytes) { (cursor: inout JSONCursor) throws(JSONParseError) -> JSONValue in try cursor.parseDocument() }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var cursor = JSONCursor(buffer: bytes)
        return try cursor.parseDocument()
    }

    /// Reads a top-level array element by element, handing each to `body` without keeping
    /// the whole array: a day of VOXO calls maps in one pass at constant extra memory.
    public static func forEachElement(
        ofArray bytes: [UInt8],
        _ body: (JSONValue) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        try withCursor(bytes) { (cursor: inout JSONCursor) throws(JSONParseError) -> Void in
            cursor.skipWhitespace()
            guard cursor.peek() == UInt8(ascii: "[") else { throw cursor.error("expected a JSON array") }
            cursor.advance()
            try cursor.parseArrayElements(depth: 1) { (value: JSONValue) throws(JSONParseError) -> Void in
                try body(value)
            }
            cursor.skipWhitespace()
            guard cursor.atEnd else { throw cursor.error("unexpected text after the JSON array") }
        }
    }

    private static func withCursor<R>(
        _ bytes: [UInt8],
        _ body: (inout JSONCursor) throws(JSONParseError) -> R
    ) throws(JSONParseError) -> R {
        let result: Result<R, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer: buffer)
            do throws(JSONParseError) {
                return .success(try body(&cursor))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

struct JSONCursor {
    let buffer: UnsafeBufferPointer<UInt8>
    var index = 0

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    var atEnd: Bool { index >= buffer.count }

    @inline(__always)
    func peek() -> UInt8? { index < buffer.count ? buffer[index] : nil }

    mutating func advance() { index += 1 }

    func error(_ reason: String) -> JSONParseError {
        JSONParseError(offset: index, reason: atEnd ? "\(reason) (the body ends early)" : reason)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        // Compact JSON has none: one compare and out.
        if index < buffer.count, buffer[index] > 0x20 { return }
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// One value with nothing but whitespace around it.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard atEnd else { throw error("unexpected text after the JSON value") }
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            return .object(try parseObjectMembers(depth: depth + 1))
        case UInt8(ascii: "["):
            guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            var elements: [JSONValue] = []
            try parseArrayElements(depth: depth + 1) { (value: JSONValue) throws(JSONParseError) -> Void in
                elements.append(value)
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error(byte == UInt8(ascii: "<") ? "found HTML or XML where JSON was expected" : "unexpected character")
        }
    }

    /// Called after `[`; consumes through `]`. Accepts one trailing comma.
    mutating func parseArrayElements(
        depth: Int,
        _ body: (JSONValue) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        try scanArrayElements { (cursor: inout JSONCursor) throws(JSONParseError) in try body(try cursor.parseValue(depth: depth)) }
    }

    /// An array's elements, `read` called at each one and moving past it. Called after `[`;
    /// consumes through `]`. Accepts one trailing comma.
    mutating func scanArrayElements(_ read: (inout JSONCursor) throws(JSONParseError) -> Void) throws(JSONParseError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return }
        while true {
            skipWhitespace()
            try read(&self)
            skipWhitespace()
            guard let byte = peek() else { throw error("unterminated array") }
            if byte == UInt8(ascii: "]") { index += 1; return }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' in array") }
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { index += 1; return }
        }
    }

    /// Called after `{`; consumes through `}`. Accepts one trailing comma.
    mutating func parseObjectMembers(depth: Int) throws(JSONParseError) -> JSONObject {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(16)
        try scanObjectMembers(depth: depth, wanted: EveryKeyAsText()) { (key: String, cursor: inout JSONCursor) throws(JSONParseError) in
            members.append((key, try cursor.parseValue(depth: depth)))
        }
        return JSONObject(members)
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= buffer.count else { throw error("truncated literal") }
        let start = literal.utf8Start
        for i in 0..<count where buffer[index + i] != start[i] {
            throw error("unexpected character")
        }
        index += count
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        try skipNumber()
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
    }

    /// Moves past a number as JSON writes one, or says it is malformed.
    mutating func skipNumber() throws(JSONParseError) {
        if peek() == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while let b = peek(), b >= 0x30, b <= 0x39 { index += 1; digits += 1 }
        guard digits > 0 else { throw error("malformed number") }
        if peek() == UInt8(ascii: ".") {
            index += 1
            var fraction = 0
            while let b = peek(), b >= 0x30, b <= 0x39 { index += 1; fraction += 1 }
            guard fraction > 0 else { throw error("malformed number") }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            index += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { index += 1 }
            var exponent = 0
            while let b = peek(), b >= 0x30, b <= 0x39 { index += 1; exponent += 1 }
            guard exponent > 0 else { throw error("malformed number") }
        }
    }

    /// Called at the opening quote; consumes through the closing one.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, the common case for CDR fields.
        while index < buffer.count {
            let b = buffer[index]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            index += 1
        }
        guard index < buffer.count else { throw error("unterminated string") }
        var bytes = Array(buffer[start..<index])
        while index < buffer.count {
            let b = buffer[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if b != UInt8(ascii: "\\") {
                bytes.append(b)
                index += 1
                continue
            }
            index += 1
            guard let escaped = peek() else { break }
            index += 1
            switch escaped {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try parseUnicodeEscape()
                bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("invalid escape in string")
            }
        }
        throw error("unterminated string")
    }

    /// After `\u`: four hex digits, pairing surrogates; a lone surrogate becomes U+FFFD.
    mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try parseHex4()
        if (0xD800...0xDBFF).contains(high) {
            if index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    return Unicode.Scalar(value) ?? "\u{FFFD}"
                }
                index = save
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= buffer.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = buffer[index]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
