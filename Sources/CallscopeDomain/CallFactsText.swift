import Foundation

/// A call's facts (`CallFacts`) as text to read or paste: plain, as `show --format text` prints
/// it and `Y C` copies it, or Markdown for a ticket (`Y c`). Provider text is sanitized; in
/// Markdown it sits in code spans, so nothing it holds is read as markup (a link, a heading).
public enum CallFactsText {
    /// "Call ID (Vobiz, customer MA_1)", then each section's facts in two aligned columns.
    public static func plain(_ call: Call, zone: ZoneClock, customers: [String: String] = [:]) -> String {
        let facts = CallFacts.of(call, zone: zone, customers: customers)
        let width = min(16, (facts.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
        var out = heading(call, customers: customers) + "\n"
        var section: CallFact.Section?
        for fact in facts {
            if fact.section != section {
                out += fact.section.rawValue + "\n"
                section = fact.section
            }
            out += "  " + DisplayWidth.fit(fact.label, width) + SafeText.sanitize(fact.value) + "\n"
        }
        return out
    }

    /// A short heading and a two-column table a ticket system renders.
    public static func markdown(_ call: Call, zone: ZoneClock, customers: [String: String] = [:]) -> String {
        let whose = call.account.map { id in ", customer \(code(id))" + (customers[id].map { " \(SafeText.sanitize($0))" } ?? "") } ?? ""
        var out = "### Call \(code(call.id)) (\(call.provider.displayName)\(whose))\n\n| | |\n|---|---|\n"
        for fact in CallFacts.of(call, zone: zone, customers: customers) {
            out += "| \(fact.label) | \(code(fact.value)) |\n"
        }
        return out
    }

    /// The head of a Markdown table of calls, one row each (`markdownRow`): `Y l` and `.md` exports.
    public static func markdownTableHead(zone: ZoneClock) -> String {
        "| time (\(zone.identifier)) | dir | from | to | status | talk | cause | id |\n|---|---|---|---|---|---:|---|---|\n"
    }

    /// One call as a row of `markdownTableHead`'s table.
    public static func markdownRow(_ call: Call, zone: ZoneClock) -> String {
        let cells = [
            call.startTime.map { zone.local($0).description } ?? "-", call.direction?.description ?? "", call.from ?? "", call.to ?? "",
            call.status?.description ?? "", call.durationSeconds.map(CallFormatting.clock) ?? "", call.hangupCause ?? "", call.id,
        ]
        return "| " + cells.map { $0.isEmpty ? "" : code($0) }.joined(separator: " | ") + " |\n"
    }

    /// "Call ID (Vobiz, customer MA_1)".
    static func heading(_ call: Call, customers: [String: String]) -> String {
        let whose = call.account.map { id in ", customer \(id)" + (customers[id].map { " \($0)" } ?? "") } ?? ""
        return "Call \(SafeText.sanitize(call.id)) (\(call.provider.displayName)\(SafeText.sanitize(whose)))"
    }

    /// `text` as a Markdown code span that stays one table cell: backticks are fenced by a longer
    /// run of them, and a `|` is escaped (GitHub's tables split on it even inside code).
    public static func code(_ text: String) -> String {
        let safe = SafeText.sanitize(text).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0, run = 0
        for character in safe {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = safe.hasPrefix("`") || safe.hasSuffix("`") ? " " : ""
        return fence + pad + safe + pad + fence
    }
}
