import CallscopeDomain
import Foundation

/// Turns one Vobiz CDR (list row or full detail) into a `Call`. Reads the documented
/// variants: `call_uuid` or `uuid`, `no-answer` or `no_answer`. Every number and time is
/// range-checked (`Plausible`): an impossible one is listed in `implausibleKeys` and used for
/// nothing.
public struct VobizRecordMapper: Sendable {
    /// The customer the request was scoped to, used when the record does not name one.
    public let account: String?

    public init(account: String?) {
        self.account = account
    }

    /// The keys whose meaning the normalized call or its extra details carry.
    static let presentedKeys: Set<String> = [
        "call_uuid", "uuid", "from_number", "to_number", "caller_name", "caller_id_name", "direction", "call_direction",
        "status", "duration_seconds", "ring_duration_seconds", "hangup_cause", "hangup_initiator", "sip_response_code",
        "cost", "currency", "start_time", "answer_time", "end_time", "trunk_id", "trunk_name", "account_auth_id", "mos",
        "jitter", "jitter_ms", "packet_loss", "packet_loss_percent", "caller_id", "previous_call_uuid",
        "parent_call_uuid", "next_call_uuid",
    ]

    public func map(_ value: JSONValue) -> Call? {
        guard case .object(let record) = value else { return nil }
        var call = Call.Values(id: "", provider: .vobiz, record: ProviderRecord(record))
        var callUUID: String?
        var uuid: String?
        var implausible: [String] = []
        /// Keeps a present value only when it is in range; anything else that is not null or
        /// "" (an impossible number, an object where a number belongs) is marked unused.
        func checked<T>(_ key: String, _ field: JSONValue, _ value: T?) -> T? {
            if value == nil, !field.isNull, field.text != "" { implausible.append(key) }
            return value
        }
        func time(_ key: String, _ field: JSONValue) -> Date? {
            checked(key, field, Plausible.instant(field.nonEmptyText.flatMap(ISO8601.parse)))
        }
        for (key, field) in record.members {
            switch key {
            case "call_uuid": callUUID = field.nonEmptyText
            case "uuid": uuid = field.nonEmptyText
            case "from_number": call.from = field.nonEmptyText
            case "to_number": call.to = field.nonEmptyText
            case "caller_name", "caller_id_name": call.callerName = field.nonEmptyText
            case "direction", "call_direction": call.direction = field.nonEmptyText.flatMap(CallDirection.init(providerValue:))
            case "status": call.status = field.nonEmptyText.flatMap(CallStatus.init(providerValue:))
            case "duration_seconds": call.durationSeconds = checked(key, field, Plausible.duration(field.intValue))
            case "ring_duration_seconds": call.ringSeconds = checked(key, field, Plausible.duration(field.intValue))
            case "hangup_cause": call.hangupCause = field.nonEmptyText
            case "hangup_initiator": call.hangupInitiator = field.nonEmptyText
            case "sip_response_code": call.sipResponseCode = checked(key, field, Plausible.sipCode(field.intValue))
            case "cost": call.cost = checked(key, field, Plausible.amount(field.numberText))
            case "currency": call.currency = field.nonEmptyText
            case "start_time": call.startTime = time(key, field)
            case "answer_time": call.answerTime = time(key, field)
            case "end_time": call.endTime = time(key, field)
            case "mos":
                // 0 means no audio was measured, not the worst quality.
                let mos = checked(key, field, field.doubleValue.flatMap { Plausible.mos.contains($0) ? $0 : nil })
                call.mos = mos.flatMap { $0 > 0 ? $0 : nil }
            case "jitter", "jitter_ms": call.jitter = checked(key, field, field.doubleValue.flatMap { Plausible.jitterMilliseconds.contains($0) ? $0 : nil })
            case "packet_loss", "packet_loss_percent": call.packetLoss = checked(key, field, field.doubleValue.flatMap { Plausible.percent.contains($0) ? $0 : nil })
            case "account_auth_id": call.account = field.nonEmptyText
            case "previous_call_uuid", "parent_call_uuid": call.previousLegId = field.nonEmptyText
            case "next_call_uuid": call.nextLegId = field.nonEmptyText
            default: break
            }
        }
        call.id = callUUID ?? uuid ?? UnidentifiedRecord.id(for: record, provider: .vobiz)
        if call.account == nil { call.account = account }
        // Both instants lie within `Plausible.years`, so their difference fits an Int.
        if let start = call.startTime, let end = call.endTime, end >= start {
            call.totalSeconds = Plausible.duration(Int(end.timeIntervalSince(start).rounded()))
        } else if let ring = call.ringSeconds, let talk = call.durationSeconds {
            call.totalSeconds = Plausible.duration(ring + talk)
        }
        // The id first: list rows carry only the id, and "same trunk" must match them.
        call.trunk = record["trunk_id"]?.nonEmptyText ?? record["trunk_name"]?.nonEmptyText
        call.extraDetails = Self.extraDetails(record)
        call.presentedKeys = Self.presentedKeys
        call.implausibleKeys = implausible
        // List rows lack what the single-call endpoint adds; it needs the customer.
        call.hasFullerDetail = call.account != nil && record["sip_response_code"] == nil
        return Call(call)
    }

    static func extraDetails(_ record: JSONObject) -> [CallDetailItem] {
        func text(_ key: String) -> String? { record[key]?.nonEmptyText }
        var items: [CallDetailItem] = []
        if let callerID = text("caller_id") { items.append(CallDetailItem(.call, "caller id", callerID)) }
        let trunk = ["trunk_name", "trunk_id"].compactMap(text)
        if !trunk.isEmpty { items.append(CallDetailItem(.carrier, "trunk", trunk.joined(separator: " · "))) }
        return items
    }
}
