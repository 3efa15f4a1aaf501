import CallscopeDomain
import Foundation

/// One line of the detail pane, ready to draw (all text sanitized).
public enum DetailLine: Sendable, Hashable {
    case section(String)
    case field(label: String, value: String, emphasis: Emphasis)
    case blank

    public enum Emphasis: Sendable, Hashable { case normal, good, warning, bad }
}

/// The detail pane's content for a call: call, timing, outcome explained in plain words,
/// quality rated, carrier and billing, linked legs, then every other field the provider sent.
public enum DetailModel {
    /// Fields shown in the sections above, so "other fields" does not repeat them.
    static let shownVoxo: Set<String> = ["id", "time", "callerIdNumber", "callerIdName", "dialedNum", "direction", "disposition",
                                         "duration", "afterAnswerDuration", "mos", "percentJitter", "packetLoss", "prevUniqueId", "nextUniqueId",
                                         "lec", "lecType", "ocn", "rateCenter", "state", "city", "jurisdiction", "uniqueId"]
    static let shownVobiz: Set<String> = ["call_uuid", "uuid", "from_number", "to_number", "direction", "status", "duration_seconds",
                                          "ring_duration_seconds", "hangup_cause", "hangup_initiator", "sip_response_code", "cost", "currency",
                                          "start_time", "answer_time", "end_time", "trunk_id", "trunk_name", "account_auth_id", "mos",
                                          "jitter", "packet_loss", "caller_id"]

    public static func lines(for call: Call, zone: ZoneClock) -> [DetailLine] {
        var out: [DetailLine] = []
        func field(_ label: String, _ value: String?, _ emphasis: DetailLine.Emphasis = .normal) {
            guard let value, !value.isEmpty else { return }
            out.append(.field(label: label, value: DisplayText.detailValue(value), emphasis: emphasis))
        }
        func raw(_ key: String) -> String? { call.fields[key].flatMap { $0.isNull ? nil : $0.text } }
        func time(_ d: Date?) -> String? { d.map { "\(zone.local($0)) \(zone.identifier)" } }

        out.append(.section("Call"))
        field("id", call.id)
        if call.provider == .voxo { field("uniqueId", raw("uniqueId")) }
        field("provider", call.provider.displayName)
        field("account", call.account)
        field("direction", call.direction?.description)
        field("from", call.from)
        field("to", call.to)
        field("caller name", call.callerName)
        field("caller id", raw("caller_id"))

        out.append(.section("Timing"))
        field("start", time(call.startTime))
        field("answer", time(call.answerTime))
        field("end", time(call.endTime))
        field("ring", raw("ring_duration_seconds").flatMap(Int.init).map { "\(CallFormatting.clock($0)) (\($0) s)" })
        field("talk", call.durationSeconds.map { "\(CallFormatting.clock($0)) (\($0) s)" })
        field("total", call.totalSeconds.map { "\(CallFormatting.clock($0)) (\($0) s)" })

        out.append(.section("Outcome"))
        let statusEmphasis: DetailLine.Emphasis = {
            switch call.status {
            case .answered?: return .good
            case .failed?: return .bad
            case .busy?, .noAnswer?: return .warning
            default: return .normal
            }
        }()
        field("status", call.status?.description, statusEmphasis)
        if let cause = call.hangupCause {
            field("hangup cause", CallExplanations.hangupCause(cause).map { "\(cause): \($0)" } ?? cause, cause == "NORMAL_CLEARING" ? .normal : .warning)
        }
        field("hung up by", raw("hangup_initiator"))
        if let sip = call.sipResponseCode {
            field("SIP code", CallExplanations.sipCode(sip).map { "\(sip) \($0)" } ?? String(sip), sip >= 400 ? .bad : .normal)
        }

        out.append(.section("Quality"))
        if let mos = call.mos {
            let rating = CallExplanations.mosRating(mos)
            field("MOS", "\(mos) (\(rating))", rating == "good" ? .good : rating == "fair" ? .normal : .bad)
        } else {
            field("MOS", "not measured")
        }
        field("jitter", call.jitter.map { "\($0) ms" + ($0 > 30 ? " (over 30 ms)" : "") }, (call.jitter ?? 0) > 30 ? .bad : .normal)
        field("jitter %", raw("percentJitter"))
        field("packet loss", call.packetLoss.map { "\($0) %" + ($0 > 1 ? " (over 1 %)" : "") }, (call.packetLoss ?? 0) > 1 ? .bad : .normal)

        out.append(.section("Carrier and billing"))
        field("cost", call.cost.map { [$0, call.currency].compactMap { $0 }.joined(separator: " ") })
        field("trunk", [raw("trunk_name"), raw("trunk_id")].compactMap { $0 }.joined(separator: " · "))
        field("carrier", [raw("lec"), raw("lecType")].compactMap { $0 }.joined(separator: " · "))
        field("rate center", [raw("rateCenter"), raw("state")].compactMap { $0 }.joined(separator: ", "))
        field("jurisdiction", raw("jurisdiction"))

        out.append(.section("Linked legs"))
        if call.previousLegId == nil && call.nextLegId == nil {
            field("legs", "none")
        } else {
            field("previous  [", call.previousLegId)
            field("next      ]", call.nextLegId)
        }

        out.append(.section("Other fields from \(call.provider.displayName)"))
        let shown = call.provider == .voxo ? shownVoxo : shownVobiz
        for member in call.fields.members where !shown.contains(member.key) {
            let value: String
            switch member.value {
            case .null: value = "null"
            case .string(let s): value = s.isEmpty ? "\"\"" : s
            case .number(let n): value = n
            case .bool(let b): value = b ? "true" : "false"
            case .array, .object: value = JSONWriter.string(member.value)
            }
            out.append(.field(label: SafeText.sanitize(member.key), value: DisplayText.detailValue(value), emphasis: .normal))
        }
        return out
    }
}
