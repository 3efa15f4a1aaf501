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
/// It names no provider field: the mappers hand it normalized values and labelled extras.
public enum DetailModel {
    public static func lines(for call: Call, zone: ZoneClock) -> [DetailLine] {
        var out: [DetailLine] = []
        func field(_ label: String, _ value: String?, _ emphasis: DetailLine.Emphasis = .normal) {
            guard let value, !value.isEmpty else { return }
            out.append(.field(label: DisplayText.cell(label), value: DisplayText.detailValue(value), emphasis: emphasis))
        }
        /// The provider-specific lines its mapper put in this section.
        func extras(_ section: CallDetailItem.Section) {
            for item in call.extraDetails where item.section == section { field(item.label, item.value) }
        }
        func time(_ d: Date?) -> String? { d.map { "\(zone.local($0)) \(zone.identifier)" } }
        func seconds(_ s: Int?) -> String? { s.map { "\(CallFormatting.clock($0)) (\($0) s)" } }

        out.append(.section("Call"))
        field("id", call.id)
        field("provider", call.provider.displayName)
        field("account", call.account)
        field("direction", call.direction?.description)
        field("from", call.from)
        field("to", call.to)
        field("caller name", call.callerName)
        extras(.call)

        out.append(.section("Timing"))
        field("start", time(call.startTime))
        field("answer", time(call.answerTime))
        field("end", time(call.endTime))
        field("ring", seconds(call.ringSeconds))
        field("talk", seconds(call.durationSeconds))
        field("total", seconds(call.totalSeconds))
        extras(.timing)

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
        field("hung up by", call.hangupInitiator)
        if let sip = call.sipResponseCode {
            field("SIP code", CallExplanations.sipCode(sip).map { "\(sip) \($0)" } ?? String(sip), sip >= 400 ? .bad : .normal)
        }
        extras(.outcome)

        out.append(.section("Quality"))
        if let mos = call.mos {
            let rating = CallExplanations.mosRating(mos)
            field("MOS", "\(mos) (\(rating))", rating == "good" ? .good : rating == "fair" ? .normal : .bad)
        } else {
            field("MOS", "not measured")
        }
        field("jitter", call.jitter.map { "\($0) ms" + ($0 > 30 ? " (over 30 ms)" : "") }, (call.jitter ?? 0) > 30 ? .bad : .normal)
        field("packet loss", call.packetLoss.map { "\($0) %" + ($0 > 1 ? " (over 1 %)" : "") }, (call.packetLoss ?? 0) > 1 ? .bad : .normal)
        extras(.quality)

        out.append(.section("Carrier and billing"))
        field("cost", call.cost.map { [$0, call.currency].compactMap { $0 }.joined(separator: " ") })
        extras(.carrier)

        out.append(.section("Linked legs"))
        if call.previousLegId == nil && call.nextLegId == nil {
            field("legs", "none")
        } else {
            field("previous  [", call.previousLegId)
            field("next      ]", call.nextLegId)
        }

        out.append(.section("Other fields from \(call.provider.displayName)"))
        let implausible = Set(call.implausibleKeys)
        for member in call.fields.members where !call.presentedKeys.contains(member.key) || implausible.contains(member.key) {
            let value: String
            switch member.value {
            case .null: value = "null"
            case .string(let s): value = s.isEmpty ? "\"\"" : s
            case .number(let n): value = n
            case .bool(let b): value = b ? "true" : "false"
            case .array, .object: value = JSONWriter.string(member.value)
            }
            if implausible.contains(member.key) {
                // Shown as sent, and said to be unused: no end time or sum was derived from it.
                out.append(.field(label: DisplayText.cell(member.key), value: DisplayText.detailValue(value) + "  (out of range, not used)", emphasis: .warning))
            } else {
                out.append(.field(label: DisplayText.cell(member.key), value: DisplayText.detailValue(value), emphasis: .normal))
            }
        }
        return out
    }
}
