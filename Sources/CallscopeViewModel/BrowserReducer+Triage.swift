import CallscopeDomain
import Foundation

/// The statistics strip, the group view and "more like this".
extension BrowserReducer {
    static func reduceTriage(_ s: inout BrowserState, _ intent: BrowserIntent, now: Date) -> [BrowserEffect] {
        switch intent {
        case .toggleStatistics:
            s.showStatistics.toggle()
            return ensureStatistics(&s)
        case .readAllStatistics:
            // Only an estimate has more to read; a whole reading stays.
            guard let current = s.statistics, current.generation == s.generation, current.sample != nil else { return [] }
            s.statisticsWhole = s.generation
            s.statistics = nil
            return ensureStatistics(&s)
        case .openGroups:
            s.groupField = s.groupField ?? GroupField.initial(for: s.providerID)
            return ensureStatistics(&s)
        case .cycleGroupField:
            let fields = GroupField.allCases
            let current = fields.firstIndex(of: s.groupField ?? GroupField.initial(for: s.providerID)) ?? 0
            s.groupField = fields[(current + 1) % fields.count]
            return ensureStatistics(&s)
        case .closeGroups:
            s.groupField = nil
            return []
        case .cycleGroupSort:
            // The rated orders only where a rate deck rates the calls.
            let orders = GroupSort.allCases.filter { s.deck != nil || ($0 != .rated && $0 != .overRated) }
            s.groupSort = orders[((orders.firstIndex(of: s.groupSort) ?? 0) + 1) % orders.count]
            return []
        case .toggleSmallGroups:
            s.hidesSmallGroups.toggle()
            return []
        case .narrowToGroup(let key):
            guard let field = s.groupField else { return [] }
            return narrow(&s, field: field, key: key, now: now)
        case .narrowLikeOpenCall(let like):
            guard case .loaded(let call) = s.detail else {
                s.status.notice = "open a call first"
                return []
            }
            switch like {
            case .cause:
                guard let cause = call.hangupCause, !cause.isEmpty else { s.status.notice = "this call has no hangup cause"; return [] }
                return narrow(&s, field: .cause, key: cause, now: now)
            case .number:
                // The other party: the called number of an outbound call, the caller of an inbound one.
                let number = call.direction == .inbound ? call.from : call.to
                guard let number, !number.isEmpty else { s.status.notice = "this call has no number"; return [] }
                return narrow(&s, field: call.direction == .inbound ? .from : .to, key: number, now: now)
            case .trunk:
                guard let trunk = call.trunk, !trunk.isEmpty else { s.status.notice = "this call names no trunk"; return [] }
                return narrow(&s, field: .trunk, key: trunk, now: now)
            }
        default:
            return []
        }
    }

    /// Starts reading the applied filter's statistics when they are wanted and not already
    /// being read for this generation and grouping.
    static func ensureStatistics(_ s: inout BrowserState) -> [BrowserEffect] {
        ensureFigures(&s) + ensureNormal(&s)
    }

    private static func ensureFigures(_ s: inout BrowserState) -> [BrowserEffect] {
        guard s.showStatistics || s.groupField != nil else { return [] }
        if let current = s.statistics, current.generation == s.generation, current.groups?.field == s.groupField, current.failure == nil {
            return []
        }
        s.statistics = StatisticsState(generation: s.generation, range: s.applied.since...max(s.applied.since, s.applied.until),
                                       groupBy: s.groupField, zone: s.zone, deck: s.deck)
        return [.readStatistics(generation: s.generation, s.applied, groupBy: s.groupField, zone: s.zone, whole: s.statisticsWhole == s.generation, deck: s.deck)]
    }

    /// Narrows the filter to one group: a filter field where there is one (Vobiz applies it on
    /// its server), the day's range for a day, the customer's scope for an account.
    static func narrow(_ s: inout BrowserState, field: GroupField, key: String, now: Date) -> [BrowserEffect] {
        if key.hasPrefix("(") {
            s.status.notice = "'\(key)' is not one value to narrow to"
            return []
        }
        s.groupField = nil
        switch field {
        case .cause, .direction, .status, .from, .to, .trunk:
            guard let draftField = field.filterField else { return [] }
            s.draft[draftField] = key
            return apply(&s, now: now) + ensureStatistics(&s)
        case .day:
            s.draft.since = key
            s.draft.until = key
            return apply(&s, now: now) + ensureStatistics(&s)
        case .account:
            return changeScope(&s, to: .account(key))
        case .country, .hour:
            s.status.notice = "the filter cannot narrow by \(field.rawValue) yet: group by cause, status, direction, trunk, number or day"
            return []
        }
    }
}
