/// A whole filter typed on one line: `status:failed to:5550100 since:"yesterday 12:00" min:30`.
/// Terms are `key:value` (a value with spaces in double or single quotes). Bare words say what
/// they are where that is plain — a status (`failed`), a direction (`in`, `out`), a time: a span
/// before now (`45m`, `6h`, `7d`: since then), a date (`2026-11-21`) or a month (`2026-11`), a
/// day (`today`, `yest`, `mon`) with an optional hour range (`yesterday 12-18`), a date or day with
/// a time (`yesterday 14:00`, `2026-11-21 09:30`: since then) — and anything else is free text
/// to search for (numbers included). Unknown keys are reported by name; the other terms still
/// count. What the line leaves out, the caller leaves at its default: the line is the filter.
public enum FilterLine {
    public struct Term: Sendable, Hashable {
        public let field: FilterDraft.Field
        public let value: String

        public init(field: FilterDraft.Field, value: String) {
            self.field = field
            self.value = value
        }
    }

    public struct Parsed: Sendable, Hashable {
        public var terms: [Term] = []
        /// Terms that name no field, as typed.
        public var unknown: [String] = []
    }

    /// The keys a term may use, with their field.
    public static let keys: [(key: String, field: FilterDraft.Field)] = [
        ("since", .since), ("until", .until), ("zone", .zone), ("tz", .zone), ("direction", .direction), ("dir", .direction),
        ("status", .status), ("from", .from), ("to", .to), ("cause", .hangupCause), ("trunk", .trunk), ("min", .minDuration), ("max", .maxDuration),
        ("search", .search), ("text", .search),
    ]

    public static func parse(_ line: String) -> Parsed {
        var parsed = Parsed()
        var bare: [String] = []
        let all = words(line)
        var index = 0
        while index < all.count {
            let word = all[index]
            index += 1
            if let field = bareField(word) {
                parsed.terms.append(Term(field: field, value: word))
                continue
            }
            if let span = span(word) {
                // `45m`, `6h`, `7d`: since that long ago (a span is a time, never a search).
                parsed.terms.append(Term(field: .since, value: span))
                continue
            }
            if let (first, last) = month(word) {
                // `2026-10`: a billing month, its first day to its last.
                parsed.terms.append(Term(field: .since, value: first))
                parsed.terms.append(Term(field: .until, value: last))
                continue
            }
            if let day = dayWord(word) ?? TimeSpec.localDate(word)?.dateString {
                // `yesterday 12-18` or `2026-11-21 12-18`: the hours of that day; a day alone is
                // the whole day.
                if index < all.count, let (from, to) = hourRange(all[index]) {
                    index += 1
                    parsed.terms.append(Term(field: .since, value: "\(day) \(from)"))
                    parsed.terms.append(Term(field: .until, value: "\(day) \(to)"))
                } else if index < all.count, let time = clock(all[index]) {
                    // `yesterday 14:00`: a ticket's time, since then.
                    index += 1
                    parsed.terms.append(Term(field: .since, value: "\(day) \(time)"))
                } else {
                    parsed.terms.append(Term(field: .since, value: day))
                    parsed.terms.append(Term(field: .until, value: day))
                }
                continue
            }
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

    /// The field a bare word plainly sets: a status or a direction.
    static func bareField(_ word: String) -> FilterDraft.Field? {
        switch word.lowercased() {
        case "answered", "failed", "busy", "no-answer", "noanswer", "no_answer": return .status
        case "in", "out", "inbound", "outbound": return .direction
        default: return nil
        }
    }

    /// `45m`, `6h`, `7d`, `2w`, `30s`: a span before now, as `TimeSpec` reads it.
    static func span(_ word: String) -> String? {
        let lower = word.lowercased()
        return lower.first.map { ("0"..."9").contains($0) } == true && TimeSpec.spanSeconds(lower) != nil ? lower : nil
    }

    /// `14:00` or `14:00:30`: a time of day, as `TimeSpec` reads it after a day.
    static func clock(_ word: String) -> String? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { ("0"..."9").contains($0) } }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60, parts.count == 2 || (Int(parts[2]) ?? 60) < 60 else { return nil }
        return word
    }

    /// `today`, `yesterday` (or `yest`), or a weekday, as `TimeSpec` reads them.
    static func dayWord(_ word: String) -> String? {
        let lower = word.lowercased()
        if lower == "today" { return "today" }
        if lower.count >= 4, "yesterday".hasPrefix(lower) { return "yesterday" }
        if lower.count >= 3, let name = TimeSpec.weekdayNames.first(where: { $0.hasPrefix(lower) }) { return name }
        return nil
    }

    /// `YYYY-MM` as its first and last dates.
    public static func month(_ word: String) -> (String, String)? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        let next = m == 12 ? LocalDateTime(year: y + 1, month: 1, day: 1) : LocalDateTime(year: y, month: m + 1, day: 1)
        let last = LocalDateTime(civilSeconds: next.civilSeconds - 86_400)
        return ("\(parts[0])-\(parts[1])-01", last.dateString)
    }

    /// `12-18` or `12:30-18:00`: the two times as HH:MM.
    static func hourRange(_ word: String) -> (String, String)? {
        let ends = word.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let from = hour(ends[0]), let to = hour(ends[1]) else { return nil }
        return (from, to)
    }

    static func hour(_ text: Substring) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let h = Int(parts[0]), (0...24).contains(h), parts[0].count <= 2 else { return nil }
        let m = parts.count == 2 ? Int(parts[1]) : 0
        guard let m, (0..<60).contains(m), parts.count == 1 || parts[1].count == 2 else { return nil }
        if h == 24 { return m == 0 ? "23:59:59" : nil }
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// The draft's fields that differ from `defaults`, as a line `parse` reads back: what the
    /// `=` line opens with, so Enter on it changes nothing.
    public static func describe(_ draft: FilterDraft, against defaults: FilterDraft = FilterDraft()) -> String {
        FilterDraft.Field.allCases.compactMap { field in
            let value = draft[field]
            guard value.trimmingASCIIWhitespace() != defaults[field].trimmingASCIIWhitespace() else { return nil }
            return describe(field, value)
        }.joined(separator: " ")
    }

    /// One field as a term: `status:busy`, `since:"yesterday 12:00"`, `to:` for an empty one.
    public static func describe(_ field: FilterDraft.Field, _ value: String) -> String {
        "\(key(of: field)):" + (value.contains(" ") ? "\"\(value)\"" : value)
    }

    /// The key a user types for `field` (`cause`, `min`).
    public static func key(of field: FilterDraft.Field) -> String {
        keys.first { $0.field == field }?.key ?? field.rawValue
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
