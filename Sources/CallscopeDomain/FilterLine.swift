/// A whole filter typed on one line: `status:failed to:5550100 since:"yesterday 12:00" min:30`.
/// Terms are `key:value` (a value with spaces in double or single quotes); a bare word is
/// free text to search for. Unknown keys are reported by name; the other terms still count.
public enum FilterLine {
    public struct Term: Sendable, Hashable {
        public let field: FilterDraft.Field
        public let value: String
    }

    public struct Parsed: Sendable, Hashable {
        public var terms: [Term] = []
        /// Terms that name no field, as typed.
        public var unknown: [String] = []
    }

    /// The keys a term may use, with their field.
    public static let keys: [(key: String, field: FilterDraft.Field)] = [
        ("since", .since), ("until", .until), ("zone", .zone), ("tz", .zone), ("direction", .direction), ("dir", .direction),
        ("status", .status), ("from", .from), ("to", .to), ("cause", .hangupCause), ("min", .minDuration), ("max", .maxDuration),
        ("search", .search), ("text", .search),
    ]

    public static func parse(_ line: String) -> Parsed {
        var parsed = Parsed()
        var bare: [String] = []
        for word in words(line) {
            guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else {
                bare.append(word)
                continue
            }
            let key = word[..<colon].lowercased()
            // A time such as 14:00 on its own is not a key.
            guard let field = keys.first(where: { $0.key == key })?.field else {
                if key.allSatisfy(\.isNumber) { bare.append(word) } else { parsed.unknown.append(word) }
                continue
            }
            parsed.terms.append(Term(field: field, value: String(word[word.index(after: colon)...])))
        }
        if !bare.isEmpty { parsed.terms.append(Term(field: .search, value: bare.joined(separator: " "))) }
        return parsed
    }

    /// The draft's fields that differ from their defaults, as a line `parse` reads back.
    public static func describe(_ draft: FilterDraft) -> String {
        FilterDraft.Field.allCases.compactMap { field in
            let value = draft[field]
            guard value != FilterDraft.defaultValue(of: field), let key = keys.first(where: { $0.field == field })?.key else { return nil }
            return "\(key):" + (value.contains(" ") ? "\"\(value)\"" : value)
        }.joined(separator: " ")
    }

    /// Splits on spaces outside quotes; quotes are removed (`since:"yesterday 12:00"`).
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character? = nil, inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
