import Foundation

/// A filter as typed, field by field (the sidebar's text boxes, or the command line's
/// flags), before it is checked. `validate` turns it into a `CallFilter` or says, per
/// field, what is wrong; nothing invalid is ever sent to a provider.
public struct FilterDraft: Sendable, Hashable {
    public var since = "7d"
    public var until = "now"
    public var direction = ""
    public var status = ""
    public var from = ""
    public var to = ""
    public var hangupCause = ""
    /// The carrier trunk by name or id (Vobiz; matched here, the API has no such filter).
    public var trunk = ""
    public var minDuration = ""
    public var maxDuration = ""
    public var search = ""
    /// The zone times are typed and shown in (IANA name); empty means the display zone.
    public var zone = ""

    public init() {}

    /// A draft of a range alone (a profile's `since`, a saved file's days), every other field empty.
    public static func defaults(since: String?, until: String?) -> FilterDraft {
        var draft = FilterDraft()
        draft.since = since ?? draft.since
        draft.until = until ?? draft.until
        return draft
    }

    /// The draft's fields, in sidebar order. `timeRange` is edited as `since` and `until`.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case since, until, zone, direction, status, from, to, hangupCause, trunk, minDuration, maxDuration, search

        /// The filter part this field sets, for "server or client" marks; nil for the zone,
        /// which only says how times are read.
        public var filterField: CallFilter.Field? {
            switch self {
            case .zone: return nil
            case .since, .until: return .timeRange
            case .direction: return .direction
            case .status: return .status
            case .from: return .from
            case .to: return .to
            case .hangupCause: return .hangupCause
            case .trunk: return .trunk
            case .minDuration: return .minDuration
            case .maxDuration: return .maxDuration
            case .search: return .search
            }
        }
    }

    public subscript(field: Field) -> String {
        get {
            switch field {
            case .since: return since
            case .until: return until
            case .direction: return direction
            case .status: return status
            case .from: return from
            case .to: return to
            case .hangupCause: return hangupCause
            case .trunk: return trunk
            case .minDuration: return minDuration
            case .maxDuration: return maxDuration
            case .search: return search
            case .zone: return zone
            }
        }
        set {
            switch field {
            case .since: since = newValue
            case .until: until = newValue
            case .direction: direction = newValue
            case .status: status = newValue
            case .from: from = newValue
            case .to: to = newValue
            case .hangupCause: hangupCause = newValue
            case .trunk: trunk = newValue
            case .minDuration: minDuration = newValue
            case .maxDuration: maxDuration = newValue
            case .search: search = newValue
            case .zone: zone = newValue
            }
        }
    }

    /// What to show when a field is cleared.
    public static func defaultValue(of field: Field) -> String {
        switch field {
        case .since: return "7d"
        case .until: return "now"
        default: return ""
        }
    }

    /// Call history starts long after 1970 and ends before 2200; outside that a time is a typo.
    static let earliest = Date(timeIntervalSince1970: 0)
    static let latest = Date(timeIntervalSince1970: 7_258_118_400)

    /// The zone the draft names, or `display` when it names none; nil for an unknown name.
    public func resolvedZone(display: ZoneClock) -> ZoneClock? {
        let name = zone.trimmingASCIIWhitespace()
        return name.isEmpty ? display : ZoneClock(identifier: name)
    }

    /// The filter this draft describes, or every field's problem.
    /// - Parameter zone: the display zone, used when the draft names none.
    public func validate(zone display: ZoneClock, now: Date) -> Result<CallFilter, FilterErrors> {
        var errors: [Field: String] = [:]
        func trimmed(_ s: String) -> String? {
            let t = s.trimmingASCIIWhitespace()
            return t.isEmpty ? nil : t
        }
        let zone: ZoneClock
        if let resolved = resolvedZone(display: display) {
            zone = resolved
        } else {
            errors[.zone] = "unknown time zone '\(SafeText.sanitize(self.zone))': use an IANA name such as America/New_York or UTC"
            zone = display
        }
        var start: Date?
        var end: Date?
        do { start = try TimeSpec.parse(trimmed(since) ?? "7d", zone: zone, now: now) } catch { errors[.since] = error.description }
        do { end = try TimeSpec.parse(trimmed(until) ?? "now", zone: zone, now: now, endOfDay: true) } catch { errors[.until] = error.description }
        if let s = start, s < Self.earliest || s > Self.latest { errors[.since] = "must lie between 1970 and 2200" }
        if let e = end, e < Self.earliest || e > Self.latest { errors[.until] = "must lie between 1970 and 2200" }
        if let s = start, let e = end, errors[.since] == nil, errors[.until] == nil, e <= s {
            errors[.until] = "\(zone.local(e)) is not after the start, \(zone.local(s)) \(zone.identifier)"
        }
        var filter = CallFilter(since: start ?? now, until: end ?? now)
        filter.untilIsNow = (trimmed(until) ?? "now").lowercased() == "now"
        if let text = trimmed(direction) {
            if let d = CallDirection(providerValue: text), d == .inbound || d == .outbound {
                filter.direction = d
            } else {
                errors[.direction] = "must be inbound or outbound, not '\(SafeText.sanitize(text))'"
            }
        }
        if let text = trimmed(status) {
            if let s = CallStatus(providerValue: text), s != .other(text.lowercased()) {
                filter.status = s
            } else {
                errors[.status] = "must be answered, no-answer, busy or failed, not '\(SafeText.sanitize(text))'"
            }
        }
        func seconds(_ field: Field) -> Int? {
            guard let text = trimmed(self[field]) else { return nil }
            guard let value = Int(text), value >= 0 else {
                errors[field] = "must be a whole number of seconds, not '\(SafeText.sanitize(text))'"
                return nil
            }
            return value
        }
        filter.minDuration = seconds(.minDuration)
        filter.maxDuration = seconds(.maxDuration)
        if let lo = filter.minDuration, let hi = filter.maxDuration, hi < lo {
            errors[.maxDuration] = "\(hi) is less than the shortest, \(lo)"
        }
        filter.from = trimmed(from)
        filter.to = trimmed(to)
        filter.hangupCause = trimmed(hangupCause)?.uppercased()
        filter.trunk = trimmed(trunk)
        filter.search = trimmed(search)
        return errors.isEmpty ? .success(filter) : .failure(FilterErrors(byField: errors))
    }
}

/// What is wrong with a draft, field by field.
public struct FilterErrors: Error, Sendable, Hashable {
    public let byField: [FilterDraft.Field: String]

    /// The first problem in sidebar order.
    public var first: (field: FilterDraft.Field, message: String)? {
        FilterDraft.Field.allCases.lazy.compactMap { field in self.byField[field].map { (field, $0) } }.first
    }
}
