import CallscopeDomain
import Foundation

/// What `Y` copies for a ticket (docs/ARCHITECTURE.md, "Evidence"): the call, the statistics of
/// the applied filter, the group view, the rows on screen, and the filter as a command line
/// that lists the same calls. Each is text built from the state alone; nil where there is
/// nothing of the kind on screen. Figures are the ones the screen shows (one count).
public enum Evidence {
    /// The open call, else the selected one: Markdown, or plain text.
    public static func call(_ state: BrowserState, markdown: Bool) -> String? {
        let call: Call? = { if case .loaded(let call) = state.detail { return call } else { return state.selectedCall } }()
        guard let call else { return nil }
        return markdown ? CallFactsText.markdown(call, zone: state.zone, customers: state.customerNames)
            : CallFactsText.plain(call, zone: state.zone, customers: state.customerNames)
    }

    /// The strip's figures for the applied filter, with the filter and range in words.
    public static func statistics(_ state: BrowserState) -> String? {
        guard let statistics = state.statistics, statistics.generation == state.generation else { return nil }
        let f = statistics.figures
        // The server's exact counts where it gave them, as the strip shows them.
        let counted = state.outcomeCounts
        var rows: [(String, String)] = [
            ("calls", state.count.text(zone: state.zone)),
            ("answered", "\(counted?.answered ?? f.answered)"), ("busy", "\(counted?.busy ?? f.busy)"),
            ("no-answer", "\(counted?.noAnswer ?? f.noAnswer)"), ("failed", "\(counted?.failed ?? f.failed)"),
        ]
        let other = counted?.other ?? f.other
        if other > 0 { rows.append(("other", "\(other)")) }
        rows += [
            ("ASR", TriageText.percent(counted?.asr ?? f.asr)), ("NER", TriageText.percent(counted?.ner ?? f.ner)), ("ACD", TriageText.clock(f.acdSeconds)),
            ("talk", TriageText.clock(Double(f.talkSeconds))),
        ]
        if let cost = TriageText.cost(f.cost) { rows.append(("cost", cost)) }
        let measured = f.mos.good + f.mos.fair + f.mos.poor + f.mos.bad
        rows.append(("MOS", measured > 0
            ? "good \(f.mos.good), fair \(f.mos.fair), poor \(f.mos.poor), bad \(f.mos.bad) (\(f.mos.notMeasured) not measured)" : f.mos.noneText))
        let causes = f.topCauses(5).map { "\($0.cause) \($0.calls)" }.joined(separator: ", ")
        if !causes.isEmpty { rows.append(("top causes", causes)) }
        var out = "### Calls: \(FilterWords.describe(state.applied, zone: state.zone))\n\n"
        out += "\(state.connectionText)\n\n| | |\n|---|---|\n"
        for (label, value) in rows { out += "| \(label) | \(CallFactsText.code(value)) |\n" }
        if let progress = state.statisticsProgress { out += "\n(\(progress): the figures are not final)\n" }
        return out
    }

    /// The open group view as a Markdown table.
    public static func groups(_ state: BrowserState) -> String? {
        guard let field = state.groupField, let groups = state.statistics?.groups, groups.field == field else { return nil }
        let total = max(1, state.statistics?.figures.calls ?? 0)
        var out = "### Calls by \(field.rawValue): \(FilterWords.describe(state.applied, zone: state.zone))\n\n"
        out += "| \(field.rawValue) | calls | share | ASR | ACD |\n|---|---:|---:|---:|---:|\n"
        for group in groups.sorted {
            let key = field == .account ? state.customerLabel(group.key) : group.key
            out += "| \(CallFactsText.code(key)) | \(group.figures.calls) | \(TriageText.percent(Double(group.figures.calls) / Double(total)))"
                + " | \(TriageText.percent(group.figures.asr)) | \(TriageText.clock(group.figures.acdSeconds)) |\n"
        }
        if let progress = state.statisticsProgress { out += "\n(\(progress): the figures are not final)\n" }
        return out
    }

    /// The calls on screen as a Markdown table.
    public static func rows(_ state: BrowserState) -> String? {
        let calls = state.visibleRange.compactMap { index -> Call? in
            if case .call(let call)? = state.list.row(index) { return call }
            return nil
        }
        guard !calls.isEmpty else { return nil }
        var out = "| time (\(state.zone.identifier)) | dir | from | to | status | talk | cause | id |\n|---|---|---|---|---|---:|---|---|\n"
        for call in calls {
            let cells = [
                call.startTime.map { state.zone.local($0).description } ?? "-", call.direction?.description ?? "", call.from ?? "", call.to ?? "",
                call.status?.description ?? "", call.durationSeconds.map(CallFormatting.clock) ?? "", call.hangupCause ?? "", call.id,
            ]
            out += "| " + cells.map { $0.isEmpty ? "" : CallFactsText.code($0) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// The applied filter as a `callscope list …` line that, run as it is, lists the same calls:
    /// the source as it was opened, the scope, the range in absolute times in the display zone
    /// (an open end is fixed at the range's end now), and every filter field.
    public static func commandLine(_ state: BrowserState) -> String {
        let f = state.applied
        var arguments = ["callscope", "list"] + state.sourceArguments
        switch state.scope {
        case .account(let id): arguments += ["--account", id]
        case .tenant(let id): arguments += ["--tenant", id]
        case .billingCode(let code): arguments += ["--billing-code", code]
        case .namedCustomers: arguments += ["--named-customers"]
        case .all, .file: break
        }
        arguments += ["--tz", state.zone.identifier,
                      "--since", state.zone.local(f.since).description, "--until", state.zone.local(f.until).description]
        if let d = f.direction { arguments += ["--direction", d.description] }
        if let s = f.status { arguments += ["--status", s.description] }
        if let from = f.from { arguments += ["--from", from] }
        if let to = f.to { arguments += ["--to", to] }
        if let cause = f.hangupCause { arguments += ["--hangup-cause", cause] }
        if let trunk = f.trunk { arguments += ["--trunk", trunk] }
        if let min = f.minDuration { arguments += ["--min-duration", String(min)] }
        if let max = f.maxDuration { arguments += ["--max-duration", String(max)] }
        if let search = f.search { arguments += ["--search", search] }
        arguments += ["--limit", "0"]
        return arguments.map(shellQuoted).joined(separator: " ") + "\n"
    }

    /// A word as a POSIX shell reads it back: bare when it is plain, else in single quotes.
    public static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_./:=+,@%".unicodeScalars.contains($0)) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The applied filter in short words: "failed · to 5550100 · 2026-12-04 12:00–18:00 UTC".
public enum FilterWords {
    /// The filter as it was typed, in short words for the status bar: the fields that differ
    /// from the defaults (`failed · to 5550100 · yesterday 12:00–18:00`), and apart from them
    /// what is at its default (`since 7d`), which is what may be cut when room is short.
    public static func typed(_ draft: FilterDraft, defaults: FilterDraft) -> (differing: String, defaulted: String) {
        func trimmed(_ field: FilterDraft.Field) -> String { draft[field].trimmingCharacters(in: .whitespaces) }
        var differing: [String] = []
        for (field, word) in [(FilterDraft.Field.status, ""), (.direction, ""), (.from, "from "), (.to, "to "), (.hangupCause, ""),
                              (.trunk, "trunk "), (.minDuration, "talk ≥ "), (.maxDuration, "talk ≤ "), (.search, ""), (.zone, "zone ")] {
            let value = trimmed(field)
            guard !value.isEmpty else { continue }
            let suffix = field == .minDuration || field == .maxDuration ? " s" : ""
            differing.append(field == .search ? "\"\(value)\"" : word + value + suffix)
        }
        let since = trimmed(.since), until = trimmed(.until)
        let range: String
        if until.isEmpty || until.lowercased() == "now" {
            range = "since \(since.isEmpty ? "7d" : since)"
        } else if since == until {
            range = since
        } else if let day = since.split(separator: " ").first, until.hasPrefix(day + " "), since.contains(" ") {
            // `yesterday 12:00`–`yesterday 18:00`: the day once.
            range = "\(since)–\(until.dropFirst(day.count + 1))"
        } else {
            range = "\(since)–\(until)"
        }
        let rangeIsDefault = since == defaults.since.trimmingCharacters(in: .whitespaces) && until == defaults.until.trimmingCharacters(in: .whitespaces)
        if !rangeIsDefault { differing.append(range) }
        return (SafeText.sanitize(differing.joined(separator: " · ")), rangeIsDefault ? SafeText.sanitize(range) : "")
    }

    public static func describe(_ filter: CallFilter, zone: ZoneClock) -> String {
        var parts: [String] = []
        if let s = filter.status { parts.append(s.description) }
        if let d = filter.direction { parts.append(d.description) }
        if let from = filter.from { parts.append("from \(from)") }
        if let to = filter.to { parts.append("to \(to)") }
        if let cause = filter.hangupCause { parts.append(cause) }
        if let trunk = filter.trunk { parts.append("trunk \(trunk)") }
        if let min = filter.minDuration { parts.append("talk ≥ \(min) s") }
        if let max = filter.maxDuration { parts.append("talk ≤ \(max) s") }
        if let search = filter.search { parts.append("\"\(search)\"") }
        parts.append(range(filter, zone: zone))
        return SafeText.sanitize(parts.joined(separator: " · "))
    }

    /// "2026-12-04 12:00–18:00 UTC", "2026-12-01 00:00 – 2026-12-05 09:12 (now) UTC".
    public static func range(_ filter: CallFilter, zone: ZoneClock) -> String {
        let since = zone.local(filter.since), until = zone.local(filter.until)
        let start = String(since.description.prefix(16))
        let end = since.dateString == until.dateString ? String(until.description.dropFirst(11).prefix(5)) : String(until.description.prefix(16))
        return "\(start)–\(end)\(filter.untilIsNow ? " (now)" : "") \(zone.identifier)"
    }
}
