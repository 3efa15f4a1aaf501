/// Finds the line of a table or key in the config text, for messages only. TOMLKit reports
/// lines for syntax errors but not where a parsed value came from, so a value of the wrong
/// kind is placed by this scan of `[table]` headers and `key =` lines. Not a parser: a
/// construct it does not recognise only costs the message its line number.
struct ConfigLineLocator {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// The line (1-based) of `key` inside `[table]` (nil table: the top level).
    func line(ofKey key: String, inTable table: [String]?) -> Int? {
        var current: [String]? = nil
        for (index, raw) in lines.enumerated() {
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("[") {
                current = Self.header(line)
                continue
            }
            if current == table, Self.key(of: line) == key { return index + 1 }
        }
        return nil
    }

    /// The line of the `[table]` header.
    func line(ofTable table: [String]) -> Int? {
        for (index, raw) in lines.enumerated() {
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("["), Self.header(line) == table { return index + 1 }
        }
        return nil
    }

    /// `[profiles.acme]` or `[profiles."acme corp"]` → ["profiles", "acme"].
    static func header(_ line: Substring) -> [String]? {
        guard let close = line.firstIndex(of: "]") else { return nil }
        let inner = line[line.index(after: line.startIndex)..<close]
        return splitDotted(inner)
    }

    /// The key a `key = value` line sets, unquoted.
    static func key(of line: Substring) -> String? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let parts = splitDotted(line[..<equals])
        return parts.count == 1 ? parts[0] : nil
    }

    static func splitDotted(_ text: Substring) -> [String] {
        var parts: [String] = [], current = "", quote: Character? = nil
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingSpaces)
        return parts
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
