import Foundation

/// A wall-clock date and time with no zone attached: what VOXO's `time` field and a user's
/// `--since "2026-11-21 15:00"` both are until a zone says which instant they mean.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01 00:00:00 read as if this wall time were UTC.
    ///
    /// Total for every value, valid or not: fields far outside a calendar's range are
    /// clamped first (a year of 10^12 reads as year 10^7), so no input can trap here. Callers
    /// that care check `isValid` and `isPlausibleCallTime`.
    public var civilSeconds: Int64 {
        let days = Int64(CivilCalendar.daysFromCivil(
            year: Self.clamp(year, 10_000_000), month: Self.clamp(month, 1_000), day: Self.clamp(day, 1_000_000)))
        let clock = Int64(Self.clamp(hour, 1_000_000)) * 3600 + Int64(Self.clamp(minute, 1_000_000)) * 60
            + Int64(Self.clamp(second, 1_000_000_000))
        return days * 86_400 + clock
    }

    private static func clamp(_ value: Int, _ limit: Int) -> Int { min(max(value, -limit), limit) }

    public init(civilSeconds: Int64) {
        // Floor division without the `- 86_399` that would overflow at Int64.min.
        var days = civilSeconds / 86_400
        var remainder = civilSeconds % 86_400
        if remainder < 0 { days -= 1; remainder += 86_400 }
        let secondsOfDay = Int(remainder)
        let (y, m, d) = CivilCalendar.civilFromDays(Int(days))
        self.init(year: y, month: m, day: d, hour: secondsOfDay / 3600, minute: secondsOfDay / 60 % 60, second: secondsOfDay % 60)
    }

    /// A real calendar date and clock time, in years 1…9999.
    public var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= CivilCalendar.daysIn(month: month, year: year)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    /// Within the years a call record can plausibly come from (`Plausible.years`).
    public var isPlausibleCallTime: Bool { isValid && Plausible.years.contains(year) }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.civilSeconds < rhs.civilSeconds }

    /// `YYYY-MM-DD HH:MM:SS`, the form VOXO's `start` and `end` take.
    public var description: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day),
              (0...99).contains(hour), (0...99).contains(minute), (0...99).contains(second)
        else { return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }
        // Written digit by digit: the list formats forty of these a frame.
        return String(unsafeUninitializedCapacity: 19) { buffer in
            var at = 0
            func put(_ value: Int, _ width: Int) {
                var divisor = width == 4 ? 1_000 : 10
                while divisor > 0 {
                    buffer[at] = UInt8(truncatingIfNeeded: 0x30 + (value / divisor) % 10)
                    at += 1
                    divisor /= 10
                }
            }
            func mark(_ byte: Character) {
                buffer[at] = byte.asciiValue ?? 0x20
                at += 1
            }
            put(year, 4); mark("-"); put(month, 2); mark("-"); put(day, 2); mark(" ")
            put(hour, 2); mark(":"); put(minute, 2); mark(":"); put(second, 2)
            return at
        }
    }

    public var dateString: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Proleptic Gregorian arithmetic (H. Hinnant's algorithms): no Calendar, no allocation.
public enum CivilCalendar {
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
