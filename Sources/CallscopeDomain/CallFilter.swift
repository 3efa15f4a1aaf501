import Foundation

/// What the user asked to see. One model for every provider; each provider says which
/// parts it applies on the server (`CallProvider.serverSideFields(for:)`), and
/// `CallMatcher` applies all of them on the client, so results agree either way.
public struct CallFilter: Sendable, Hashable {
    /// Calls whose start lies in `since ..< until`.
    public var since: Date
    public var until: Date
    /// Whether `until` stands for "now" (no end given): only then may follow mode move it.
    public var untilIsNow = false
    public var direction: CallDirection?
    public var status: CallStatus?
    /// A number or part of one; punctuation and spaces are ignored (`+1 (555) 0100`).
    public var from: String?
    public var to: String?
    public var hangupCause: String?
    /// The trunk's name or id, whole, any case.
    public var trunk: String?
    /// Talk time bounds in seconds, inclusive.
    public var minDuration: Int?
    public var maxDuration: Int?
    /// Free text over numbers, caller name and ids.
    public var search: String?

    public init(since: Date, until: Date) {
        self.since = since
        self.until = until
    }

    /// The parts this filter uses: the range always, the rest where set.
    public var activeFields: Set<Field> {
        var fields: Set<Field> = [.timeRange]
        if direction != nil { fields.insert(.direction) }
        if status != nil { fields.insert(.status) }
        if from != nil { fields.insert(.from) }
        if to != nil { fields.insert(.to) }
        if hangupCause != nil { fields.insert(.hangupCause) }
        if trunk != nil { fields.insert(.trunk) }
        if minDuration != nil { fields.insert(.minDuration) }
        if maxDuration != nil { fields.insert(.maxDuration) }
        if search != nil { fields.insert(.search) }
        return fields
    }

    /// Whether the range starts and ends on UTC midnights (what Vobiz's whole dates can say exactly).
    public var isWholeUTCDays: Bool {
        let (since, until) = (since.timeIntervalSince1970, until.timeIntervalSince1970)
        return since.truncatingRemainder(dividingBy: 86_400) == 0 && until.truncatingRemainder(dividingBy: 86_400) == 0
    }

    /// The filter's parts, for providers to declare where each one runs.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case timeRange, direction, status, from, to, hangupCause, trunk, minDuration, maxDuration, search
    }
}

extension CallFilter {
    /// The same filter with only `fields` set (the range always kept): what a provider is asked
    /// when the client-side parts are applied after it (the local store keeps the whole answer).
    public func keeping(_ fields: Set<Field>) -> CallFilter {
        var kept = CallFilter(since: since, until: until)
        kept.untilIsNow = untilIsNow
        if fields.contains(.direction) { kept.direction = direction }
        if fields.contains(.status) { kept.status = status }
        if fields.contains(.from) { kept.from = from }
        if fields.contains(.to) { kept.to = to }
        if fields.contains(.hangupCause) { kept.hangupCause = hangupCause }
        if fields.contains(.trunk) { kept.trunk = trunk }
        if fields.contains(.minDuration) { kept.minDuration = minDuration }
        if fields.contains(.maxDuration) { kept.maxDuration = maxDuration }
        if fields.contains(.search) { kept.search = search }
        return kept
    }

    /// Every part but the range, in one fixed spelling: two filters that differ only in their
    /// range have the same text (the local store's key for what a stored range holds).
    public var partsText: String {
        var parts: [String] = []
        if let direction { parts.append("direction=\(direction)") }
        if let status { parts.append("status=\(status)") }
        if let from { parts.append("from=\(from)") }
        if let to { parts.append("to=\(to)") }
        if let hangupCause { parts.append("cause=\(hangupCause)") }
        if let trunk { parts.append("trunk=\(trunk)") }
        if let minDuration { parts.append("min=\(minDuration)") }
        if let maxDuration { parts.append("max=\(maxDuration)") }
        if let search { parts.append("search=\(search)") }
        return parts.joined(separator: "\u{1F}")
    }
}

/// The one place where a filter is applied to a call on the client (VOXO filters nothing on
/// its server; Vobiz's answers are re-checked so both providers agree).
public struct CallMatcher: Sendable {
    public let filter: CallFilter
    private let fromDigits: String?
    private let toDigits: String?
    private let searchLower: String?
    private let searchDigits: String?
    private let causeUpper: String?
    private let trunkLower: String?

    public init(_ filter: CallFilter) {
        self.filter = filter
        fromDigits = filter.from.map(Self.digits).flatMap { $0.isEmpty ? nil : $0 }
        toDigits = filter.to.map(Self.digits).flatMap { $0.isEmpty ? nil : $0 }
        let search = filter.search?.trimmingASCIIWhitespace().lowercased()
        searchLower = search?.isEmpty == false ? search : nil
        let sd = search.map(Self.digits) ?? ""
        searchDigits = sd.count >= 3 ? sd : nil
        causeUpper = filter.hangupCause?.uppercased()
        trunkLower = filter.trunk?.lowercased()
    }

    public func matches(_ call: Call) -> Bool {
        if let start = call.startTime, start < filter.since || start >= filter.until { return false }
        if let d = filter.direction, call.direction != d { return false }
        if let s = filter.status, call.status != s { return false }
        if let f = fromDigits, !Self.number(call.from, contains: f) { return false }
        if let t = toDigits, !Self.number(call.to, contains: t) { return false }
        if let cause = causeUpper, call.hangupCause?.uppercased() != cause { return false }
        if let trunk = trunkLower, call.trunk?.lowercased() != trunk { return false }
        if let min = filter.minDuration, (call.durationSeconds ?? 0) < min { return false }
        if let max = filter.maxDuration, (call.durationSeconds ?? 0) > max { return false }
        if let q = searchLower, !matchesSearch(call, q) { return false }
        return true
    }

    /// A matcher for free text alone, over numbers, caller name and ids (the `/` find).
    public init(text: String) {
        var filter = CallFilter(since: .distantPast, until: .distantFuture)
        filter.search = text
        self.init(filter)
    }

    private func matchesSearch(_ call: Call, _ q: String) -> Bool {
        for text in [call.from, call.to, call.callerName, call.id, call.previousLegId, call.nextLegId, call.alternateId] {
            if let text, Self.searchable(text).lowercased().contains(q) { return true }
        }
        if let d = searchDigits, Self.number(call.from, contains: d) || Self.number(call.to, contains: d) { return true }
        return false
    }

    /// The part of a field a find looks through: its first 4,096 scalars. A find runs on
    /// every row drawn, and a megabyte field from a provider must not cost a megabyte each
    /// time (docs/ARCHITECTURE.md, "Enormous fields").
    static func searchable(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: 4_096, limitedBy: scalars.endIndex) else { return text[...] }
        return Substring(scalars[..<end])
    }

    static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init))
    }

    static func number(_ value: String?, contains digits: String) -> Bool {
        guard let value else { return false }
        return Self.digits(String(searchable(value))).contains(digits)
    }
}
