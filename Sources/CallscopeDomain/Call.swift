import Foundation

/// Which API a call came from.
public enum ProviderID: String, Sendable, Hashable, CaseIterable, Codable {
    case voxo
    case vobiz

    public var displayName: String {
        switch self {
        case .voxo: return "VOXO"
        case .vobiz: return "Vobiz"
        }
    }
}

/// `inbound` or `outbound`; any other provider value kept lower-cased.
public enum CallDirection: Sendable, Hashable, CustomStringConvertible {
    case inbound
    case outbound
    case other(String)

    /// VOXO's and Vobiz's own spellings, read from a value's bytes without making a `String`;
    /// nil for any other text, which `init?(providerValue:)` reads.
    public init?(sentSpelling bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.spells("IN") || bytes.spells("inbound") {
            self = .inbound
        } else if bytes.spells("OUT") || bytes.spells("outbound") {
            self = .outbound
        } else {
            return nil
        }
    }

    /// Reads VOXO's `IN`/`OUT` and Vobiz's `inbound`/`outbound` alike.
    public init?(providerValue raw: String) {
        // The spellings providers send, matched before trimming and lower-casing cost anything.
        var raw = raw
        if let sent = raw.withUTF8(Self.init(sentSpelling:)) {
            self = sent
            return
        }
        let value = raw.trimmingASCIIWhitespace().lowercased()
        switch value {
        case "": return nil
        case "in", "inbound", "incoming": self = .inbound
        case "out", "outbound", "outgoing": self = .outbound
        default: self = .other(value)
        }
    }

    public var description: String {
        switch self {
        case .inbound: return "inbound"
        case .outbound: return "outbound"
        case .other(let value): return value
        }
    }
}

/// `answered`, `no-answer`, `busy`, `failed`; any other provider value kept lower-cased.
public enum CallStatus: Sendable, Hashable, CustomStringConvertible {
    case answered
    case noAnswer
    case busy
    case failed
    case other(String)

    /// VOXO's and Vobiz's own spellings, read from a value's bytes without making a `String`;
    /// nil for any other text, which `init?(providerValue:)` reads.
    public init?(sentSpelling bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.spells("ANSWERED") || bytes.spells("answered") || bytes.spells("completed") {
            self = .answered
        } else if bytes.spells("NO ANSWER") || bytes.spells("no-answer") || bytes.spells("no_answer") {
            self = .noAnswer
        } else if bytes.spells("BUSY") || bytes.spells("busy") {
            self = .busy
        } else if bytes.spells("FAILED") || bytes.spells("failed") {
            self = .failed
        } else {
            return nil
        }
    }

    /// Reads VOXO's Asterisk dispositions (`NO ANSWER`) and both Vobiz spellings
    /// (`no-answer`, `no_answer`).
    public init?(providerValue raw: String) {
        // The spellings providers send, matched before trimming and lower-casing cost anything.
        var raw = raw
        if let sent = raw.withUTF8(Self.init(sentSpelling:)) {
            self = sent
            return
        }
        let value = raw.trimmingASCIIWhitespace().lowercased()
        switch value {
        case "": return nil
        case "answered", "answer", "completed": self = .answered
        case "no-answer", "no_answer", "no answer", "noanswer": self = .noAnswer
        case "busy": self = .busy
        case "failed", "fail": self = .failed
        default: self = .other(value)
        }
    }

    public var description: String {
        switch self {
        case .answered: return "answered"
        case .noAnswer: return "no-answer"
        case .busy: return "busy"
        case .failed: return "failed"
        case .other(let value): return value
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are exactly `text`'s UTF-8.
    @inline(__always)
    func spells(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount, let base = baseAddress else { return count == 0 && text.utf8CodeUnitCount == 0 }
        return memcmp(base, text.utf8Start, count) == 0
    }
}

/// One call in one shape for every source (docs/ARCHITECTURE.md, "Layers and data flow"). Whatever the provider sent is
/// also kept verbatim, in order, in `fields`.
public struct Call: Sendable, Hashable, Identifiable {
    /// The values live in one shared box, copied only when a shared call is changed: a call is
    /// copied through arrays, batches, snapshots and sorts many times and read far more often
    /// than changed, and a struct of thirty fields made each copy thirty retains
    /// (docs/ARCHITECTURE.md, "Calls in memory").
    private var box: Box

    public var id: String {
        get { box.values.id }
        _modify { yield &unique.id }
    }
    public var provider: ProviderID {
        get { box.values.provider }
        _modify { yield &unique.provider }
    }
    public var startTime: Date? {
        get { box.values.startTime }
        _modify { yield &unique.startTime }
    }
    public var answerTime: Date? {
        get { box.values.answerTime }
        _modify { yield &unique.answerTime }
    }
    public var endTime: Date? {
        get { box.values.endTime }
        _modify { yield &unique.endTime }
    }
    public var direction: CallDirection? {
        get { box.values.direction }
        _modify { yield &unique.direction }
    }
    public var status: CallStatus? {
        get { box.values.status }
        _modify { yield &unique.status }
    }
    public var from: String? {
        get { box.values.from }
        _modify { yield &unique.from }
    }
    public var to: String? {
        get { box.values.to }
        _modify { yield &unique.to }
    }
    public var callerName: String? {
        get { box.values.callerName }
        _modify { yield &unique.callerName }
    }
    /// Talk time: VOXO `afterAnswerDuration`, Vobiz `duration_seconds`.
    public var durationSeconds: Int? {
        get { box.values.durationSeconds }
        _modify { yield &unique.durationSeconds }
    }
    /// Start to end, ringing included.
    public var totalSeconds: Int? {
        get { box.values.totalSeconds }
        _modify { yield &unique.totalSeconds }
    }
    public var hangupCause: String? {
        get { box.values.hangupCause }
        _modify { yield &unique.hangupCause }
    }
    public var sipResponseCode: Int? {
        get { box.values.sipResponseCode }
        _modify { yield &unique.sipResponseCode }
    }
    /// The provider's literal number text, so money is never rounded through a Double.
    public var cost: String? {
        get { box.values.cost }
        _modify { yield &unique.cost }
    }
    public var currency: String? {
        get { box.values.currency }
        _modify { yield &unique.currency }
    }
    /// nil when nothing was measured (providers send `0` for that).
    public var mos: Double? {
        get { box.values.mos }
        _modify { yield &unique.mos }
    }
    public var jitter: Double? {
        get { box.values.jitter }
        _modify { yield &unique.jitter }
    }
    public var packetLoss: Double? {
        get { box.values.packetLoss }
        _modify { yield &unique.packetLoss }
    }
    public var account: String? {
        get { box.values.account }
        _modify { yield &unique.account }
    }
    public var previousLegId: String? {
        get { box.values.previousLegId }
        _modify { yield &unique.previousLegId }
    }
    public var nextLegId: String? {
        get { box.values.nextLegId }
        _modify { yield &unique.nextLegId }
    }
    /// Another id the provider knows the call by (VOXO's Asterisk uniqueId beside its id),
    /// so a pasted one opens the call too.
    public var alternateId: String? {
        get { box.values.alternateId }
        _modify { yield &unique.alternateId }
    }
    /// Ringing before answer (or before giving up), in seconds.
    public var ringSeconds: Int? {
        get { box.values.ringSeconds }
        _modify { yield &unique.ringSeconds }
    }
    /// Which side hung up, in the provider's words.
    public var hangupInitiator: String? {
        get { box.values.hangupInitiator }
        _modify { yield &unique.hangupInitiator }
    }
    /// The carrier trunk the call used, for grouping and narrowing.
    public var trunk: String? {
        get { box.values.trunk }
        _modify { yield &unique.trunk }
    }
    /// The trunk's name, where the provider sent one beside its id (exports carry both).
    public var trunkName: String? {
        get { box.values.trunkName }
        _modify { yield &unique.trunkName }
    }
    /// Provider-specific facts, labelled by the provider's mapper, for the detail pane: read
    /// from the record when asked, unless listed (`CallDetails`).
    public var extraDetails: [CallDetailItem] {
        get { box.values.extraDetails }
        set { unique.extraDetails = newValue }
    }
    /// How `extraDetails` are kept: listed, or read from the record when asked.
    public var details: CallDetails { box.values.details }
    /// Keys of `fields` that the normalized values or `extraDetails` already present, so the
    /// detail's "other fields" lists only the rest. Set by the mapper that knows the names.
    public var presentedKeys: Set<String> {
        get { box.values.presentedKeys }
        _modify { yield &unique.presentedKeys }
    }
    /// Keys of `fields` whose value was impossible (a duration of 2^63, a year of 10^12):
    /// kept and shown as sent, left out of every derived value (docs/ARCHITECTURE.md).
    public var implausibleKeys: [String] {
        get { box.values.implausibleKeys }
        _modify { yield &unique.implausibleKeys }
    }
    /// Whether this is a list row that the provider can tell more about through a
    /// single-call request (Vobiz rows lack the SIP code, ring time and trunk name).
    public var hasFullerDetail: Bool {
        get { box.values.hasFullerDetail }
        _modify { yield &unique.hasFullerDetail }
    }
    /// The provider's record, as sent.
    public var record: ProviderRecord {
        get { box.values.record }
        _modify { yield &unique.record }
    }
    /// The provider's record as sent, in order, read from `record`.
    public var fields: JSONObject {
        get { record.object }
        set { record = ProviderRecord(newValue) }
    }

    public init(id: String, provider: ProviderID, fields: JSONObject = JSONObject()) {
        self.init(id: id, provider: provider, record: ProviderRecord(fields))
    }

    public init(id: String, provider: ProviderID, record: ProviderRecord) {
        box = Box(Values(id: id, provider: provider, record: record))
    }

    public init(_ values: Values) {
        box = Box(values)
    }

    /// The values moved into the call, not copied (a copy retains each of thirty fields),
    /// leaving empty ones behind: a mapper's last step for each record of an answer.
    public init(taking values: inout Values) {
        box = Box(Values(id: "", provider: values.provider, record: ProviderRecord()))
        swap(&box.values, &values)
    }

    /// The values, made this call's own before a change.
    private var unique: Values {
        get { box.values }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.values) }
            yield &box.values
        }
    }

    public static func == (a: Call, b: Call) -> Bool {
        a.box === b.box || a.box.values == b.box.values
    }

    public func hash(into hasher: inout Hasher) {
        box.values.hash(into: &hasher)
    }

    /// A call's values unboxed, for a mapper that sets them one by one before making the call
    /// (`Call(values)`): plain stores, no copy-on-write check per field.
    public struct Values: Hashable, Sendable {
        public var id: String
        public var provider: ProviderID
        public var startTime: Date?
        public var answerTime: Date?
        public var endTime: Date?
        public var direction: CallDirection?
        public var status: CallStatus?
        public var from: String?
        public var to: String?
        public var callerName: String?
        public var durationSeconds: Int?
        public var totalSeconds: Int?
        public var hangupCause: String?
        public var sipResponseCode: Int?
        public var cost: String?
        public var currency: String?
        public var mos: Double?
        public var jitter: Double?
        public var packetLoss: Double?
        public var account: String?
        public var previousLegId: String?
        public var nextLegId: String?
        public var alternateId: String?
        public var ringSeconds: Int?
        public var hangupInitiator: String?
        public var trunk: String?
        public var trunkName: String?
        public var details = CallDetails.listed([])
        /// The detail lines, read from the record if that is how `details` keeps them.
        public var extraDetails: [CallDetailItem] {
            get {
                switch details {
                case .listed(let items): items
                case .readFromRecord(let reader): reader(record)
                }
            }
            set { details = .listed(newValue) }
        }
        public var presentedKeys: Set<String> = []
        public var implausibleKeys: [String] = []
        public var hasFullerDetail = false
        public var record: ProviderRecord

        public init(id: String, provider: ProviderID, record: ProviderRecord) {
            self.id = id
            self.provider = provider
            self.record = record
        }
    }

    /// Safe to share between threads because a shared box is never changed: `unique` copies
    /// it first unless this call holds the only reference.
    private final class Box: @unchecked Sendable {
        var values: Values
        init(_ values: Values) { self.values = values }
    }
}

/// One provider-specific line of a call's detail, placed in a section by the mapper that
/// knows what the provider's field means.
public struct CallDetailItem: Sendable, Hashable {
    public enum Section: Sendable, Hashable { case call, timing, outcome, quality, carrier }

    public var section: Section
    public var label: String
    /// The value's parts (up to three, kept inline), joined when it is read: only the detail
    /// pane of one call reads them.
    private var first: String
    private var rest: (String?, String?)
    private var separator: String

    public var value: String {
        get {
            switch rest {
            case (nil, nil): first
            case let (second?, nil): first + separator + second
            case let (nil, third?): first + separator + third
            case let (second?, third?): first + separator + second + separator + third
            }
        }
        set { (first, rest, separator) = (newValue, (nil, nil), "") }
    }

    public init(_ section: Section, _ label: String, _ value: String) {
        self.section = section
        self.label = label
        (first, rest, separator) = (value, (nil, nil), "")
    }

    /// A value of the parts that are present, joined by `separator`; nil when none is.
    public init?(_ section: Section, _ label: String, joining a: String?, _ b: String?, _ c: String? = nil, separator: String) {
        // The first present part leads; the others follow in order (no array is built).
        switch (a, b, c) {
        case (nil, nil, nil): return nil
        case let (first?, _, _): (self.first, rest) = (first, (b, c))
        case let (nil, first?, _): (self.first, rest) = (first, (c, nil))
        case let (nil, nil, first?): (self.first, rest) = (first, (nil, nil))
        }
        self.section = section
        self.label = label
        self.separator = separator
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.section == b.section && a.label == b.label && a.value == b.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(section)
        hasher.combine(label)
        hasher.combine(value)
    }
}
