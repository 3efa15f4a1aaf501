import CallscopeDomain
import Foundation

/// The window compared and the earlier windows its normal is taken from: the same clock time
/// on each of the previous days (or the same weekday of previous weeks), in the display zone,
/// so a day that changes to or from daylight saving time still compares 14:00 with 14:00.
public struct WatchWindows: Sendable, Hashable {
    public let now: DateInterval
    /// Newest first.
    public let baseline: [DateInterval]

    public init(until: Date, settings: WatchSettings, zone: ZoneClock) {
        let length = TimeInterval(max(60, settings.windowSeconds))
        now = DateInterval(start: until.addingTimeInterval(-length), end: until)
        let local = zone.local(until)
        let step: Int64 = settings.sameWeekday ? 7 * 86_400 : 86_400
        baseline = (1...max(1, settings.days)).map { back in
            let (shift, overflow) = step.multipliedReportingOverflow(by: Int64(back))
            let end = overflow ? until : zone.instant(from: LocalDateTime(civilSeconds: local.civilSeconds - shift))
            return DateInterval(start: end.addingTimeInterval(-length), end: end)
        }
    }

    public var all: [DateInterval] { [now] + baseline }

    /// "11:00–12:00": the window's clock times in `zone`.
    public func nowText(zone: ZoneClock) -> String {
        "\(Self.clock(now.start, zone: zone))–\(Self.clock(now.end, zone: zone))"
    }

    /// "12:00": a time of day in `zone`.
    public static func clock(_ date: Date, zone: ZoneClock) -> String {
        let local = zone.local(date)
        return "\(local.hour < 10 ? "0" : "")\(local.hour):\(local.minute < 10 ? "0" : "")\(local.minute)"
    }
}
