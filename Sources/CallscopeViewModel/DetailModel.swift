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
    /// The keys that follow a leg, beside its label.
    static func keyHint(_ label: String) -> String {
        switch label {
        case "previous leg": return "previous  ["
        case "next leg": return "next      ]"
        default: return label
        }
    }

    static func emphasis(_ emphasis: CallFact.Emphasis) -> DetailLine.Emphasis {
        switch emphasis {
        case .normal: return .normal
        case .good: return .good
        case .warning: return .warning
        case .bad: return .bad
        }
    }

    public static func lines(for call: Call, zone: ZoneClock, customers: [String: String] = [:], deck: RateDeck? = nil) -> [DetailLine] {
        var out: [DetailLine] = []
        // The facts in words are the ones `show` prints and `Y c` copies (CallFacts).
        let facts = CallFacts.of(call, zone: zone, customers: customers, deck: deck)
        for section in CallFact.Section.allCases {
            out.append(.section(section.rawValue))
            for fact in facts where fact.section == section {
                out.append(.field(label: DisplayText.cell(keyHint(fact.label)), value: DisplayText.detailValue(fact.value), emphasis: emphasis(fact.emphasis)))
            }
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
