import Foundation

/// One fact about a call, in words: what the detail pane, `show --format text` and a copied
/// call all say, so the three cannot drift apart (docs/ARCHITECTURE.md, "Evidence").
public struct CallFact: Sendable, Hashable {
    public enum Section: String, Sendable, Hashable, CaseIterable {
        case call = "Call", timing = "Timing", outcome = "Outcome", quality = "Quality", carrier = "Carrier and billing", legs = "Linked legs"
    }

    /// How the value reads for a person triaging: a failure, a warning, a good sign.
    public enum Emphasis: Sendable, Hashable { case normal, good, warning, bad }

    public let section: Section
    public let label: String
    public let value: String
    public let emphasis: Emphasis
}

/// A call's facts in words, section by section: times in the display zone with the zone named,
/// the hangup cause and SIP code explained, MOS rated. Provider text is as sent (callers
/// sanitize for where it goes); the provider's own detail lines come in their sections.
public enum CallFacts {
    /// - Parameter customers: names to show with customer ids (a profile's `customers`).
    /// - Parameter deck: the rate deck the call is rated by, where one was named: its prefix,
    ///   destination, increment, billable seconds and rated cost join the billing facts.
    public static func of(_ call: Call, zone: ZoneClock, customers: [String: String] = [:], deck: RateDeck? = nil) -> [CallFact] {
        var out: [CallFact] = []
        var section = CallFact.Section.call
        func fact(_ label: String, _ value: String?, _ emphasis: CallFact.Emphasis = .normal) {
            guard let value, !value.isEmpty else { return }
            out.append(CallFact(section: section, label: label, value: value, emphasis: emphasis))
        }
        // Read once: they are read from the record when asked (`CallDetails`).
        let details = call.extraDetails
        func extras(_ of: CallDetailItem.Section) {
            for item in details where item.section == of { fact(item.label, item.value) }
        }
        func time(_ d: Date?) -> String? { d.map { "\(zone.local($0)) \(zone.identifier)" } }
        func seconds(_ s: Int?) -> String? { s.map { "\(CallFormatting.clock($0)) (\($0) s)" } }

        fact("id", call.id)
        fact("provider", call.provider.displayName)
        fact("account", call.account.map { id in customers[id].map { "\(id) (\($0))" } ?? id })
        fact("direction", call.direction?.description)
        fact("from", call.from)
        fact("to", call.to)
        fact("caller name", call.callerName)
        extras(.call)

        section = .timing
        fact("start", time(call.startTime))
        fact("answer", time(call.answerTime))
        fact("end", time(call.endTime))
        fact("ring", seconds(call.ringSeconds))
        fact("talk", seconds(call.durationSeconds))
        fact("total", seconds(call.totalSeconds))
        extras(.timing)

        section = .outcome
        let statusEmphasis: CallFact.Emphasis = {
            switch call.status {
            case .answered?: return .good
            case .failed?: return .bad
            case .busy?, .noAnswer?: return .warning
            default: return .normal
            }
        }()
        fact("status", call.status?.description, statusEmphasis)
        if let cause = call.hangupCause {
            fact("hangup cause", CallExplanations.hangupCause(cause).map { "\(cause): \($0)" } ?? cause, cause == "NORMAL_CLEARING" ? .normal : .warning)
        }
        fact("hung up by", call.hangupInitiator)
        if let sip = call.sipResponseCode {
            fact("SIP code", CallExplanations.sipCode(sip).map { "\(sip) \($0)" } ?? String(sip), sip >= 400 ? .bad : .normal)
        } else if call.hasFullerDetail {
            // A list row of every customer that does not name its customer: the single-call
            // answer, which has the SIP code, is asked of the customer.
            fact("SIP code", "not in the list's record: open the call with :account ID (its customer) to read it")
        }
        extras(.outcome)

        section = .quality
        if let mos = call.mos {
            let rating = CallExplanations.mosRating(mos)
            fact("MOS", "\(mos) (\(rating))", rating == "good" ? .good : rating == "fair" ? .normal : .bad)
        } else {
            fact("MOS", call.hasFullerDetail ? "not in the list's record" : "not measured")
        }
        fact("jitter", call.jitter.map { "\($0) ms" + ($0 > 30 ? " (over 30 ms)" : "") }, (call.jitter ?? 0) > 30 ? .bad : .normal)
        fact("packet loss", call.packetLoss.map { "\($0) %" + ($0 > 1 ? " (over 1 %)" : "") }, (call.packetLoss ?? 0) > 1 ? .bad : .normal)
        extras(.quality)

        section = .carrier
        fact("cost", call.cost.map { [$0, call.currency].compactMap { $0 }.joined(separator: " ") })
        if let deck {
            if let rating = deck.rate(call) {
                fact("rated by", "+\(rating.prefix) \(rating.destination), \(rating.increment)")
                fact("billable", "\(rating.billableSeconds) s")
                fact("rated cost", "\(RatedFigures.rounded(rating.ratedCost, places: 6)) \(rating.currency)")
            } else {
                fact("rated by", "no prefix of \(SafeText.sanitize(deck.name)) prices this number", call.status == .answered ? .warning : .normal)
            }
        }
        extras(.carrier)
        // The trunk, where the provider's own lines did not already name it.
        if !details.contains(where: { $0.label == "trunk" }) { fact("trunk", call.trunk) }

        section = .legs
        if call.previousLegId == nil && call.nextLegId == nil {
            fact("legs", "none")
        } else {
            fact("previous leg", call.previousLegId)
            fact("next leg", call.nextLegId)
        }
        return out
    }
}
