import CallscopeDomain
import Foundation

/// The applied filter in short words: "failed · to 5550100 · 2026-12-04 12:00–18:00 UTC".
public enum FilterWords {
    /// The filter as it was typed, in short words for the status bar: the fields that differ
    /// from the defaults (`failed · to 5550100 · yesterday 12:00–18:00`), and apart from them
    /// what is at its default (`since 7d`), which is what may be cut when room is short.
    public static func typed(_ draft: FilterDraft, defaults: FilterDraft) -> (differing: String, defaulted: String) {
        func trimmed(_ field: FilterDraft.Field) -> String { draft[field].trimmingCharacters(in: .whitespaces) }
        var differing: [String] = []
        for (field, word) in [(FilterDraft.Field.status, ""), (.direction, ""), (.from, "from "), (.to, "to "), (.hangupCause, ""),
                              (.trunk, "trunk "), (.minDuration, "talk ≥ "), (.maxDuration, "talk ≤ "), (.search, ""), (.zone, "zone ")] {
            let value = trimmed(field)
            guard !value.isEmpty else { continue }
            let suffix = field == .minDuration || field == .maxDuration ? " s" : ""
            differing.append(field == .search ? "\"\(value)\"" : word + value + suffix)
        }
        let since = trimmed(.since), until = trimmed(.until)
        let range: String
        if until.isEmpty || until.lowercased() == "now" {
            range = "since \(since.isEmpty ? "7d" : since)"
        } else if since == until {
            range = since
        } else if let day = since.split(separator: " ").first, until.hasPrefix(day + " "), since.contains(" ") {
            // `yesterday 12:00`–`yesterday 18:00`: the day once.
            range = "\(since)–\(until.dropFirst(day.count + 1))"
        } else {
            range = "\(since)–\(until)"
        }
        let rangeIsDefault = since == defaults.since.trimmingCharacters(in: .whitespaces) && until == defaults.until.trimmingCharacters(in: .whitespaces)
        if !rangeIsDefault { differing.append(range) }
        return (SafeText.sanitize(differing.joined(separator: " · ")), rangeIsDefault ? SafeText.sanitize(range) : "")
    }

    public static func describe(_ filter: CallFilter, zone: ZoneClock) -> String {
        var parts: [String] = []
        if let s = filter.status { parts.append(s.description) }
        if let d = filter.direction { parts.append(d.description) }
        if let from = filter.from { parts.append("from \(from)") }
        if let to = filter.to { parts.append("to \(to)") }
        if let cause = filter.hangupCause { parts.append(cause) }
        if let trunk = filter.trunk { parts.append("trunk \(trunk)") }
        if let min = filter.minDuration { parts.append("talk ≥ \(min) s") }
        if let max = filter.maxDuration { parts.append("talk ≤ \(max) s") }
        if let search = filter.search { parts.append("\"\(search)\"") }
        parts.append(range(filter, zone: zone))
        return SafeText.sanitize(parts.joined(separator: " · "))
    }

    /// "2026-12-04 12:00–18:00 UTC", "2026-12-01 00:00 – 2026-12-05 09:12 (now) UTC".
    public static func range(_ filter: CallFilter, zone: ZoneClock) -> String {
        let since = zone.local(filter.since), until = zone.local(filter.until)
        let start = String(since.description.prefix(16))
        let end = since.dateString == until.dateString ? String(until.description.dropFirst(11).prefix(5)) : String(until.description.prefix(16))
        return "\(start)–\(end)\(filter.untilIsNow ? " (now)" : "") \(zone.identifier)"
    }
}
