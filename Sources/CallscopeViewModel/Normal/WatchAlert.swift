import CallscopeDomain
import Foundation

/// One thing that is not normal, with the calls behind it (README, "Is something wrong?").
public struct WatchAlert: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        // Deviations from normal.
        case volume, volumeDrop = "volume-drop", asr, ner, acd, shortCalls = "short-calls", causeShare = "cause"
        // The abuse lens, the most specific pattern first: Wangiri's calls often go to
        // high-risk destinations too, and its name says more.
        case shortBurst = "short-burst", wangiri, sequential, highRisk = "high-risk", quietHour = "quiet-hour"

        public var isAbuse: Bool {
            switch self {
            case .shortBurst, .highRisk, .sequential, .quietHour, .wangiri: return true
            default: return false
            }
        }
    }

    /// The worst of it and of the alerts folded into it.
    public var severity: WatchSeverity
    public let kind: Kind
    public let group: WatchGroup
    public let metric: WatchMetric
    public let now: Double
    /// Nil for abuse rules judged on the window alone.
    public let normal: WatchNormal?
    /// "ASR 10 % (normal 66 ± 4 %)": sanitized, ready for a terminal.
    public let headline: String
    /// What changed, most telling first: "failures NO_ROUTE_DESTINATION on trunk_7 (85 % of calls, normally 0 %)".
    public var changed: [String]
    /// Other alerts about the same calls, folded into this one ("also: calls 5× normal").
    public var alsoSeen: [String] = []
    /// The calls behind it.
    public let selection: WatchSelection
    /// Ids of the calls behind it (the failures of an ASR drop, the short calls of a burst).
    public let focus: Set<String>

    /// Stable identity across repeats of `watch`: the same kind on the same group is the same alert.
    public var identity: String { "\(kind.rawValue)|\(group.dimension.rawValue)|\(group.value)|\(metric.key)|\(metricDetail)" }

    var metricDetail: String {
        if case .causeShare(let cause) = metric { return cause }
        return ""
    }
}

/// Which calls an alert is about, as the list's filter selects them: a customer and the
/// filter fields that fit (`callscope list` flags, the browser's `=` filter).
public struct WatchSelection: Sendable, Hashable {
    public var since: Date
    public var until: Date
    public var account: String?
    public var direction: CallDirection?
    public var status: CallStatus?
    public var hangupCause: String?
    public var trunk: String?
    /// A part of the called (or calling) number.
    public var to: String?
    public var from: String?
    public var maxDuration: Int?

    public init(since: Date, until: Date) {
        self.since = since
        self.until = until
    }

    /// Narrows `group`'s dimension where the filter has a field for it.
    mutating func narrow(to group: WatchGroup) {
        switch group.dimension {
        case .customer: account = group.value
        case .trunk: trunk = group.value
        case .direction: direction = CallDirection(providerValue: group.value)
        case .country, .scope: break
        }
    }

    /// The browser's filter fields for these calls (the customer is a scope, set apart).
    public func draft(zone: ZoneClock) -> FilterDraft {
        var draft = FilterDraft()
        draft.since = zone.local(since).description
        draft.until = zone.local(until).description
        draft.direction = direction?.description ?? ""
        draft.status = status?.description ?? ""
        draft.hangupCause = hangupCause ?? ""
        draft.trunk = trunk ?? ""
        draft.to = to ?? ""
        draft.from = from ?? ""
        draft.maxDuration = maxDuration.map(String.init) ?? ""
        return draft
    }

    /// The user's filter narrowed to these calls.
    public func filter(within base: CallFilter) -> CallFilter {
        var filter = base
        filter.since = since
        filter.until = until
        filter.untilIsNow = false
        filter.direction = direction ?? base.direction
        filter.status = status ?? base.status
        filter.hangupCause = hangupCause ?? base.hangupCause
        filter.trunk = trunk ?? base.trunk
        filter.to = to ?? base.to
        filter.from = from ?? base.from
        filter.maxDuration = maxDuration ?? base.maxDuration
        return filter
    }

    /// The scope that holds these calls: the customer's own (a VOXO tenant), else the one read.
    public func scope(within base: CallScope, provider: ProviderID) -> CallScope {
        guard let account else { return base }
        return provider == .voxo ? .tenant(account) : .account(account)
    }

    /// A `callscope list …` line that lists these calls (`Evidence.commandLine`).
    public func commandLine(within base: CallFilter, scope: CallScope, provider: ProviderID, sourceArguments: [String], zone: ZoneClock) -> String {
        Evidence.commandLine(filter: filter(within: base), scope: self.scope(within: scope, provider: provider), sourceArguments: sourceArguments, zone: zone)
    }
}
