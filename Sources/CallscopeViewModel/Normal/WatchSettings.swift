import CallscopeDomain
import Foundation

/// How "normal" is taken and how far from it is an alert (README, "Is something wrong?").
/// The thresholds are documented there; the config's `[watch]` table sets the first ones.
public struct WatchSettings: Sendable, Hashable {
    /// The window compared, ending now (`--window`, default the last 60 minutes).
    public var windowSeconds: Int64 = 3_600
    /// How many earlier windows make the normal (`--days`, default 7).
    public var days = 7
    /// The same clock window on the same weekday of earlier weeks, not of earlier days.
    public var sameWeekday = false
    /// A group needs this many calls in the window before it can alert, so a quiet customer
    /// with 3 calls never does (`min_calls`).
    public var minCalls = 20
    /// Talk of at most this many seconds is a short call.
    public var shortSeconds = 6
    /// Destinations the abuse lens watches (`high_risk`, else libphonenumber's seed list).
    public var highRisk: [HighRiskDestination] = PhoneRegions.highRisk
    /// Ring the terminal bell once when a new alert appears in follow mode (`bell`).
    public var bell = true
    /// Follow mode looks at now against normal once a minute, marking new alerts (`follow`).
    public var follow = true

    // Fixed rules (documented in the README).
    /// A rate moves at least this far (points) and `spreads` robust deviations for a warning…
    public static let warningPoints = 0.15
    /// …and this far for a critical alert.
    public static let criticalPoints = 0.30
    /// Robust deviations (the larger of the earlier days' spread and this window's sampling
    /// error): four, not the textbook three, since a look tests every group's every figure.
    public static let warningSpreads = 4.0
    public static let criticalSpreads = 6.0
    /// A cause's failures need this many calls now before their share can alert.
    public static let minCauseFailures = 10
    /// Calls to high-risk destinations: this many (and three times normal) for a warning.
    public static let minHighRiskCalls = 5
    /// Volume: at least this many times the normal (and `minCalls` more) for a warning, and
    /// `criticalRatio` for a critical alert; a drop to a third of a normal of twice `minCalls`.
    public static let warningRatio = 3.0
    public static let criticalRatio = 5.0
    /// An earlier window counts towards a rate's normal when it had this many calls.
    public static let minCallsPerBaselineWindow = 5
    /// A rate's normal needs this many such windows.
    public static let minBaselineWindows = 3
    /// Calls re-read before the last look each time `watch` repeats: a call is listed when it
    /// ends, under the time it started.
    public static let lookbackSeconds: Int64 = 600

    public init() {}
}
