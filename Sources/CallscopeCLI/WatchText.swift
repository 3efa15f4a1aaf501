import CallscopeDomain
import CallscopeViewModel
import Foundation

/// How `watch` writes a report: the plugin's status line with performance data, the alerts
/// in words, what is new and cleared since the last look, or JSON (README, "Is something wrong?").
struct WatchText: Sendable {
    let zone: ZoneClock
    let scopeDescription: String
    let filter: CallFilter
    let scope: CallScope
    let provider: ProviderID
    let sourceArguments: [String]
    /// Where the locale is not UTF-8 the text is escaped to 7 bits, as `list` is.
    let sevenBit: Bool

    /// "CRITICAL: 2 alerts … | calls=2081;;;0 …", the first line a monitoring system reads.
    func plugin(_ report: WatchReport) -> String {
        let status = report.worst?.description ?? "OK"
        let window = "\(report.windows.nowText(zone: zone)) \(zone.identifier)"
        let summary: String
        if let first = report.alerts.first {
            let critical = report.alerts.filter { $0.severity == .critical }.count
            let counts = "\(report.alerts.count) alert\(report.alerts.count == 1 ? "" : "s")" + (critical > 0 ? " (\(critical) critical)" : "")
            summary = "\(counts) in \(scopeDescription), \(window): \(first.headline)"
        } else {
            summary = "\(scopeDescription) normal, \(window): \(report.scopeNow.calls) calls"
        }
        // A monitoring system cuts the status text at the first '|': provider text keeps none.
        return escaped("\(status): \(summary.replacingOccurrences(of: "|", with: "/")) | \(performance(report))") + "\n"
    }

    /// Performance data: label=value[UOM];warn;crit;min;max.
    func performance(_ report: WatchReport) -> String {
        let now = report.scopeNow
        let normalCalls = WatchNormal(report.scopeBaseline.map { Double($0.calls) })?.median
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "U" }
        var data = ["calls=\(now.calls);;;0", "normal_calls=\(normalCalls.map { String(format: "%.1f", $0) } ?? "U");;;0",
                    "asr=\(percent(now.value(.asr)));;;0;100", "ner=\(percent(now.value(.ner)));;;0;100",
                    "short_share=\(percent(now.value(.shortShare)));;;0;100"]
        data.append("alerts=\(report.alerts.count);;;0")
        data.append("critical=\(report.alerts.filter { $0.severity == .critical }.count);;;0")
        return data.joined(separator: " ")
    }

    /// Each alert: severity, kind, headline, what changed, and the calls.
    func alerts(_ report: WatchReport) -> String {
        var out = ""
        if !report.knowsCustomers {
            out += "(calls here name no customer: per-customer figures need --account or --named-customers)\n"
        }
        for alert in report.alerts { out += describe(alert) }
        let normal = report.windows.baseline
        if let oldest = normal.last, let newest = normal.first {
            out += "normal: \(report.settings.days) \(report.settings.sameWeekday ? "weeks" : "days") of the same window, \(zone.local(oldest.start).dateString) to \(zone.local(newest.start).dateString)\n"
        }
        return escaped(out)
    }

    func describe(_ alert: WatchAlert, prefix: String = "") -> String {
        var out = "\(prefix)\(alert.severity.description.padding(toLength: 9, withPad: " ", startingAt: 0)) \(alert.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(alert.headline)\n"
        for line in alert.changed { out += "          what changed: \(line)\n" }
        for line in alert.alsoSeen { out += "          also: \(line)\n" }
        out += "          calls: " + commandLine(alert)
        return out
    }

    func commandLine(_ alert: WatchAlert) -> String {
        let line = alert.selection.commandLine(within: filter, scope: scope, provider: provider, sourceArguments: sourceArguments, zone: zone)
        guard alert.group.dimension == .country else { return line }
        // The filter has no country field: the line lists every country's calls, and says so.
        return String(line.dropLast()) + "  # every country: the filter has no country field\n"
    }

    /// A later look: the alerts that are new and those that cleared.
    func changes(_ report: WatchReport, since previous: [String: WatchAlert]) -> String {
        var out = ""
        let current = Set(report.alerts.map(\.identity))
        for alert in report.alerts where previous[alert.identity] == nil {
            out += describe(alert, prefix: "\(WatchWindows.clock(report.windows.now.end, zone: zone)) NEW ")
        }
        for (identity, alert) in previous.sorted(by: { $0.key < $1.key }) where !current.contains(identity) {
            out += "\(WatchWindows.clock(report.windows.now.end, zone: zone)) CLEARED \(alert.headline)\n"
        }
        return escaped(out)
    }

    /// `{"status": …, "window": …, "alerts": [...]}`, keys documented in the README.
    func json(_ report: WatchReport) -> String {
        func number(_ value: Double?) -> JSONValue {
            guard let value, value.isFinite else { return .null }
            return .number(String(format: "%.4f", value))
        }
        let alerts: [JSONValue] = report.alerts.map { alert in
            .object(JSONObject([
                ("severity", .string(alert.severity.description.lowercased())),
                ("kind", .string(alert.kind.rawValue)),
                ("dimension", .string(alert.group.dimension.rawValue)),
                ("group", .string(alert.group.value)),
                ("metric", .string(alert.metric.key)),
                ("cause", { if case .causeShare(let cause) = alert.metric { return .string(cause) } else { return .null } }()),
                ("now", number(alert.now)),
                ("normal", number(alert.normal?.median)),
                ("spread", number(alert.normal?.spread)),
                ("headline", .string(alert.headline)),
                ("changed", .array(alert.changed.map(JSONValue.string))),
                ("also", .array(alert.alsoSeen.map(JSONValue.string))),
                ("calls", .number(String(alert.focus.count))),
                ("list", .string(String(commandLine(alert).dropLast()))),
            ]))
        }
        let root = JSONValue.object(JSONObject([
            ("status", .string(report.worst?.description ?? "OK")),
            ("scope", .string(scopeDescription)),
            ("zone", .string(zone.identifier)),
            ("window", .object(JSONObject([
                ("since", .string(ISO8601.format(report.windows.now.start))), ("until", .string(ISO8601.format(report.windows.now.end))),
            ]))),
            ("baseline", .array(report.windows.baseline.map { interval in
                .object(JSONObject([("since", .string(ISO8601.format(interval.start))), ("until", .string(ISO8601.format(interval.end)))]))
            })),
            ("calls", .number(String(report.scopeNow.calls))),
            ("normal_calls", number(WatchNormal(report.scopeBaseline.map { Double($0.calls) })?.median)),
            ("asr", number(report.scopeNow.value(.asr))),
            ("alerts", .array(alerts)),
        ]))
        return JSONWriter.string(root) + "\n"
    }


    private func escaped(_ text: String) -> String { sevenBit ? SevenBitText.escaped(text) : text }
}
