import CallscopeDomain
import CallscopeOutput
import CallscopeViewModel
import Foundation

/// `stats` output: the figures as a text table with a sparkline, JSON (the keys README
/// "Triage" lists) or CSV.
struct StatisticsReport {
    let statistics: CallStatistics
    let groups: CallGroups?
    let zone: ZoneClock
    let filter: CallFilter

    var json: JSONValue {
        let s = statistics
        var members: [(key: String, value: JSONValue)] = [
            ("since", .string(ISO8601.format(filter.since))), ("until", .string(ISO8601.format(filter.until))),
            ("calls", Self.number(s.calls)), ("answered", Self.number(s.answered)), ("busy", Self.number(s.busy)),
            ("noAnswer", Self.number(s.noAnswer)), ("failed", Self.number(s.failed)), ("other", Self.number(s.other)),
            ("asr", Self.ratio(s.asr)), ("ner", Self.ratio(s.ner)), ("acdSeconds", Self.ratio(s.acdSeconds)),
            ("talkSeconds", Self.number(s.talkSeconds)),
            ("cost", Self.costObject(s.cost)),
            ("mos", .object(JSONObject([("good", Self.number(s.mos.good)), ("fair", Self.number(s.mos.fair)), ("poor", Self.number(s.mos.poor)),
                                        ("bad", Self.number(s.mos.bad)), ("notMeasured", Self.number(s.mos.notMeasured))]))),
            ("causes", .array(s.topCauses(CallStatistics.causeLimit + 1).map { .object(JSONObject([("cause", .string($0.cause)), ("calls", Self.number($0.calls))])) })),
        ]
        let rates = s.deck != nil
        if rates { members += Self.ratedMembers(s.rated) }
        if let groups {
            members.append(("by", .string(groups.field.rawValue)))
            members.append(("groups", .array(groups.sorted.map { group in
                let f = group.figures
                var members: [(key: String, value: JSONValue)] = [
                    ("key", .string(group.key)), ("calls", Self.number(f.calls)), ("answered", Self.number(f.answered)),
                    ("busy", Self.number(f.busy)), ("noAnswer", Self.number(f.noAnswer)), ("failed", Self.number(f.failed)),
                    ("asr", Self.ratio(f.asr)), ("failedRate", Self.ratio(f.failedRate)), ("noAnswerRate", Self.ratio(f.noAnswerRate)),
                    ("busyRate", Self.ratio(f.busyRate)), ("acdSeconds", Self.ratio(f.acdSeconds)),
                    ("talkSeconds", Self.number(f.talkSeconds)), ("cost", Self.costObject(f.cost)),
                ]
                if rates { members += Self.ratedMembers(f.rated) }
                return .object(JSONObject(members))
            })))
        }
        return .object(JSONObject(members))
    }

    /// `billableSeconds`, `ratedCost`, `billedCost`, `difference` (billed − rated) per currency
    /// as decimal strings to the micro-unit (the sums are exact until then), `unrated`.
    static func ratedMembers(_ rated: RatedFigures) -> [(key: String, value: JSONValue)] {
        func amounts(_ sums: [String: Decimal]) -> JSONValue {
            .object(JSONObject(sums.sorted { $0.key < $1.key }.map { ($0.key, .string("\(RatedFigures.rounded($0.value, places: 6))")) }))
        }
        return [("billableSeconds", number(rated.billableSeconds)), ("ratedCost", amounts(rated.rated)), ("billedCost", amounts(rated.billed)),
                ("difference", amounts(rated.difference)), ("unrated", number(rated.unrated))]
    }

    /// One column per currency (`cost INR`), so a spreadsheet sums them; `--by` adds a totals row.
    func csv() -> String {
        let currencies = Set(statistics.cost.keys).union(groups?.groups.values.flatMap { $0.cost.keys } ?? [])
            .union(statistics.rated.rated.keys).sorted()
        let rates = statistics.deck != nil
        func name(_ currency: String) -> String { currency.isEmpty ? "(no currency)" : currency }
        var costHeader = currencies.map { CallCSVFormatter.quote("cost \(name($0))") }
        if rates {
            costHeader += ["billableSeconds", "unrated"] + currencies.flatMap { currency in
                ["rated", "billed", "difference"].map { CallCSVFormatter.quote("\($0) \(name(currency))") }
            }
        }
        func costCells(_ sums: [String: Decimal], _ rated: RatedFigures) -> [String] {
            var cells = currencies.map { sums[$0].map { "\($0)" } ?? "" }
            guard rates else { return cells }
            cells += ["\(rated.billableSeconds)", "\(rated.unrated)"]
            for currency in currencies {
                for amounts in [rated.rated, rated.billed, rated.difference] {
                    cells.append(amounts[currency].map { "\(RatedFigures.rounded($0, places: 6))" } ?? "")
                }
            }
            return cells
        }
        if let groups {
            let header = ["key", "calls", "answered", "busy", "noAnswer", "failed", "asr", "failedRate", "noAnswerRate", "busyRate", "acdSeconds", "talkSeconds"] + costHeader
            func row(_ key: String, _ f: GroupFigures) -> String {
                ([CallCSVFormatter.quote(key), "\(f.calls)", "\(f.answered)", "\(f.busy)", "\(f.noAnswer)", "\(f.failed)",
                  Self.plain(f.asr), Self.plain(f.failedRate), Self.plain(f.noAnswerRate), Self.plain(f.busyRate),
                  Self.plain(f.acdSeconds), "\(f.talkSeconds)"] + costCells(f.cost, f.rated)).joined(separator: ",")
            }
            var total = GroupFigures()
            for group in groups.groups.values { total.merge(group) }
            let rows = groups.sorted.map { row($0.key, $0.figures) } + [row("(total)", total)]
            return header.joined(separator: ",") + "\r\n" + rows.joined(separator: "\r\n") + "\r\n"
        }
        let s = statistics
        // The bill's and the quality's figures too, as the table and JSON have them.
        return (["calls", "answered", "busy", "noAnswer", "failed", "other", "asr", "ner", "acdSeconds", "talkSeconds",
                 "mosGood", "mosFair", "mosPoor", "mosBad", "mosNotMeasured"] + costHeader).joined(separator: ",") + "\r\n"
            + (["\(s.calls)", "\(s.answered)", "\(s.busy)", "\(s.noAnswer)", "\(s.failed)", "\(s.other)",
                Self.plain(s.asr), Self.plain(s.ner), Self.plain(s.acdSeconds), "\(s.talkSeconds)",
                "\(s.mos.good)", "\(s.mos.fair)", "\(s.mos.poor)", "\(s.mos.bad)", "\(s.mos.notMeasured)"] + costCells(s.cost, s.rated)).joined(separator: ",") + "\r\n"
    }

    /// Exact sums per currency, as JSON numbers written as summed.
    static func costObject(_ sums: [String: Decimal]) -> JSONValue {
        .object(JSONObject(sums.sorted { $0.key < $1.key }.map { ($0.key, .number("\($0.value)")) }))
    }

    /// `ascii`: the locale is not UTF-8, so the sparklines are drawn in ASCII (the rest is then
    /// escaped to 7 bits by the caller).
    func table(ascii: Bool = false) -> String {
        let s = statistics
        var lines = [
            "calls \(s.calls)  answered \(s.answered)  busy \(s.busy)  no-answer \(s.noAnswer)  failed \(s.failed)  other \(s.other)",
            "ASR \(TriageText.percent(s.asr))  NER \(TriageText.percent(s.ner))  ACD \(TriageText.clock(s.acdSeconds))  talk \(TriageText.clock(Double(s.talkSeconds)))",
            "MOS good \(s.mos.good)  fair \(s.mos.fair)  poor \(s.mos.poor)  bad \(s.mos.bad)  not measured \(s.mos.notMeasured)",
        ]
        if let cost = TriageText.cost(s.cost) { lines.append("cost " + cost) }
        if let deck = s.deck { lines.append(TriageText.rated(s.rated) + " (deck \(SafeText.sanitize(deck.name)))") }
        let causes = s.topCauses(5)
        if !causes.isEmpty {
            lines.append("top causes " + causes.map { "\(SafeText.sanitize($0.cause)) \($0.calls)" }.joined(separator: ", "))
        }
        let label = "calls per \(TriageText.bucket(s.histogram.bucketSeconds)) "
        lines.append(label + TriageText.sparkline(s.histogram.calls, ascii: ascii) + "  from \(zone.local(s.histogram.start))")
        let failedLabel = "failed"
        lines.append(failedLabel + String(repeating: " ", count: max(1, label.count - failedLabel.count))
                     + TriageText.sparkline(s.histogram.failed, scale: s.histogram.calls.max() ?? 0, ascii: ascii))
        var text = lines.joined(separator: "\n") + "\n"
        if let groups {
            let total = max(1, s.calls)
            let rows = groups.sorted.map { group -> [String] in
                let f = group.figures
                let share = Double(f.calls) / Double(total)
                let rated = s.deck == nil ? [] : [TriageText.minutes(f.rated.billableSeconds), TriageText.roundedCost(f.rated.rated) ?? "",
                                                  TriageText.roundedCost(f.rated.difference) ?? ""]
                return [group.key, "\(f.calls)", TriageText.percent(share), TriageText.percent(f.asr), TriageText.percent(f.failedRate),
                        TriageText.percent(f.noAnswerRate), TriageText.percent(f.busyRate), TriageText.clock(f.acdSeconds),
                        TriageText.clock(Double(f.talkSeconds)), TriageText.cost(f.cost) ?? ""] + rated
                    + [String(repeating: ascii ? "#" : "█", count: Int((share * 30).rounded()))]
            }
            let ratedHeader = s.deck == nil ? [] : ["BILLABLE MIN", "RATED", "BILLED-RATED"]
            text += "\n" + TextColumns.format([[groups.field.rawValue.uppercased(), "CALLS", "SHARE", "ASR", "FAILED", "NO-ANSWER", "BUSY", "ACD", "TALK", "COST"] + ratedHeader + [""]] + rows)
        }
        return text
    }

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    /// Four decimals in JSON; null where there is no ratio (no calls, none answered).
    static func ratio(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(plain(value))
    }

    static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let scaled = (value * 10_000).rounded() / 10_000
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }
}
