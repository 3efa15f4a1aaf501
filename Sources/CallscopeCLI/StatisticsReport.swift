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
            ("cost", .object(JSONObject(s.cost.sorted { $0.key < $1.key }.map { ($0.key, .number("\($0.value)")) }))),
            ("mos", .object(JSONObject([("good", Self.number(s.mos.good)), ("fair", Self.number(s.mos.fair)), ("poor", Self.number(s.mos.poor)),
                                        ("bad", Self.number(s.mos.bad)), ("notMeasured", Self.number(s.mos.notMeasured))]))),
            ("causes", .array(s.topCauses(CallStatistics.causeLimit + 1).map { .object(JSONObject([("cause", .string($0.cause)), ("calls", Self.number($0.calls))])) })),
        ]
        if let groups {
            members.append(("by", .string(groups.field.rawValue)))
            members.append(("groups", .array(groups.sorted.map { group in
                .object(JSONObject([
                    ("key", .string(group.key)), ("calls", Self.number(group.figures.calls)), ("answered", Self.number(group.figures.answered)),
                    ("asr", Self.ratio(group.figures.asr)), ("acdSeconds", Self.ratio(group.figures.acdSeconds)),
                    ("talkSeconds", Self.number(group.figures.talkSeconds)),
                ]))
            })))
        }
        return .object(JSONObject(members))
    }

    func csv() -> String {
        if let groups {
            return "key,calls,answered,asr,acdSeconds,talkSeconds\r\n" + groups.sorted.map { group in
                [CallCSVFormatter.quote(group.key), "\(group.figures.calls)", "\(group.figures.answered)",
                 Self.plain(group.figures.asr), Self.plain(group.figures.acdSeconds), "\(group.figures.talkSeconds)"].joined(separator: ",")
            }.joined(separator: "\r\n") + "\r\n"
        }
        let s = statistics
        return "calls,answered,busy,noAnswer,failed,other,asr,ner,acdSeconds,talkSeconds\r\n"
            + ["\(s.calls)", "\(s.answered)", "\(s.busy)", "\(s.noAnswer)", "\(s.failed)", "\(s.other)",
               Self.plain(s.asr), Self.plain(s.ner), Self.plain(s.acdSeconds), "\(s.talkSeconds)"].joined(separator: ",") + "\r\n"
    }

    func table() -> String {
        let s = statistics
        var lines = [
            "calls \(s.calls)  answered \(s.answered)  busy \(s.busy)  no-answer \(s.noAnswer)  failed \(s.failed)  other \(s.other)",
            "ASR \(Self.percent(s.asr))  NER \(Self.percent(s.ner))  ACD \(Self.clock(s.acdSeconds))  talk \(Self.clock(Double(s.talkSeconds)))",
            "MOS good \(s.mos.good)  fair \(s.mos.fair)  poor \(s.mos.poor)  bad \(s.mos.bad)  not measured \(s.mos.notMeasured)",
        ]
        if !s.cost.isEmpty {
            lines.append("cost " + s.cost.sorted { $0.key < $1.key }.map { "\($0.value) \(SafeText.sanitize($0.key))" }.joined(separator: ", "))
        }
        let causes = s.topCauses(5)
        if !causes.isEmpty {
            lines.append("top causes " + causes.map { "\(SafeText.sanitize($0.cause)) \($0.calls)" }.joined(separator: ", "))
        }
        let label = "calls per \(Self.bucket(s.histogram.bucketSeconds)) "
        lines.append(label + Sparkline.line(s.histogram.calls) + "  from \(zone.local(s.histogram.start))")
        let failedLabel = "failed"
        lines.append(failedLabel + String(repeating: " ", count: max(1, label.count - failedLabel.count))
                     + Sparkline.line(s.histogram.failed, scale: s.histogram.calls.max() ?? 0))
        var text = lines.joined(separator: "\n") + "\n"
        if let groups {
            let total = max(1, s.calls)
            let rows = groups.sorted.map { group -> [String] in
                let share = Double(group.figures.calls) / Double(total)
                return [group.key, "\(group.figures.calls)", Self.percent(share), Self.percent(group.figures.asr),
                        Self.clock(group.figures.acdSeconds), String(repeating: "█", count: Int((share * 30).rounded()))]
            }
            text += "\n" + TextColumns.format([[groups.field.rawValue.uppercased(), "CALLS", "SHARE", "ASR", "ACD", ""]] + rows)
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

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.1f %%", value * 100)
    }

    /// 3:12 or 1:02:03.
    static func clock(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds < 1e15 else { return "-" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    static func bucket(_ seconds: Int) -> String {
        seconds % 86_400 == 0 ? "\(seconds / 86_400) d" : (seconds % 3600 == 0 ? "\(seconds / 3600) h" : "\(seconds / 60) min")
    }
}

/// Block-character sparklines: one cell per bucket, eight heights.
enum Sparkline {
    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `scale`: the value drawn full height (default: the largest).
    static func line(_ values: [Int], scale: Int? = nil) -> String {
        let top = max(1, scale ?? values.max() ?? 1)
        return String(values.map { value in
            value <= 0 ? blocks[0] : blocks[max(1, min(8, Int((Double(value) / Double(top) * 8).rounded(.up))))]
        })
    }
}
