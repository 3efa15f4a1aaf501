import CallscopeDomain
import Foundation

/// For an alert, the values of the other fields that its calls show far more often in the
/// window than in the earlier windows (README, "What changed"): "failures NO_ROUTE_DESTINATION
/// on trunk_7 (85 % of calls, normally 0 %)". Shares are of the group's calls, so the window
/// and its normal compare like for like however busy each was.
enum WhatChanged {
    /// A field a value can explain by.
    enum Field: CaseIterable {
        case cause, sipCode, direction, country, range, trunk, customer

        func value(of call: WatchCall) -> String? {
            switch self {
            case .cause: return call.cause
            case .sipCode: return call.sipCode.map { "SIP \($0)" }
            case .direction: return call.direction?.description
            case .country: return call.country == "unknown" ? nil : call.country
            case .range:
                // The far end's number without its last four digits: a block dialled through.
                let digits = call.farEndDigits
                return digits.count > 6 ? "+\(digits.prefix(digits.count - 4))…" : nil
            case .trunk: return call.trunk
            case .customer: return call.account
            }
        }

        /// Not the alert's own dimension: a customer's alert is not explained by its customer.
        func explains(_ dimension: WatchDimension) -> Bool {
            switch (self, dimension) {
            case (.customer, .customer), (.trunk, .trunk), (.country, .country), (.direction, .direction): return false
            default: return true
            }
        }

        func phrase(_ value: String, direction: CallDirection?) -> String {
            let value = SafeText.sanitize(value)
            switch self {
            case .cause, .sipCode, .direction: return value
            case .country, .range: return direction == .inbound ? "from \(value)" : "to \(value)"
            case .trunk: return "on \(value)"
            case .customer: return "of customer \(value)"
            }
        }
    }

    /// The least share gain (in the group's calls) that names a value.
    static let minimumGain = 0.15

    static func explain(_ alert: WatchAlert, context: WatchEvaluation.Context) -> [String] {
        guard !alert.focus.isEmpty else { return [] }
        let calls = context.nowGroups[alert.group] ?? []
        let focus = calls.filter { alert.focus.contains($0.id) }
        let baselineCalls = context.baselineGroups.flatMap { $0[alert.group] ?? [] }
        let baselineFocus = baselineCalls.filter { matchesFocus($0, of: alert, settings: context.settings) }
        guard !calls.isEmpty else { return [] }

        func share(_ part: [WatchCall], of whole: [WatchCall], where test: (WatchCall) -> Bool) -> Double {
            whole.isEmpty ? 0 : Double(part.lazy.filter(test).count) / Double(whole.count)
        }
        // Each field's most over-represented value.
        var best: [(field: Field, value: String, gain: Double)] = []
        for field in Field.allCases where field.explains(alert.group.dimension) {
            var counts: [String: Int] = [:]
            for call in focus { if let value = field.value(of: call) { counts[value, default: 0] += 1 } }
            var top: (String, Double)?
            for (value, count) in counts where count >= 3 {
                let now = Double(count) / Double(calls.count)
                let normal = share(baselineFocus, of: baselineCalls) { field.value(of: $0) == value }
                let gain = now - normal
                if gain >= minimumGain, gain > (top?.1 ?? 0) { top = (value, gain) }
            }
            if let (value, gain) = top { best.append((field, value, gain)) }
        }
        best.sort { $0.gain > $1.gain }
        guard let first = best.first else { return [] }
        // Join values while they still describe most of the first one's calls.
        var parts = [first]
        func conjunction(_ parts: [(field: Field, value: String, gain: Double)], _ call: WatchCall) -> Bool {
            parts.allSatisfy { $0.field.value(of: call) == $0.value }
        }
        let firstShare = share(focus, of: calls) { conjunction(parts, $0) }
        for candidate in best.dropFirst() where parts.count < 3 {
            let joined = parts + [candidate]
            if share(focus, of: calls, where: { conjunction(joined, $0) }) >= 0.8 * firstShare { parts = joined }
        }
        let now = share(focus, of: calls) { conjunction(parts, $0) }
        let normal = share(baselineFocus, of: baselineCalls) { conjunction(parts, $0) }
        let order: [Field] = [.cause, .sipCode, .direction, .country, .range, .trunk, .customer]
        let words = parts.sorted { (order.firstIndex(of: $0.field) ?? 0) < (order.firstIndex(of: $1.field) ?? 0) }
            .map { $0.field.phrase($0.value, direction: focus.first?.direction) }
        var lines = ["\(focusWord(alert)) \(words.joined(separator: " ")) (\(percent(now)) of calls, normally \(percent(normal)))"]
        // A second value of the leading field that also grew ("also USER_BUSY 20 %").
        if let runnerUp = secondValue(of: first.field, excluding: first.value, focus: focus, calls: calls,
                                      baselineFocus: baselineFocus, baselineCalls: baselineCalls) {
            lines.append("also \(first.field.phrase(runnerUp.value, direction: focus.first?.direction)) (\(percent(runnerUp.now)) of calls, normally \(percent(runnerUp.normal)))")
        }
        return lines
    }

    static func secondValue(of field: Field, excluding: String, focus: [WatchCall], calls: [WatchCall],
                            baselineFocus: [WatchCall], baselineCalls: [WatchCall]) -> (value: String, now: Double, normal: Double)? {
        var counts: [String: Int] = [:]
        for call in focus { if let value = field.value(of: call), value != excluding { counts[value, default: 0] += 1 } }
        var best: (String, Double, Double)?
        for (value, count) in counts.sorted(by: { $0.key < $1.key }) where count >= 3 {
            let now = Double(count) / Double(max(1, calls.count))
            let normal = baselineCalls.isEmpty ? 0 : Double(baselineFocus.filter { field.value(of: $0) == value }.count) / Double(baselineCalls.count)
            if now - normal >= minimumGain, now - normal > (best.map { $0.1 - $0.2 } ?? 0) { best = (value, now, normal) }
        }
        return best.map { (value: $0.0, now: $0.1, normal: $0.2) }
    }

    /// Whether an earlier call is of the kind the alert counts (a failure for an ASR drop).
    static func matchesFocus(_ call: WatchCall, of alert: WatchAlert, settings: WatchSettings) -> Bool {
        switch alert.kind {
        case .asr: return call.status != .answered
        case .ner: return call.status != .answered && call.status != .busy && call.status != .noAnswer
        case .causeShare: return call.status != .answered && call.cause == alert.selection.hangupCause
        case .shortCalls, .shortBurst: return call.isShort(settings.shortSeconds)
        case .acd: return call.status == .answered
        case .wangiri: return call.status != .answered
        case .volume, .volumeDrop, .highRisk, .sequential, .quietHour: return true
        }
    }

    static func focusWord(_ alert: WatchAlert) -> String {
        switch alert.kind {
        case .asr, .ner, .causeShare: return "failures"
        case .shortCalls, .shortBurst: return "short calls"
        case .acd: return "answered calls"
        case .wangiri: return "unanswered calls"
        case .volume, .volumeDrop, .highRisk, .sequential, .quietHour: return "calls"
        }
    }

    static func percent(_ share: Double) -> String { "\(WatchMetric.whole(share * 100)) %" }
}
