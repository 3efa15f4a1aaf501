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

    /// Reads VOXO's `IN`/`OUT` and Vobiz's `inbound`/`outbound` alike.
    public init?(providerValue raw: String) {
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

    /// Reads VOXO's Asterisk dispositions (`NO ANSWER`) and both Vobiz spellings
    /// (`no-answer`, `no_answer`).
    public init?(providerValue raw: String) {
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

/// One call in one shape for every source (docs/ARCHITECTURE.md, "Layers and data flow"). Whatever the provider sent is
/// also kept verbatim, in order, in `fields`.
public struct Call: Sendable, Hashable, Identifiable {
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
    /// Talk time: VOXO `afterAnswerDuration`, Vobiz `duration_seconds`.
    public var durationSeconds: Int?
    /// Start to end, ringing included.
    public var totalSeconds: Int?
    public var hangupCause: String?
    public var sipResponseCode: Int?
    /// The provider's literal number text, so money is never rounded through a Double.
    public var cost: String?
    public var currency: String?
    /// nil when nothing was measured (providers send `0` for that).
    public var mos: Double?
    public var jitter: Double?
    public var packetLoss: Double?
    public var account: String?
    public var previousLegId: String?
    public var nextLegId: String?
    /// Another id the provider knows the call by (VOXO's Asterisk uniqueId beside its id),
    /// so a pasted one opens the call too.
    public var alternateId: String?
    /// Ringing before answer (or before giving up), in seconds.
    public var ringSeconds: Int?
    /// Which side hung up, in the provider's words.
    public var hangupInitiator: String?
    /// The carrier trunk the call used, for grouping and narrowing.
    public var trunk: String?
    /// Provider-specific facts, labelled by the provider's mapper, for the detail pane.
    public var extraDetails: [CallDetailItem] = []
    /// Keys of `fields` that the normalized values or `extraDetails` already present, so the
    /// detail's "other fields" lists only the rest. Set by the mapper that knows the names.
    public var presentedKeys: Set<String> = []
    /// Keys of `fields` whose value was impossible (a duration of 2^63, a year of 10^12):
    /// kept and shown as sent, left out of every derived value (docs/ARCHITECTURE.md).
    public var implausibleKeys: [String] = []
    /// Whether this is a list row that the provider can tell more about through a
    /// single-call request (Vobiz rows lack the SIP code, ring time and trunk name).
    public var hasFullerDetail = false
    /// The provider's record, as sent.
    public var record: ProviderRecord
    /// The provider's record as sent, in order, read from `record`.
    public var fields: JSONObject {
        get { record.object }
        set { record = ProviderRecord(newValue) }
    }

    public init(id: String, provider: ProviderID, fields: JSONObject = JSONObject()) {
        self.init(id: id, provider: provider, record: ProviderRecord(fields))
    }

    public init(id: String, provider: ProviderID, record: ProviderRecord) {
        self.id = id
        self.provider = provider
        self.record = record
    }
}

/// One provider-specific line of a call's detail, placed in a section by the mapper that
/// knows what the provider's field means.
public struct CallDetailItem: Sendable, Hashable {
    public enum Section: Sendable, Hashable { case call, timing, outcome, quality, carrier }

    public var section: Section
    public var label: String
    public var value: String

    public init(_ section: Section, _ label: String, _ value: String) {
        self.section = section
        self.label = label
        self.value = value
    }
}
