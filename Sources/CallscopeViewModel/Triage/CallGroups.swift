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
        case .country: return call.to.flatMap(CountryCallingCodes.country(of:)) ?? "unknown"
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

/// One group's figures.
public struct GroupFigures: Sendable, Equatable {
    public var calls = 0
    public var answered = 0
    public var talkSeconds = 0

    public var asr: Double? { calls > 0 ? Double(answered) / Double(calls) : nil }
    public var acdSeconds: Double? { answered > 0 ? Double(talkSeconds) / Double(answered) : nil }

    mutating func add(_ call: Call) {
        calls += 1
        if call.status == .answered {
            answered += 1
            talkSeconds = CallStatistics.adding(talkSeconds, max(0, call.durationSeconds ?? 0))
        }
    }

    mutating func merge(_ other: GroupFigures) {
        calls += other.calls
        answered += other.answered
        talkSeconds = CallStatistics.adding(talkSeconds, other.talkSeconds)
    }
}

/// Calls grouped by one field: bounded (at most `keyLimit` keys; the rest in "(other)"),
/// mergeable in any order, like `CallStatistics`.
public struct CallGroups: Sendable, Equatable {
    public static let keyLimit = 1_000
    public static let otherKeys = "(other)"

    public let field: GroupField
    public let zone: ZoneClock
    public private(set) var groups: [String: GroupFigures] = [:]

    public init(field: GroupField, zone: ZoneClock) {
        self.field = field
        self.zone = zone
    }

    public mutating func add(_ call: Call) {
        var figures = GroupFigures()
        figures.add(call)
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
        let pairs = groups.map { (key: $0.key, figures: $0.value) }
        switch field {
        case .hour, .day: return pairs.sorted { $0.key < $1.key }
        default: return pairs.sorted { $0.figures.calls != $1.figures.calls ? $0.figures.calls > $1.figures.calls : $0.key < $1.key }
        }
    }
}
