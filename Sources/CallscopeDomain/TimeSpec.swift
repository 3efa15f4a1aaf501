import Foundation

/// A time a user typed: `2026-11-21`, `2026-11-21 15:00[:30]` (wall time in the display
/// zone), an ISO 8601 instant, `now`, a span before now (`45m`, `6h`, `7d`, `2w`), or a
/// ticket's words: `today`, `yesterday`, a weekday (`mon`, `tuesday`: the latest such day,
/// today included), each alone (the whole day) or with a time (`yesterday 14:00`, `mon 09:30`).
public struct TimeSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String

    public var description: String {
        "cannot read '\(SafeText.sanitize(input))' as a time: use YYYY-MM-DD, 'YYYY-MM-DD HH:MM[:SS]', today, yesterday, a weekday (mon), any of those with HH:MM, or a span before now such as 45m, 6h, 7d"
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
        if let local = namedDay(text, zone: zone, now: now, endOfDay: endOfDay) { return zone.instant(from: local) }
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

    static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// `today`, `yesterday` or a weekday, optionally followed by `HH:MM[:SS]`, as wall time in
    /// `zone`. Alone it means the day's start (or, for an end, the next day's start).
    static func namedDay(_ text: String, zone: ZoneClock, now: Date, endOfDay: Bool) -> LocalDateTime? {
        let words = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 1 || words.count == 2 else { return nil }
        let today = zone.local(now)
        let todayStart = LocalDateTime(year: today.year, month: today.month, day: today.day).civilSeconds
        let name = words[0]
        let daysBack: Int64
        switch name {
        case "today": daysBack = 0
        case "yesterday": daysBack = 1
        default:
            guard name.count >= 3, let target = weekdays.firstIndex(where: { name.hasPrefix($0) }),
                  Self.weekdayNames[target].hasPrefix(name) else { return nil }
            // 1970-01-01 was a Thursday (4).
            let todayIndex = Int(((todayStart / 86_400) % 7 + 7 + 4) % 7)
            daysBack = Int64((todayIndex - target + 7) % 7)
        }
        let dayStart = todayStart - daysBack * 86_400
        guard words.count == 2 else {
            return LocalDateTime(civilSeconds: dayStart + (endOfDay ? 86_400 : 0))
        }
        let clock = words[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(clock[0]), let m = Int(clock[1]), let s = clock.count == 3 ? Int(clock[2]) : 0,
              (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s)
        else { return nil }
        return LocalDateTime(civilSeconds: dayStart + Int64(h * 3600 + m * 60 + s))
    }

    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

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
