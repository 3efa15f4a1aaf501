import CallscopeDomain
import Foundation

/// "Now vs normal" in the browser (README, "Is something wrong?"): the latest report for the
/// applied filter, whether the board shows it, and the alerts already seen, so follow mode
/// rings the bell for a new one only.
public struct NormalState: Sendable {
    /// The generation the report is for (a new filter starts over).
    public var generation: Int
    public var report: WatchReport?
    public var failure: String?
    /// When the latest look failed: follow mode tries again a minute later.
    public var failedAt: Date?
    /// A look is on its way.
    public var asking = true
    /// Alerts seen this session, by identity (kept across filters, so narrowing to an alert and
    /// back does not ring again).
    public var seen: Set<String> = []
    /// Alerts that appeared while following, not yet looked at on the board.
    public var fresh = 0

    public init(generation: Int) {
        self.generation = generation
    }
}

/// What the board lists: one dimension's groups (customers, or trunks, destination countries,
/// directions), alerts first.
public enum NormalBoard {
    public static let dimensions: [WatchDimension] = [.customer, .trunk, .country, .direction]

    /// The board's rows for `dimension`, each with its worst alert.
    public static func rows(_ report: WatchReport, dimension: WatchDimension) -> [(row: WatchRow, alert: WatchAlert?)] {
        let alerts = Dictionary(grouping: report.alerts, by: \.group)
        return report.rows.filter { $0.group.dimension == dimension }.map { row in
            (row, alerts[row.group]?.max { $0.severity < $1.severity })
        }
    }

    /// Seconds between looks while following.
    public static let followLook: TimeInterval = 60

    /// The window the strip compares: the applied range when it is a recent one (ending now,
    /// at most six hours), else the settings' window for the board.
    public static func windowSeconds(for filter: CallFilter, settings: WatchSettings) -> (seconds: Int64, matchesRange: Bool) {
        let length = filter.until.timeIntervalSince(filter.since)
        if filter.untilIsNow, length >= 60, length <= 6 * 3_600 { return (Int64(length.rounded()), true) }
        return (settings.windowSeconds, false)
    }
}

extension BrowserState {
    /// The board's rows for its dimension, alerts first (the input handler narrows by the same order).
    public var boardRows: [(row: WatchRow, alert: WatchAlert?)] {
        guard let report = normalReport else { return [] }
        return NormalBoard.rows(report, dimension: boardDimension ?? NormalBoard.dimensions[0])
    }

    /// "normal 66 %" beside the strip's ASR where the applied range is a recent window and its
    /// earlier days have been read (the same range, so the two figures compare).
    public var stripNormalASR: String? {
        guard let report = normalReport, NormalBoard.windowSeconds(for: applied, settings: watchSettings).matchesRange,
              let normal = WatchRule.rateNormal(.asr, report.scopeBaseline) else { return nil }
        return "normal \(WatchMetric.asr.text(normal.median))"
    }

    /// The status bar's mark: alerts now ("2 alerts"), new ones first ("1 new alert").
    public var alertText: String? {
        guard let report = normalReport, !report.alerts.isEmpty else { return nil }
        let fresh = normal?.fresh ?? 0
        if fresh > 0 { return "\(fresh) new alert\(fresh == 1 ? "" : "s") (W)" }
        return "\(report.alerts.count) alert\(report.alerts.count == 1 ? "" : "s") (W)"
    }
}
