import CallscopeDomain
import Foundation

/// The browser's export of the applied filter to a file (`e`), while it is asked about or runs.
public enum ExportState: Sendable, Hashable {
    /// The file exists: `y` replaces it, anything else keeps it.
    case confirmingReplace(path: String)
    /// Writing: calls written so far, and how many there are when the source says.
    case running(path: String, written: Int, total: Int?)
}

/// The file name `e` offers: what the export holds (profile or file, filter, range), e.g.
/// `acme-failed-2026-03.csv`, as a name a shell needs no quotes for.
public enum ExportName {
    public static func suggested(for state: BrowserState) -> String {
        var parts: [String] = []
        if let profile = state.profile {
            parts.append(profile)
        } else if case .file(let name) = state.scope {
            parts.append(String(name.split(separator: ".").first ?? Substring(name)))
        } else {
            parts.append(state.providerID.rawValue)
        }
        let filter = state.applied
        if let direction = filter.direction { parts.append(direction.description) }
        if let status = filter.status { parts.append(status.description) }
        if let cause = filter.hangupCause { parts.append(cause.lowercased()) }
        if let trunk = filter.trunk { parts.append(trunk) }
        parts.append(range(filter, zone: state.zone))
        return parts.map(safe).filter { !$0.isEmpty }.joined(separator: "-") + ".csv"
    }

    /// One day, one month, or first and last day: in the display zone (`until` is exclusive).
    static func range(_ filter: CallFilter, zone: ZoneClock) -> String {
        let first = zone.local(filter.since)
        let last = zone.local(max(filter.since, filter.until.addingTimeInterval(-1)))
        func day(_ time: LocalDateTime) -> String { String(time.description.prefix(10)) }
        if day(first) == day(last) { return day(first) }
        if first.year == last.year, first.month == last.month, first.day == 1, zone.local(filter.until).day == 1 || last.day >= 28 {
            return String(day(first).prefix(7))
        }
        return "\(day(first))_\(day(last))"
    }

    /// Letters, digits, `.`, `_` and `-`; anything else becomes `-`.
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._".unicodeScalars.contains(scalar)) ? Character(scalar) : "-"
        }).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
    }
}

extension BrowserState {
    /// "exported 1,200 of 5,122 · Esc stops" while an export runs.
    public var exportText: String? {
        guard case .running(_, let written, let total) = export else { return nil }
        let of = total.map { " of \($0.formatted(.number))" } ?? ""
        return "exported \(written.formatted(.number))\(of) · Esc stops"
    }
}
