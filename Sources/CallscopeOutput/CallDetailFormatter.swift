import CallscopeDomain
import Foundation

/// `show --format text`: the normalized view, then every field the provider sent, in order.
public struct CallDetailFormatter {
    public let zone: ZoneClock

    public init(zone: ZoneClock) {
        self.zone = zone
    }

    public func format(_ call: Call) -> String {
        var lines: [(String, String)] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append((label, value)) }
        }
        func time(_ d: Date?) -> String? { d.map { "\(zone.local($0)) \(zone.identifier)" } }
        add("Provider", call.provider.displayName)
        add("Account", call.account)
        add("Start", time(call.startTime))
        add("Answer", time(call.answerTime))
        add("End", time(call.endTime))
        add("Direction", call.direction?.description)
        add("Status", call.status?.description)
        add("From", call.from)
        add("To", call.to)
        add("Caller name", call.callerName)
        add("Ring time", call.ringSeconds.map { "\(CallFormatting.clock($0)) (\($0) s)" })
        add("Talk time", call.durationSeconds.map { "\(CallFormatting.clock($0)) (\($0) s)" })
        add("Total time", call.totalSeconds.map { "\(CallFormatting.clock($0)) (\($0) s)" })
        add("Hangup cause", call.hangupCause)
        add("Hung up by", call.hangupInitiator)
        add("SIP code", call.sipResponseCode.map(String.init))
        add("Cost", call.cost.map { [$0, call.currency].compactMap { $0 }.joined(separator: " ") })
        add("MOS", call.mos.map { String($0) })
        add("Jitter", call.jitter.map { String($0) })
        add("Packet loss", call.packetLoss.map { String($0) })
        add("Trunk", call.trunk)
        add("Previous leg", call.previousLegId)
        add("Next leg", call.nextLegId)
        // Values out of any plausible range are in the fields below as sent, and used for nothing.
        add("Not used", call.implausibleKeys.isEmpty ? nil : call.implausibleKeys.joined(separator: ", ") + " (out of range; shown as sent below)")
        var out = "Call \(SafeText.sanitize(call.id))\n"
        out += render(lines)
        out += "\nFields as sent by \(call.provider.displayName)\n"
        out += render(call.fields.members.map { ($0.key, Self.fieldText($0.value)) })
        return out
    }

    private func render(_ lines: [(String, String)]) -> String {
        let width = min(24, (lines.map { DisplayWidth.of(SafeText.sanitize($0.0)) }.max() ?? 0) + 2)
        return lines.map { "  " + DisplayWidth.fit(SafeText.sanitize($0.0), width) + SafeText.sanitize($0.1) + "\n" }.joined()
    }

    static func fieldText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .string(let s): return s.isEmpty ? "\"\"" : s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .array, .object: return JSONWriter.string(value)
        }
    }
}
