import CallscopeDomain
import Foundation

/// Turns one Vobiz CDR (list row or full detail) into a `Call`. Reads the documented
/// variants: `call_uuid` or `uuid`, `no-answer` or `no_answer`.
public struct VobizRecordMapper: Sendable {
    /// The customer the request was scoped to, used when the record does not name one.
    public let account: String?

    public init(account: String?) {
        self.account = account
    }

    public func map(_ value: JSONValue) -> Call? {
        guard case .object(let record) = value else { return nil }
        var call = Call(id: "", provider: .vobiz, fields: record)
        var callUUID: String?
        var uuid: String?
        var ring: Int?
        for (key, field) in record.members {
            switch key {
            case "call_uuid": callUUID = field.nonEmptyText
            case "uuid": uuid = field.nonEmptyText
            case "from_number": call.from = field.nonEmptyText
            case "to_number": call.to = field.nonEmptyText
            case "caller_name", "caller_id_name": call.callerName = field.nonEmptyText
            case "direction", "call_direction": call.direction = field.nonEmptyText.flatMap(CallDirection.init(providerValue:))
            case "status": call.status = field.nonEmptyText.flatMap(CallStatus.init(providerValue:))
            case "duration_seconds": call.durationSeconds = field.intValue
            case "ring_duration_seconds": ring = field.intValue
            case "hangup_cause": call.hangupCause = field.nonEmptyText
            case "sip_response_code": call.sipResponseCode = field.intValue
            case "cost": call.cost = field.numberText
            case "currency": call.currency = field.nonEmptyText
            case "start_time": call.startTime = field.nonEmptyText.flatMap(ISO8601.parse)
            case "answer_time": call.answerTime = field.nonEmptyText.flatMap(ISO8601.parse)
            case "end_time": call.endTime = field.nonEmptyText.flatMap(ISO8601.parse)
            case "mos": call.mos = field.doubleValue.flatMap { $0 > 0 ? $0 : nil }
            case "jitter", "jitter_ms": call.jitter = field.doubleValue
            case "packet_loss", "packet_loss_percent": call.packetLoss = field.doubleValue
            case "account_auth_id": call.account = field.nonEmptyText
            case "previous_call_uuid", "parent_call_uuid": call.previousLegId = field.nonEmptyText
            case "next_call_uuid": call.nextLegId = field.nonEmptyText
            default: break
            }
        }
        call.id = callUUID ?? uuid ?? UnidentifiedRecord.id(for: record, provider: .vobiz)
        if call.account == nil { call.account = account }
        if let start = call.startTime, let end = call.endTime, end >= start {
            call.totalSeconds = Int(end.timeIntervalSince(start).rounded())
        } else if let ring, let talk = call.durationSeconds {
            call.totalSeconds = ring + talk
        }
        return call
    }
}
