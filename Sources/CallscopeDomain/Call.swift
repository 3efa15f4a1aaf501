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

/// One call in one shape for every source (SPEC.md §3.4). Whatever the provider sent is
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
    public var fields: JSONObject

    /// Whether this is a list row that the provider can tell more about: Vobiz's single-call
    /// endpoint adds SIP code, ring time, trunk name …, given the customer. VOXO rows are whole.
    public var mayHaveFullerDetail: Bool {
        provider == .vobiz && account != nil && fields["sip_response_code"] == nil
    }

    public init(id: String, provider: ProviderID, fields: JSONObject = JSONObject()) {
        self.id = id
        self.provider = provider
        self.fields = fields
    }
}
