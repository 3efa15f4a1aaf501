import CallscopeDomain
import Foundation

/// The `[watch]` table: how `callscope watch` and the browser's board take normal (README,
/// "Is something wrong?"). Every key is optional; the flags of `watch` win over it.
public struct WatchConfig: Sendable, Hashable {
    /// `window`: "60m", "2h".
    public var windowSeconds: Int64?
    /// `days`: earlier windows that make the normal.
    public var days: Int?
    /// `same_weekday`: compare with the same weekday of earlier weeks.
    public var sameWeekday: Bool?
    /// `min_calls`: calls a group needs before it can alert.
    public var minCalls: Int?
    /// `bell`: ring once for a new alert in follow mode.
    public var bell: Bool?
    /// `follow`: follow mode looks at now against normal once a minute.
    public var follow: Bool?
    /// `high_risk`: the destinations the abuse lens watches, replacing the built-in list:
    /// `["+881", "+1876 Jamaica", …]`, a prefix and an optional label.
    public var highRisk: [HighRiskDestination]?

    public init() {}

    /// "45m", "2h", "90s": seconds, nil for anything else.
    public static func seconds(_ text: String) -> Int64? {
        guard let unit = text.last, let number = Int64(text.dropLast()), number > 0 else { return nil }
        switch unit {
        case "s": return number
        case "m": return number.multipliedReportingOverflow(by: 60).overflow ? nil : number * 60
        case "h": return number.multipliedReportingOverflow(by: 3_600).overflow ? nil : number * 3_600
        default: return nil
        }
    }
}
