import CallscopeDomain
import Foundation

/// The calls of the window and of each earlier window, as read.
public struct WatchSample: Sendable {
    public let windows: WatchWindows
    public let now: [WatchCall]
    /// One list per earlier window, in `windows.baseline`'s order.
    public let baseline: [[WatchCall]]

    public init(windows: WatchWindows, now: [WatchCall], baseline: [[WatchCall]]) {
        self.windows = windows
        self.now = now
        self.baseline = baseline
    }
}

/// What `watch` and the board say: the alerts, worst first, and each group now against normal.
public struct WatchReport: Sendable {
    public let windows: WatchWindows
    public let alerts: [WatchAlert]
    public let rows: [WatchRow]
    /// The whole scope's figures now and in each earlier window.
    public let scopeNow: WatchFigures
    public let scopeBaseline: [WatchFigures]
    public let settings: WatchSettings

    /// The monitoring plugin's status: the worst alert's severity, else OK.
    public var worst: WatchSeverity? { alerts.map(\.severity).max() }

    /// Whether any call named its customer (Vobiz list rows do only for named customers).
    public var knowsCustomers: Bool { rows.contains { $0.group.dimension == .customer } }
}

/// One group now against normal, for the board.
public struct WatchRow: Sendable, Hashable {
    public let group: WatchGroup
    public let now: WatchFigures
    public let normalCalls: WatchNormal?
    public let normalASR: WatchNormal?
    public let normalShortShare: WatchNormal?
    /// The worst alert on this group, if any.
    public let severity: WatchSeverity?
}

/// Judges a sample (README, "Is something wrong?"): each group's figures against its normal,
/// then the abuse rules per customer; alerts about the same calls are folded into the
/// narrowest one, and each names what changed.
public enum WatchEvaluation {
    public static func evaluate(_ sample: WatchSample, settings: WatchSettings) -> WatchReport {
        let short = settings.shortSeconds
        var candidates: [WatchAlert] = []
        var rowsByGroup: [WatchGroup: (now: WatchFigures, baseline: [WatchFigures])] = [:]
        let nowGroups = groups(sample.now)
        let baselineGroups = sample.baseline.map(groups)
        for (group, calls) in nowGroups {
            let now = WatchFigures(calls, shortSeconds: short)
            let baseline = baselineGroups.map { WatchFigures($0[group] ?? [], shortSeconds: short) }
            rowsByGroup[group] = (now, baseline)
        }
        // A group with no call now can still have dropped.
        for group in Set(baselineGroups.flatMap(\.keys)) where rowsByGroup[group] == nil {
            rowsByGroup[group] = (WatchFigures(), baselineGroups.map { WatchFigures($0[group] ?? [], shortSeconds: short) })
        }
        let context = Context(sample: sample, settings: settings, nowGroups: nowGroups, baselineGroups: baselineGroups)
        for (group, figures) in rowsByGroup {
            candidates += deviations(group, now: figures.now, baseline: figures.baseline, context: context)
        }
        candidates += AbuseRules.evaluate(context)
        let alerts = fold(candidates).map { alert in
            var alert = alert
            if alert.changed.isEmpty { alert.changed = WhatChanged.explain(alert, context: context) }
            return alert
        }
        let severities = Dictionary(alerts.map { ($0.group, $0.severity) }, uniquingKeysWith: max)
        let rows = rowsByGroup.map { group, figures in
            WatchRow(group: group, now: figures.now,
                     normalCalls: WatchNormal(figures.baseline.map { Double($0.calls) }),
                     normalASR: WatchRule.rateNormal(.asr, figures.baseline),
                     normalShortShare: WatchRule.rateNormal(.shortShare, figures.baseline),
                     severity: severities[group])
        }.sorted { a, b in
            if a.severity != b.severity { return (a.severity?.rawValue ?? 0) > (b.severity?.rawValue ?? 0) }
            if a.now.calls != b.now.calls { return a.now.calls > b.now.calls }
            return a.group < b.group
        }
        let scope = WatchGroup(.scope, "all")
        return WatchReport(windows: sample.windows, alerts: alerts, rows: rows,
                           scopeNow: rowsByGroup[scope]?.now ?? WatchFigures(),
                           scopeBaseline: rowsByGroup[scope]?.baseline ?? sample.baseline.map { _ in WatchFigures() },
                           settings: settings)
    }

    /// What the rules read besides one group's figures.
    struct Context {
        let sample: WatchSample
        let settings: WatchSettings
        let nowGroups: [WatchGroup: [WatchCall]]
        let baselineGroups: [[WatchGroup: [WatchCall]]]

        func selection(for group: WatchGroup) -> WatchSelection {
            var selection = WatchSelection(since: sample.windows.now.start, until: sample.windows.now.end)
            selection.narrow(to: group)
            return selection
        }
    }

    static func groups(_ calls: [WatchCall]) -> [WatchGroup: [WatchCall]] {
        var groups: [WatchGroup: [WatchCall]] = [:]
        for call in calls {
            for dimension in WatchDimension.allCases {
                if let key = dimension.key(of: call) { groups[WatchGroup(dimension, key), default: []].append(call) }
            }
        }
        return groups
    }

    /// Every figure of `group` that is off normal, with the calls behind each.
    static func deviations(_ group: WatchGroup, now: WatchFigures, baseline: [WatchFigures], context: Context) -> [WatchAlert] {
        let settings = context.settings
        let calls = context.nowGroups[group] ?? []
        var metrics: [WatchMetric] = [.calls, .asr, .ner, .acd, .shortShare]
        metrics += now.failureCauses.filter { $0.value >= WatchSettings.minCauseFailures }.keys.sorted().map { WatchMetric.causeShare($0) }
        var alerts: [WatchAlert] = []
        for metric in metrics {
            guard let deviation = WatchRule.judge(metric, now: now, baseline: baseline, settings: settings) else { continue }
            var selection = context.selection(for: group)
            let kind: WatchAlert.Kind
            let focus: [WatchCall]
            switch metric {
            case .calls:
                kind = deviation.now < deviation.normal.median ? .volumeDrop : .volume
                focus = kind == .volume ? calls : []
            case .asr:
                kind = .asr
                focus = calls.filter { $0.status != .answered }
            case .ner:
                kind = .ner
                focus = calls.filter { $0.status == .failed || $0.status.map { if case .other = $0 { true } else { false } } == true }
                selection.status = .failed
            case .acd:
                kind = .acd
                focus = calls.filter { $0.status == .answered }
                selection.status = .answered
            case .shortShare:
                kind = .shortCalls
                focus = calls.filter { $0.isShort(settings.shortSeconds) }
                selection.status = .answered
                selection.maxDuration = settings.shortSeconds
            case .causeShare(let cause):
                kind = .causeShare
                focus = calls.filter { $0.cause == cause && $0.status != .answered }
                selection.hangupCause = cause
            }
            alerts.append(WatchAlert(
                severity: deviation.severity, kind: kind, group: group, metric: metric, now: deviation.now, normal: deviation.normal,
                headline: headline(group: group, metric: metric, now: deviation.now, normal: deviation.normal),
                changed: [], selection: selection, focus: Set(focus.map(\.id))))
        }
        return alerts
    }

    /// "customer MA_c05b3f18: ASR 10 % (normal 66 ± 4 %)".
    static func headline(group: WatchGroup, metric: WatchMetric, now: Double, normal: WatchNormal) -> String {
        let spread = normal.spread > 0 ? " ± \(metric.isRate ? "\(WatchMetric.whole(normal.spread * 100)) %" : metric == .acd ? CallFormatting.clock(WatchMetric.whole(normal.spread)) : String(WatchMetric.whole(normal.spread)))" : ""
        var normalText = metric.text(normal.median)
        if metric.isRate, spread.hasSuffix(" %"), normalText.hasSuffix(" %") { normalText.removeLast(2) }
        return "\(group.text): \(metric) \(metric.text(now)) (normal \(normalText)\(spread))"
    }

    /// Keeps one alert per set of calls: abuse rules first (they say most), then the narrowest
    /// group and the worst severity. An alert whose calls are mostly (60 %) another kept
    /// alert's is folded into it; within one group, ASR, NER and a cause's failures are one
    /// story, told once by the first of them.
    static func fold(_ candidates: [WatchAlert]) -> [WatchAlert] {
        let ordered = candidates.sorted { a, b in
            if a.kind.isAbuse != b.kind.isAbuse { return a.kind.isAbuse }
            if a.group.dimension != b.group.dimension { return a.group.dimension < b.group.dimension }
            if a.severity != b.severity { return a.severity > b.severity }
            if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
            return a.identity < b.identity
        }
        var kept: [WatchAlert] = []
        for alert in ordered {
            let outcome: Set<WatchAlert.Kind> = [.asr, .ner, .causeShare]
            if let index = kept.firstIndex(where: { other in
                (other.group == alert.group && outcome.contains(other.kind) && outcome.contains(alert.kind))
                    || (!alert.focus.isEmpty && Double(alert.focus.intersection(other.focus).count) >= 0.6 * Double(alert.focus.count))
            }) {
                kept[index].alsoSeen.append(alert.headline)
                // Folded, a critical alert still makes the one it joins critical.
                kept[index].severity = max(kept[index].severity, alert.severity)
                continue
            }
            kept.append(alert)
        }
        return kept.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.group.dimension != b.group.dimension { return a.group.dimension < b.group.dimension }
            return a.identity < b.identity
        }
    }

    static func rank(_ kind: WatchAlert.Kind) -> Int { WatchAlert.Kind.allCases.firstIndex(of: kind) ?? 0 }
}
