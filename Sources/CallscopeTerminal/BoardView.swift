import CallscopeDomain
import CallscopeViewModel

/// The "now vs normal" board (`W`): one dimension's groups (customers, trunks, destination
/// countries, directions) with calls, ASR and the short-call share now and normally, alerts
/// first and marked; Enter narrows the list to the calls behind the highlighted row. Figures,
/// rows and alerts come from the view-model; this only lays them out.
struct BoardView {
    static func draw(_ state: BrowserState, selection: Int, in outer: Rect, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        Border.draw(outer, glyphs: glyphs, into: &screen)
        let area = Rect(row: outer.row + 1, column: outer.column + 1, height: max(1, outer.height - 2), width: max(1, outer.width - 2))
        let dimension = state.boardDimension ?? .customer
        let report = state.normalReport
        var title = "Now vs normal: \(plural(dimension))"
        if let report {
            title += ", \(report.windows.nowText(zone: state.zone)) against \(report.settings.days) \(report.settings.sameWeekday ? "weeks" : "days")"
            title += report.alerts.isEmpty ? ", no alerts" : ", \(report.alerts.count) alert\(report.alerts.count == 1 ? "" : "s")"
        } else if let failure = state.normal?.failure {
            title += ": " + failure
        }
        let keys = "  (Tab \(plural(next(dimension))), Enter calls, Esc back)"
        if DisplayWidth.of(title + keys) <= area.width { title += keys }
        screen.put(title, row: area.row, column: area.column, width: area.width, style: TextStyle(bold: true, underline: true))
        let rows = state.boardRows
        guard report != nil else {
            screen.put(state.normal?.failure == nil ? "reading the window and the same hours of the earlier days…" : "", row: area.row + 2,
                       column: area.column, width: area.width, style: TextStyle(dim: true))
            return
        }
        let label = { (key: String) in dimension == .customer ? state.customerLabel(key) : SafeText.sanitize(key) }
        let keyWidth = min(max(10, (rows.map { DisplayWidth.of(label($0.row.group.value)) }.max() ?? 9) + 1), max(10, area.width / 4))
        let figures: [(title: String, width: Int, text: (WatchRow) -> String)] = [
            ("CALLS", 7, { "\($0.now.calls)" }),
            ("NORMAL", 8, { $0.normalCalls.map { WatchMetric.calls.text($0.median) } ?? "-" }),
            ("ASR", 6, { $0.now.value(.asr).map(WatchMetric.asr.text) ?? "-" }),
            ("NORMAL", 8, { $0.normalASR.map { WatchMetric.asr.text($0.median) } ?? "-" }),
            ("SHORT", 7, { $0.now.value(.shortShare).map(WatchMetric.shortShare.text) ?? "-" }),
            ("NORMAL", 8, { $0.normalShortShare.map { WatchMetric.shortShare.text($0.median) } ?? "-" }),
        ]
        var shown = figures
        while shown.count > 2, keyWidth + 3 + shown.reduce(0, { $0 + $1.width }) + 10 > area.width { shown.removeLast() }
        var header = "   " + pad(dimension.rawValue.uppercased(), keyWidth)
        for column in shown { header += lpad(column.title, column.width) }
        header += "  ALERT"
        screen.put(header, row: area.row + 1, column: area.column, width: area.width, style: TextStyle(dim: true))
        // The highlighted row's alerts in full below the table: headline, what changed, what
        // else it explains, and that Enter lists the calls.
        let highlighted = min(max(0, selection), max(0, rows.count - 1))
        let details = rows.indices.contains(highlighted) ? detailLines(report?.alerts.filter { $0.group == rows[highlighted].row.group } ?? [], width: area.width) : []
        let detailHeight = details.isEmpty ? 0 : min(details.count + 1, max(0, area.height - 5))
        let visible = max(1, area.height - 2 - detailHeight)
        let first = max(0, highlighted - visible + 1)
        for (offset, entry) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = area.row + 2 + offset
            let selected = first + offset == highlighted
            let mark: String = switch entry.alert?.severity {
            case .critical?: "!! "
            case .warning?: "!  "
            case nil: "   "
            }
            let color: ColorRole? = switch entry.alert?.severity {
            case .critical?: .failed
            case .warning?: .busy
            case nil: nil
            }
            let style = TextStyle(reverse: selected)
            screen.put("", row: y, column: area.column, width: area.width, style: style, pad: true)
            var x = area.column
            x += screen.put(mark, row: y, column: x, width: 3, style: TextStyle(bold: true, reverse: selected, color: color))
            screen.put(label(entry.row.group.value), row: y, column: x, width: keyWidth, style: style)
            x += keyWidth
            for column in shown {
                x += screen.put(lpad(column.text(entry.row), column.width), row: y, column: x, width: column.width, style: style)
            }
            if let alert = entry.alert {
                // The kind and the figure; the words are below, for the highlighted row.
                let text = alert.headline.split(separator: ":", maxSplits: 1).last.map { String($0.dropFirst()) } ?? alert.headline
                screen.put("  " + alert.kind.rawValue + ": " + text, row: y, column: x, width: max(0, area.column + area.width - x),
                           style: TextStyle(bold: true, reverse: selected, color: color))
            }
        }
        for (offset, line) in details.prefix(max(0, detailHeight - 1)).enumerated() {
            screen.put(line.text, row: area.row + area.height - detailHeight + 1 + offset, column: area.column, width: area.width,
                       style: TextStyle(bold: line.bold, dim: !line.bold))
        }
        if rows.isEmpty {
            let none = dimension == .customer && !(report?.knowsCustomers ?? false)
                ? "these calls name no customer: read one with :account ID, or the named customers with :customers (Tab: trunks, countries)"
                : "no calls in the window or the same hours of the earlier days"
            screen.put(none, row: area.row + 2, column: area.column, width: area.width, style: TextStyle(dim: true))
        }
    }

    /// The alerts' words, wrapped to `width`: severity, kind and headline, what changed, also.
    static func detailLines(_ alerts: [WatchAlert], width: Int) -> [(text: String, bold: Bool)] {
        var lines: [(text: String, bold: Bool)] = []
        for alert in alerts.sorted(by: { $0.severity > $1.severity }) {
            lines += wrap("\(alert.severity) \(alert.kind.rawValue): \(alert.headline)", width: width).map { ($0, true) }
            for changed in alert.changed { lines += wrap("  what changed: " + changed, width: width).map { ($0, false) } }
            for also in alert.alsoSeen.prefix(3) { lines += wrap("  also: " + also, width: width).map { ($0, false) } }
        }
        if !alerts.isEmpty { lines.append(("  Enter lists the calls behind it", false)) }
        return lines
    }

    /// Words laid into lines of at most `width` columns (a longer word is cut by the screen).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = "    " + word
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func plural(_ dimension: WatchDimension) -> String {
        switch dimension {
        case .customer: return "customers"
        case .trunk: return "trunks"
        case .country: return "countries"
        case .direction: return "directions"
        case .scope: return "all calls"
        }
    }

    static func next(_ dimension: WatchDimension) -> WatchDimension {
        let dimensions = NormalBoard.dimensions
        return dimensions[((dimensions.firstIndex(of: dimension) ?? 0) + 1) % dimensions.count]
    }


    static func pad(_ text: String, _ width: Int) -> String { DisplayWidth.pad(text, width) }
    static func lpad(_ text: String, _ width: Int) -> String { DisplayWidth.lpad(text, width) }
}
