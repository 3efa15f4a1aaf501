/// A JSON value that keeps everything the provider sent: object key order and the exact
/// text of numbers (a cost of `1.390` stays `1.390`), so the detail pane and `fields`
/// can show the record verbatim.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text as it appeared in the document.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as text when it is a string, or a number's literal text.
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// A string that is present and not empty; providers send `""` where they mean "none".
    public var nonEmptyText: String? {
        guard let t = text, !t.isEmpty else { return nil }
        return t
    }

    /// The value as a Double, from a number or from a string holding one (`"185"`).
    public var doubleValue: Double? {
        switch self {
        case .number(let n): return Double(n)
        case .string(let s): return Double(s.trimmingASCIIWhitespace())
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value as an Int, rounding a fractional number towards zero.
    public var intValue: Int? {
        switch self {
        case .number(let n):
            if let i = Int(n) { return i }
            return Double(n).flatMap { $0.isFinite && abs($0) < 9e15 ? Int($0) : nil }
        case .string(let s):
            let t = s.trimmingASCIIWhitespace()
            if let i = Int(t) { return i }
            return Double(t).flatMap { $0.isFinite && abs($0) < 9e15 ? Int($0) : nil }
        default: return nil
        }
    }

    /// The number's literal text when the value is numeric (or a numeric string).
    public var numberText: String? {
        switch self {
        case .number(let n): return n
        case .string(let s):
            let t = s.trimmingASCIIWhitespace()
            return Self.isJSONNumber(t) ? t : nil
        default: return nil
        }
    }

    /// Whether `text` is a number as JSON writes one (so `nan`, `inf`, `0x1p3` are not).
    public static func isJSONNumber(_ text: String) -> Bool {
        var cursor = Substring(text).utf8[...]
        func digits() -> Int {
            var n = 0
            while let c = cursor.first, c >= 0x30, c <= 0x39 { cursor.removeFirst(); n += 1 }
            return n
        }
        if cursor.first == UInt8(ascii: "-") { cursor.removeFirst() }
        guard digits() > 0 else { return false }
        if cursor.first == UInt8(ascii: ".") {
            cursor.removeFirst()
            guard digits() > 0 else { return false }
        }
        if let e = cursor.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            cursor.removeFirst()
            if let s = cursor.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { cursor.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return cursor.isEmpty
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}

/// A JSON object with its members in the order the document gave them.
public struct JSONObject: Sendable, Hashable, Sequence {
    public var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key { return member.value }
        return nil
    }

    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append((key, value))
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension String {
    package func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f == " " || f == "\t" || f == "\n" || f == "\r" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" || l == "\n" || l == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
