/// Reads one JSON object's members without building the object: a value is built only for the
/// keys the caller asks for (matched as bytes), and every other value is checked as JSON and
/// skipped (docs/ARCHITECTURE.md, "The JSON reader and why"). It accepts and refuses exactly
/// what `JSONParser.parse` does, with the same errors at the same offsets, because it runs on
/// the same cursor.
extension JSONParser {
    /// Calls `body` with each wanted member, in document order (a repeated key each time).
    /// Returns false, having read nothing, when the document is valid JSON but not an object.
    public static func forEachMember<Key>(
        ofObject bytes: UnsafeBufferPointer<UInt8>,
        wanted: (UnsafeBufferPointer<UInt8>) -> Key?,
        _ body: (Key, JSONValue) -> Void
    ) throws(JSONParseError) -> Bool {
        var cursor = JSONCursor(buffer: bytes)
        cursor.skipWhitespace()
        guard cursor.peek() == UInt8(ascii: "{") else {
            // Not an object: read it as the parser would, for its errors.
            _ = try cursor.parseValue(depth: 0)
            cursor.skipWhitespace()
            guard cursor.atEnd else { throw cursor.error("unexpected text after the JSON value") }
            return false
        }
        cursor.advance()
        try cursor.scanObjectMembers(depth: 1, wanted: wanted, body)
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw cursor.error("unexpected text after the JSON value") }
        return true
    }

    /// `forEachMember(ofObject:wanted:_:)` for keys the caller numbers: not generic, so a
    /// caller in another module runs the loop specialized here, not through generic witnesses.
    public static func forEachMember(
        ofObject bytes: UnsafeBufferPointer<UInt8>,
        wantedIndex: (UnsafeBufferPointer<UInt8>) -> Int?,
        _ body: (Int, JSONValue) -> Void
    ) throws(JSONParseError) -> Bool {
        try forEachMember(ofObject: bytes, wanted: wantedIndex, body)
    }
}

extension JSONCursor {
    /// An object's members, building values only for the keys `wanted` names (all of them,
    /// for `parseObjectMembers`). Called after `{`; consumes through `}`; accepts one trailing
    /// comma.
    mutating func scanObjectMembers<Key>(
        depth: Int,
        wanted: (UnsafeBufferPointer<UInt8>) -> Key?,
        _ body: (Key, JSONValue) -> Void
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
                body(key, try parseValue(depth: depth))
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

    /// A key's bytes as `wanted` sees them: the bytes themselves, or, when the key has an
    /// escape, the UTF-8 of what it spells.
    private mutating func scanKey<Key>(_ wanted: (UnsafeBufferPointer<UInt8>) -> Key?) throws(JSONParseError) -> Key? {
        let start = index + 1
        if let end = plainStringEnd() {
            index = end + 1
            return wanted(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
        let decoded = Array(try parseString().utf8)
        return decoded.withUnsafeBufferPointer { wanted($0) }
    }

    /// At an opening quote: where the closing quote is, when the string has no escape.
    private func plainStringEnd() -> Int? {
        var end = index + 1
        while end < buffer.count {
            let byte = buffer[end]
            if byte == UInt8(ascii: "\"") { return end }
            if byte == UInt8(ascii: "\\") { return nil }
            end += 1
        }
        return nil
    }

    /// Checks one value as `parseValue` would and moves past it, building nothing for the
    /// common shapes (a string without escapes, a number, a literal).
    private mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if let end = plainStringEnd() {
                index = end + 1
            } else {
                _ = try parseString()
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        default:
            _ = try parseValue(depth: depth)
        }
    }
}
