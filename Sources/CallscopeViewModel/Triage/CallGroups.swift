import CallscopeDomain
import Foundation

/// What calls are grouped by (`F`, `callscope stats --by`).
public enum GroupField: String, Sendable, Hashable, CaseIterable {
    case cause, direction, status, country, trunk, account, from, to, hour, day

    /// The field a group's drill-in narrows the filter by, where the filter has one.
    public var filterField: FilterDraft.Field? {
        switch self {
        case .cause: return .hangupCause
        case .direction: return .direction
        case .status: return .status
        case .from: return .from
        case .to: return .to
        case .trunk: return .trunk
        case .country, .account, .hour, .day: return nil
        }
    }

    /// The first field to group by: the cause, or the status where calls carry no cause (VOXO).
    public static func initial(for provider: ProviderID) -> GroupField { provider == .voxo ? .status : .cause }

    /// The key of `call` in this grouping ("(none)" where the call lacks the field).
    public func key(of call: Call, zone: ZoneClock) -> String {
        let none = "(none)"
        switch self {
        case .cause: return call.hangupCause.flatMap { $0.isEmpty ? nil : $0 } ?? none
        case .direction: return call.direction?.description ?? none
        case .status: return call.status?.description ?? none
        // The far end's country: where an outbound call went, where an inbound one came from (the
        // near end is the customer's own number, the same for every call).
        case .country: return (call.direction == .inbound ? call.from : call.to).flatMap(PhoneRegions.region(of:))?.key ?? "unknown"
        case .trunk: return call.trunk ?? none
        case .account: return call.account ?? none
        case .from: return call.from ?? none
        case .to: return call.to ?? none
        case .hour:
            guard let start = call.startTime else { return none }
            let local = zone.local(start)
            return local.hour < 10 ? "0\(local.hour):00" : "\(local.hour):00"
        case .day:
            guard let start = call.startTime else { return none }
            return zone.local(start).dateString
        }
    }
}

/// One group's figures: counts by outcome and their rates, talk time and cost per currency.
public struct GroupFigures: Sendable, Equatable {
    public var calls = 0
    public var answered = 0
    public var busy = 0
    public var noAnswer = 0
    public var failed = 0
    public var talkSeconds = 0
    /// Exact decimal sums, per currency ("" where a cost named none).
    public var cost: [String: Decimal] = [:]
    /// By the rate deck, where there is one.
    public var rated = RatedFigures()

    public var asr: Double? { rate(answered) }
    public var failedRate: Double? { rate(failed) }
    public var noAnswerRate: Double? { rate(noAnswer) }
    public var busyRate: Double? { rate(busy) }
    public var acdSeconds: Double? { answered > 0 ? Double(talkSeconds) / Double(answered) : nil }

    public init() {}

    func rate(_ count: Int) -> Double? { calls > 0 ? Double(count) / Double(calls) : nil }

    mutating func add(_ call: Call) {
        calls += 1
        switch call.status {
        case .answered?:
            answered += 1
            talkSeconds = CallStatistics.adding(talkSeconds, max(0, call.durationSeconds ?? 0))
        case .busy?: busy += 1
        case .noAnswer?: noAnswer += 1
        case .failed?: failed += 1
        case .other?, nil: break
        }
        if let text = call.cost, let amount = Decimal(string: text), amount.isFinite {
            cost[call.currency ?? "", default: 0] += amount
        }
    }

    public mutating func merge(_ other: GroupFigures) {
        calls += other.calls
        answered += other.answered
        busy += other.busy
        noAnswer += other.noAnswer
        failed += other.failed
        talkSeconds = CallStatistics.adding(talkSeconds, other.talkSeconds)
        for (currency, amount) in other.cost { cost[currency, default: 0] += amount }
        rated.merge(other.rated)
    }
}

/// What the group view is sorted by (`o` cycles it): most first, the key for ties.
public enum GroupSort: String, Sendable, Hashable, CaseIterable {
    case calls, failed = "failed %", noAnswer = "no-answer %", busy = "busy %", asr = "ASR", acd = "ACD", talk
    /// With a rate deck: the rated cost, and billed over rated (currencies summed, for order only).
    case rated, overRated = "billed over rated"
    case key

    /// Amounts of several currencies added up: an order, never a figure shown.
    static func total(_ sums: [String: Decimal]) -> Double {
        sums.values.reduce(0) { $0 + NSDecimalNumber(decimal: $1).doubleValue }
    }

    /// The group's value to sort by (nil: no such figure, last).
    func value(_ figures: GroupFigures) -> Double? {
        switch self {
        case .calls: return Double(figures.calls)
        case .failed: return figures.failedRate
        case .noAnswer: return figures.noAnswerRate
        case .busy: return figures.busyRate
        case .asr: return figures.asr
        case .acd: return figures.acdSeconds
        case .talk: return Double(figures.talkSeconds)
        case .rated: return figures.rated.ratedCalls > 0 ? Self.total(figures.rated.rated) : nil
        case .overRated: return figures.rated.ratedCalls > 0 ? Self.total(figures.rated.difference) : nil
        case .key: return nil
        }
    }
}

/// Calls grouped by one field: bounded (at most `keyLimit` keys; the rest in "(other)"),
/// mergeable in any order, like `CallStatistics`.
public struct CallGroups: Sendable, Equatable {
    public static let keyLimit = 1_000
    public static let otherKeys = "(other)"

    public let field: GroupField
    public let zone: ZoneClock
    /// The deck each group's calls are rated by, where there is one.
    public let deck: RateDeck?
    public private(set) var groups: [String: GroupFigures] = [:]

    public init(field: GroupField, zone: ZoneClock, deck: RateDeck? = nil) {
        self.field = field
        self.zone = zone
        self.deck = deck
    }

    public mutating func add(_ call: Call) {
        var figures = GroupFigures()
        figures.add(call)
        if let deck { figures.rated.add(call, rating: deck.rate(call)) }
        fold(field.key(of: call, zone: zone), figures)
    }

    public mutating func merge(_ other: CallGroups) {
        for (key, figures) in other.groups { fold(key, figures) }
    }

    private mutating func fold(_ key: String, _ figures: GroupFigures) {
        let target = groups[key] != nil || groups.count < Self.keyLimit ? key : Self.otherKeys
        groups[target, default: GroupFigures()].merge(figures)
    }

    /// Groups by calls, most first (ties by key); hours and days in time order.
    public var sorted: [(key: String, figures: GroupFigures)] {
        sorted(by: field == .hour || field == .day ? .key : .calls)
    }

    /// Groups by `order`, most first (ties by calls, then key; a group with no such figure last),
    /// leaving out those with fewer than `minimumCalls`.
    public func sorted(by order: GroupSort, minimumCalls: Int = 0) -> [(key: String, figures: GroupFigures)] {
        let pairs = groups.filter { $0.value.calls >= minimumCalls }.map { (key: $0.key, figures: $0.value) }
        guard order != .key else { return pairs.sorted { $0.key < $1.key } }
        return pairs.sorted { a, b in
            switch (order.value(a.figures), order.value(b.figures)) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.figures.calls != b.figures.calls ? a.figures.calls > b.figures.calls : a.key < b.key
            }
        }
    }
}
