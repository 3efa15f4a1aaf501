import Foundation

/// A time a user typed: `2026-11-21`, `2026-11-21 15:00[:30]` (wall time in the display
/// zone), an ISO 8601 instant, `now`, or a span before now (`45m`, `6h`, `7d`, `2w`).
public struct TimeSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String

    public var description: String {
        "cannot read '\(SafeText.sanitize(input))' as a time: use YYYY-MM-DD, 'YYYY-MM-DD HH:MM[:SS]', or a span before now such as 45m, 6h, 7d"
    }
}

public enum TimeSpec {
    /// - Parameter endOfDay: a bare date means the end of that day (for `--until`), so
    ///   `--until 2026-11-21` includes the 21st.
    public static func parse(_ raw: String, zone: ZoneClock, now: Date, endOfDay: Bool = false) throws(TimeSpecError) -> Date {
        let text = raw.trimmingASCIIWhitespace()
        if text.lowercased() == "now" { return now }
        if let span = spanSeconds(text) { return now.addingTimeInterval(-span) }
        if let date = localDate(text) {
            var local = date
            if endOfDay {
                local = LocalDateTime(civilSeconds: date.civilSeconds + 86_400)
            }
            return zone.instant(from: local)
        }
        if let local = localDateTime(text) { return zone.instant(from: local) }
        if let instant = ISO8601.parse(text), text.hasSuffix("Z") || text.hasSuffix("z") || text.dropFirst(19).contains(where: { $0 == "+" || $0 == "-" }) {
            return instant
        }
        throw TimeSpecError(input: raw)
    }

    static func spanSeconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let amount = Int(text.dropLast()), amount >= 0 else { return nil }
        let unitSeconds: TimeInterval
        switch unit {
        case "s": unitSeconds = 1
        case "m": unitSeconds = 60
        case "h": unitSeconds = 3600
        case "d": unitSeconds = 86_400
        case "w": unitSeconds = 604_800
        default: return nil
        }
        let seconds = TimeInterval(amount) * unitSeconds
        // Up to about 200 years back: a longer span names no time a call could have.
        return seconds <= 6_400_000_000 ? seconds : nil
    }

    public static func localDate(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        let local = LocalDateTime(year: y, month: m, day: d)
        return local.isValid ? local : nil
    }

    public static func localDateTime(_ text: String) -> LocalDateTime? {
        let halves = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "T" })
        guard halves.count == 2, let date = localDate(String(halves[0])) else { return nil }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let h = Int(clock[0]), let m = Int(clock[1])
        else { return nil }
        let s = clock.count == 3 ? Int(clock[2]) : 0
        guard let s else { return nil }
        let local = LocalDateTime(year: date.year, month: date.month, day: date.day, hour: h, minute: m, second: s)
        return local.isValid ? local : nil
    }
}
