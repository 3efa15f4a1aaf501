import Foundation

/// A figure's normal: the median of its values in the earlier windows and their spread, a
/// robust standard deviation (1.4826 × the median absolute deviation), so one odd day neither
/// moves the normal nor hides a real change.
public struct WatchNormal: Sendable, Hashable {
    public let median: Double
    public let spread: Double
    /// How many earlier windows it is taken over.
    public let windows: Int

    public init?(_ values: [Double]) {
        let values = values.filter(\.isFinite)
        guard !values.isEmpty else { return nil }
        let middle = Self.median(values)
        median = middle
        spread = 1.4826 * Self.median(values.map { abs($0 - middle) })
        windows = values.count
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// How bad a deviation is; the monitoring plugin's exit code is the worst one's.
public enum WatchSeverity: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    case warning = 1, critical = 2

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { self == .critical ? "CRITICAL" : "WARNING" }
}

/// The documented rule (README, "Is something wrong?"): when a group's figure in the window is
/// far enough from its normal to alert, and how far.
public enum WatchRule {
    public struct Deviation: Sendable, Hashable {
        public let severity: WatchSeverity
        public let now: Double
        public let normal: WatchNormal
    }

    public static func judge(_ metric: WatchMetric, now: WatchFigures, baseline: [WatchFigures], settings: WatchSettings) -> Deviation? {
        switch metric {
        case .calls:
            return judgeVolume(now: now.calls, baseline: baseline.map(\.calls), settings: settings)
        case .acd:
            guard now.answered >= settings.minCalls, let x = now.value(.acd),
                  let normal = rateNormal(.acd, baseline), normal.median > 0 else { return nil }
            // Half again or half as long, well outside the usual spread and beyond what this
            // window's few long calls can do by chance: a warning only.
            let moved = abs(x - normal.median)
            let chance = now.samplingError(.acd, normal: normal.median)
            // Talk is heavy-tailed (a few hour-long calls move a mean): six errors, not four.
            guard moved >= 0.5 * normal.median, moved >= WatchSettings.criticalSpreads * max(normal.spread, chance) else { return nil }
            return Deviation(severity: .warning, now: x, normal: normal)
        case .asr, .ner, .shortShare, .causeShare:
            guard now.sample(metric) >= settings.minCalls, let x = now.value(metric), let normal = rateNormal(metric, baseline) else { return nil }
            // ASR and NER alert when they fall; short calls and a cause's failures when they rise.
            let worse: Double
            switch metric {
            case .asr, .ner: worse = normal.median - x
            default: worse = x - normal.median
            }
            // The spread over the earlier days, or this window's own sampling error where its
            // few calls make that larger (27 calls can show 30 % no-answer by chance).
            let spread = max(normal.spread, now.samplingError(metric, normal: normal.median))
            if worse >= max(WatchSettings.criticalPoints, WatchSettings.criticalSpreads * spread) {
                return Deviation(severity: .critical, now: x, normal: normal)
            }
            if worse >= max(WatchSettings.warningPoints, WatchSettings.warningSpreads * spread) {
                return Deviation(severity: .warning, now: x, normal: normal)
            }
            return nil
        }
    }

    /// A rise to `warningRatio` (`criticalRatio`) times the normal, `minCalls` calls more and
    /// beyond 4 (6) spreads; or a fall to a third of a normal of at least twice `minCalls`.
    public static func judgeVolume(now count: Int, baseline: [Int], settings: WatchSettings) -> Deviation? {
        guard let normal = WatchNormal(baseline.map(Double.init)) else { return nil }
        let x = Double(count)
        let floor = max(normal.median, 1)
        if count >= settings.minCalls, x - normal.median >= Double(settings.minCalls) {
            if x >= WatchSettings.criticalRatio * floor, x >= normal.median + WatchSettings.criticalSpreads * normal.spread {
                return Deviation(severity: .critical, now: x, normal: normal)
            }
            if x >= WatchSettings.warningRatio * floor, x >= normal.median + WatchSettings.warningSpreads * normal.spread {
                return Deviation(severity: .warning, now: x, normal: normal)
            }
        }
        if normal.median >= Double(2 * settings.minCalls), x <= normal.median / WatchSettings.warningRatio {
            return Deviation(severity: count == 0 ? .critical : .warning, now: x, normal: normal)
        }
        return nil
    }

    /// A rate's normal over the earlier windows with enough calls of their own; nil with too few.
    static func rateNormal(_ metric: WatchMetric, _ baseline: [WatchFigures]) -> WatchNormal? {
        let values = baseline.filter { $0.sample(metric) >= WatchSettings.minCallsPerBaselineWindow }.compactMap { $0.value(metric) }
        guard values.count >= WatchSettings.minBaselineWindows else { return nil }
        return WatchNormal(values)
    }
}
