import CallscopeDomain
import Foundation

/// The abuse lens (README, "Is something wrong?"): rules per customer, each naming the calls
/// behind it. Where calls name no customer, the whole scope is one customer.
enum AbuseRules {
    static func evaluate(_ context: WatchEvaluation.Context) -> [WatchAlert] {
        let customers = context.nowGroups.keys.filter { $0.dimension == .customer }
        let groups = customers.isEmpty ? [WatchGroup(.scope, "all")] : customers.sorted()
        var alerts: [WatchAlert] = []
        for group in groups {
            let now = context.nowGroups[group] ?? []
            let baseline = context.baselineGroups.map { $0[group] ?? [] }
            alerts += [shortBurst(group, now, baseline, context), highRisk(group, now, baseline, context),
                       sequential(group, now, baseline, context), quietHour(group, now, baseline, context),
                       wangiri(group, now, baseline, context)].compactMap { $0 }
        }
        return alerts
    }

    /// A count rule: `count` (at least `least`) now against its normal over the earlier windows.
    /// Warning at `warningRatio` times the normal and half of `least` more; critical at
    /// `criticalRatio`; each also beyond 4 (6) spreads.
    static func judgeCount(_ count: Int, baseline: [Int], least: Int) -> (WatchSeverity, WatchNormal)? {
        guard count >= least, let normal = WatchNormal(baseline.map(Double.init)) else { return nil }
        let floor = max(1, normal.median)
        let x = Double(count)
        guard x - normal.median >= Double(least) / 2 else { return nil }
        if x >= WatchSettings.criticalRatio * floor, x >= normal.median + WatchSettings.criticalSpreads * normal.spread { return (.critical, normal) }
        if x >= WatchSettings.warningRatio * floor, x >= normal.median + WatchSettings.warningSpreads * normal.spread { return (.warning, normal) }
        return nil
    }

    static func alert(_ kind: WatchAlert.Kind, _ group: WatchGroup, severity: WatchSeverity, now: Int, normal: WatchNormal?,
                      headline: String, changed: [String] = [], selection: WatchSelection, focus: [WatchCall]) -> WatchAlert {
        WatchAlert(severity: severity, kind: kind, group: group, metric: .calls, now: Double(now), normal: normal,
                   headline: "\(group.text): \(headline)",
                   changed: changed, selection: selection, focus: Set(focus.map(\.id)))
    }

    static func normalText(_ normal: WatchNormal?) -> String {
        guard let normal else { return "" }
        return " (normal \(WatchMetric.whole(normal.median)))"
    }

    /// Robocalling: many answered outbound calls hung up within `shortSeconds`.
    static func shortBurst(_ group: WatchGroup, _ now: [WatchCall], _ baseline: [[WatchCall]], _ context: WatchEvaluation.Context) -> WatchAlert? {
        let short = context.settings.shortSeconds
        func burst(_ calls: [WatchCall]) -> [WatchCall] { calls.filter { $0.direction == .outbound && $0.isShort(short) } }
        let calls = burst(now)
        guard let (severity, normal) = judgeCount(calls.count, baseline: baseline.map { burst($0).count }, least: context.settings.minCalls) else { return nil }
        var selection = context.selection(for: group)
        selection.direction = .outbound
        selection.status = .answered
        selection.maxDuration = short
        let numbers = Set(calls.compactMap(\.to)).count
        return alert(.shortBurst, group, severity: severity, now: calls.count, normal: normal,
                     headline: "\(calls.count) outbound calls of ≤ \(short) s talk to \(numbers) numbers\(normalText(normal))",
                     selection: selection, focus: calls)
    }

    /// Calls to the high-risk list (satellite, international networks, premium, NANP Caribbean).
    static func highRisk(_ group: WatchGroup, _ now: [WatchCall], _ baseline: [[WatchCall]], _ context: WatchEvaluation.Context) -> WatchAlert? {
        let list = context.settings.highRisk
        func match(_ call: WatchCall) -> HighRiskDestination? {
            guard call.direction != .inbound else { return nil }
            let digits = call.farEndDigits
            return list.first { digits.hasPrefix($0.prefix) }
        }
        let calls = now.filter { match($0) != nil }
        let normalCounts = baseline.map { $0.lazy.filter { match($0) != nil }.count }
        let least = WatchSettings.minHighRiskCalls
        guard calls.count >= least, let normal = WatchNormal(normalCounts.map(Double.init)) else { return nil }
        let x = Double(calls.count)
        // New traffic there: a handful of calls where there were none is already worth a look.
        guard x >= WatchSettings.warningRatio * max(1, normal.median), x - normal.median >= Double(least),
              x >= normal.median + WatchSettings.warningSpreads * normal.spread else { return nil }
        let severity: WatchSeverity = calls.count >= 10 && x >= WatchSettings.criticalRatio * max(1, normal.median) ? .critical : .warning
        var byLabel: [String: (count: Int, category: String, prefix: String)] = [:]
        for call in calls {
            guard let destination = match(call) else { continue }
            byLabel[destination.label, default: (0, destination.category, destination.prefix)].count += 1
        }
        let top = byLabel.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        let named = top.prefix(3).map { "\(SafeText.sanitize($0.key)) \($0.value.count)" }.joined(separator: ", ")
        var selection = context.selection(for: group)
        selection.direction = .outbound
        if let first = top.first { selection.to = "+" + first.value.prefix }
        let talk = calls.reduce(0) { sum, call in sum.addingReportingOverflow(call.talkSeconds).overflow ? Int.max : sum + call.talkSeconds }
        return alert(.highRisk, group, severity: severity, now: calls.count, normal: normal,
                     headline: "\(calls.count) calls to high-risk destinations (\(named)), talk \(CallFormatting.clock(talk))\(normalText(normal))",
                     changed: top.prefix(3).map { "\(SafeText.sanitize($0.value.category)): \(SafeText.sanitize($0.key)) \($0.value.count) calls" },
                     selection: selection, focus: calls)
    }

    /// Sequential dialling: many distinct numbers of one hundred-block in the window.
    static func sequential(_ group: WatchGroup, _ now: [WatchCall], _ baseline: [[WatchCall]], _ context: WatchEvaluation.Context) -> WatchAlert? {
        func blocks(_ calls: [WatchCall]) -> [String: Set<String>] {
            var blocks: [String: Set<String>] = [:]
            for call in calls where call.direction == .outbound {
                let digits = call.farEndDigits
                guard digits.count >= 7 else { continue }
                blocks[String(digits.dropLast(2)), default: []].insert(digits)
            }
            return blocks
        }
        let least = 10
        guard let (block, numbers) = blocks(now).max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }), numbers.count >= least else { return nil }
        let normal = WatchNormal(baseline.map { Double(blocks($0)[block]?.count ?? 0) })
        guard Double(numbers.count) >= WatchSettings.warningRatio * max(1, normal?.median ?? 0) else { return nil }
        let calls = now.filter { $0.direction == .outbound && $0.farEndDigits.hasPrefix(block) && $0.farEndDigits.count == block.count + 2 }
        var selection = context.selection(for: group)
        selection.direction = .outbound
        selection.to = "+" + block
        return alert(.sequential, group, severity: numbers.count >= 25 ? .critical : .warning, now: numbers.count, normal: normal,
                     headline: "\(numbers.count) numbers dialled in +\(block)xx (\(calls.count) calls)\(normal.map { " (normal \(WatchMetric.whole($0.median)) numbers)" } ?? "")",
                     selection: selection, focus: calls)
    }

    /// Volume far above normal at an hour that is usually quiet (a normal of at most 5 calls).
    static func quietHour(_ group: WatchGroup, _ now: [WatchCall], _ baseline: [[WatchCall]], _ context: WatchEvaluation.Context) -> WatchAlert? {
        guard let normal = WatchNormal(baseline.map { Double($0.count) }), normal.median <= 5,
              now.count >= context.settings.minCalls, Double(now.count) >= WatchSettings.criticalRatio * max(1, normal.median)
        else { return nil }
        return alert(.quietHour, group, severity: now.count >= 3 * context.settings.minCalls ? .critical : .warning, now: now.count, normal: normal,
                     headline: "\(now.count) calls at an hour that is usually quiet\(normalText(normal))",
                     selection: context.selection(for: group), focus: now)
    }

    /// Wangiri: many short unanswered outbound calls to distinct international numbers.
    static func wangiri(_ group: WatchGroup, _ now: [WatchCall], _ baseline: [[WatchCall]], _ context: WatchEvaluation.Context) -> WatchAlert? {
        func oneRing(_ calls: [WatchCall]) -> [WatchCall] {
            calls.filter { call in
                guard call.direction == .outbound, call.status != .answered, call.status != .busy, let total = call.totalSeconds, total <= 5 else { return false }
                // International: the far end is in another region than the caller (a US number
                // calling Jamaica shares its +1, not its country).
                let own = call.from.flatMap(PhoneRegions.region(of:))?.region
                let far = call.to.flatMap(PhoneRegions.region(of:))?.region
                return far != nil && far != own
            }
        }
        let calls = oneRing(now)
        guard Set(calls.compactMap(\.to)).count >= 15,
              let (severity, normal) = judgeCount(calls.count, baseline: baseline.map { oneRing($0).count }, least: context.settings.minCalls)
        else { return nil }
        var byCountry: [String: Int] = [:]
        for call in calls { byCountry[call.country, default: 0] += 1 }
        let top = byCountry.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        var selection = context.selection(for: group)
        selection.direction = .outbound
        selection.status = .noAnswer
        selection.maxDuration = 0
        return alert(.wangiri, group, severity: severity, now: calls.count, normal: normal,
                     headline: "\(calls.count) unanswered outbound calls of ≤ 5 s to \(Set(calls.compactMap(\.to)).count) international numbers\(normalText(normal))",
                     changed: ["to " + top.map { "\(SafeText.sanitize($0.key)) \($0.value)" }.joined(separator: ", ")],
                     selection: selection, focus: calls)
    }
}
