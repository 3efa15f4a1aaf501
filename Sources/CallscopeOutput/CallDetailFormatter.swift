import CallscopeDomain
import Foundation

/// `show --format text`: the call's facts in the detail pane's words, then every field the
/// provider sent, in order.
public struct CallDetailFormatter {
    public let zone: ZoneClock
    /// Names for customer ids (a profile's `customers`).
    public let customers: [String: String]

    public init(zone: ZoneClock, customers: [String: String] = [:]) {
        self.zone = zone
        self.customers = customers
    }

    public func format(_ call: Call) -> String {
        // The facts in the detail pane's words (CallFacts), then the record as sent.
        var out = CallFactsText.plain(call, zone: zone, customers: customers)
        if !call.implausibleKeys.isEmpty {
            // Values out of any plausible range are in the fields below as sent, and used for nothing.
            out += "  Not used: " + SafeText.sanitize(call.implausibleKeys.joined(separator: ", ")) + " (out of range; shown as sent below)\n"
        }
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
