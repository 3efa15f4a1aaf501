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
        // The headline as the strip shows it (the server's exact counts where it gave them).
        let h = state.headline ?? OutcomeCounts(f)
        var rows: [(String, String)] = [
            ("calls", state.count.text(zone: state.zone)),
            ("answered", "\(h.answered)"), ("busy", "\(h.busy)"), ("no-answer", "\(h.noAnswer)"), ("failed", "\(h.failed)"),
        ]
        if h.other > 0 { rows.append(("other", "\(h.other)")) }
        rows += [
            ("ASR", TriageText.percent(h.asr)), ("NER", TriageText.percent(h.ner)), ("ACD", TriageText.clock(f.acdSeconds)),
            ("talk", TriageText.clock(Double(f.talkSeconds))),
        ]
        if let cost = TriageText.cost(f.cost) { rows.append(("cost", cost)) }
        if f.deck != nil {
            // The invoice's figures, by the deck the browser was started with: as the strip shows
            // them (scaled to the range and marked ~ where the strip read a sample).
            let exact: Int? = if case .exact(let n) = state.count { n } else { nil }
            let (rated, estimate) = statistics.rated(exactCount: exact)
            let about = estimate ? "~" : ""
            rows.append(("billable", "\(about)\(TriageText.minutes(rated.billableSeconds)) min (\(rated.billableSeconds) s)"))
            rows.append(("rated", about + (TriageText.roundedCost(rated.rated) ?? "0")))
            rows.append(("billed", about + (TriageText.roundedCost(rated.billed) ?? "none")))
            rows.append(("billed over rated", about + (TriageText.roundedCost(rated.difference) ?? "0")))
            if rated.unrated > 0 { rows.append(("answered, unrated", "\(about)\(rated.unrated)")) }
        }
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
        return CallFactsText.markdownTableHead(zone: state.zone) + calls.map { CallFactsText.markdownRow($0, zone: state.zone) }.joined()
    }

    /// The applied filter as a `callscope list …` line that, run as it is, lists the same calls:
    /// the source as it was opened, the scope, the range in absolute times in the display zone
    /// (an open end is fixed at the range's end now), and every filter field.
    public static func commandLine(_ state: BrowserState) -> String {
        commandLine(filter: state.applied, scope: state.scope, sourceArguments: state.sourceArguments, zone: state.zone)
    }

    /// `filter` read from `sourceArguments` in `scope` as a `callscope list …` line.
    public static func commandLine(filter f: CallFilter, scope: CallScope, sourceArguments: [String], zone: ZoneClock) -> String {
        var arguments = ["callscope", "list"] + sourceArguments
        switch scope {
        case .account(let id): arguments += ["--account", id]
        case .tenant(let id): arguments += ["--tenant", id]
        case .billingCode(let code): arguments += ["--billing-code", code]
        case .namedCustomers: arguments += ["--named-customers"]
        case .all, .file: break
        }
        arguments += ["--tz", zone.identifier, "--since", zone.local(f.since).description, "--until", zone.local(f.until).description]
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
        // Provider text (a cause, a trunk) must not reach a terminal raw, quoted or not.
        let word = SafeText.sanitize(word)
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_./:=+,@%".unicodeScalars.contains($0)) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
