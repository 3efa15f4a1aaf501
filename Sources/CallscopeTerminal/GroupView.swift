import CallscopeDomain
import CallscopeViewModel

/// The group view (`F`): the current filter's calls by a field, each group with calls, share,
/// ASR, the failed, no-answer and busy rates, ACD, talk time and cost, sorted as the user picks
/// (`o`), small groups left out on request (`m`); Enter narrows the filter to the highlighted
/// group. Figures and order come from the view-model; this only lays them out.
struct GroupView {
    /// A figure column: its title, width, and the text for a group.
    typealias Column = (title: String, width: Int, text: @Sendable (GroupFigures, Double) -> String)

    static let columns: [Column] = [
        ("CALLS", 7, { f, _ in "\(f.calls)" }),
        ("SHARE", 8, { _, share in TriageText.percent(share) }),
        ("ASR", 8, { f, _ in TriageText.percent(f.asr) }),
        ("FAIL", 8, { f, _ in TriageText.percent(f.failedRate) }),
        ("NO-ANS", 8, { f, _ in TriageText.percent(f.noAnswerRate) }),
        ("BUSY", 8, { f, _ in TriageText.percent(f.busyRate) }),
        ("ACD", 8, { f, _ in TriageText.clock(f.acdSeconds) }),
        ("TALK", 10, { f, _ in TriageText.clock(Double(f.talkSeconds)) }),
    ]

    static func draw(_ state: BrowserState, selection: Int, in outer: Rect, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        // A border, as every overlay has; the figures inside it.
        Border.draw(outer, glyphs: glyphs, into: &screen)
        let area = Rect(row: outer.row + 1, column: outer.column + 1, height: max(1, outer.height - 2), width: max(1, outer.width - 2))
        let field = state.groupField ?? .cause
        var title = "Calls by \(field.rawValue), \(state.count.text(zone: state.zone)), by \(state.groupSort.rawValue)"
        if state.hidesSmallGroups { title += ", under \(BrowserState.smallGroupLimit) calls hidden" }
        if let progress = state.statisticsProgress { title += "  \(glyphs.vertical) \(progress)" }
        // The keys where they fit whole (the help lists them too).
        let keys = "  (Tab field, o order, m small, Enter narrow, Esc back)"
        if DisplayWidth.of(title + keys) <= area.width { title += keys }
        screen.put(title, row: area.row, column: area.column, width: area.width, style: TextStyle(bold: true, underline: true))
        let rows = groupRows(state)
        let total = max(1, state.statistics?.figures.calls ?? 0)
        let label = { (key: String) in field == .account ? state.customerLabel(key) : key }
        let keyWidth = min(max(12, (rows.map { DisplayWidth.of(label($0.key)) }.max() ?? 11) + 1), max(12, area.width / 3))
        // Columns that fit whole; cost last, where there is one and room.
        var shown = columns
        if rows.contains(where: { !$0.figures.cost.isEmpty }) {
            let costWidth = min(24, (rows.compactMap { TriageText.cost($0.figures.cost) }.map(DisplayWidth.of).max() ?? 4) + 2)
            shown.append(("COST", costWidth, { f, _ in TriageText.cost(f.cost) ?? "" }))
        }
        if state.deck != nil {
            // By the rate deck: rated cost and what was billed beyond it, beside the billed; the
            // failure rates give way first where the width is short.
            shown = shown.filter { !["FAIL", "NO-ANS", "BUSY", "ACD"].contains($0.title) }
            let ratedWidth = min(24, (rows.compactMap { TriageText.roundedCost($0.figures.rated.rated) }.map(DisplayWidth.of).max() ?? 5) + 2)
            shown.append(("RATED", max(7, ratedWidth), { f, _ in TriageText.roundedCost(f.rated.rated) ?? "" }))
            let overWidth = min(28, (rows.compactMap { TriageText.roundedCost($0.figures.rated.difference) }.map(DisplayWidth.of).max() ?? 5) + 2)
            shown.append(("BILLED-RATED", max(14, overWidth), { f, _ in TriageText.roundedCost(f.rated.difference) ?? "" }))
            shown += columns.filter { ["FAIL", "NO-ANS", "BUSY", "ACD"].contains($0.title) }
        }
        while shown.count > 1, keyWidth + shown.reduce(0, { $0 + $1.width }) > area.width { shown.removeLast() }
        var header = pad("", keyWidth)
        for column in shown { header += lpad(column.title, column.width) }
        screen.put(header, row: area.row + 1, column: area.column, width: area.width, style: TextStyle(dim: true))
        let visible = max(1, area.height - 2)
        let highlighted = min(max(0, selection), max(0, rows.count - 1))
        let first = max(0, highlighted - visible + 1)
        for (offset, group) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = area.row + 2 + offset
            let share = Double(group.figures.calls) / Double(total)
            let style = TextStyle(reverse: first + offset == highlighted)
            screen.put("", row: y, column: area.column, width: keyWidth, style: style, pad: true)
            screen.put(label(group.key), row: y, column: area.column, width: keyWidth, style: style)
            var x = area.column + keyWidth
            for column in shown {
                x += screen.put(lpad(column.text(group.figures, share), column.width), row: y, column: x, width: column.width, style: style)
            }
            let room = area.column + area.width - x - 1
            if room > 0 {
                let bar = String(repeating: screen.asciiOnly ? "#" : "█", count: max(share > 0 ? 1 : 0, Int((share * Double(room)).rounded())))
                screen.put(bar, row: y, column: x + 1, width: room, style: TextStyle(color: .accent))
            }
        }
        if rows.isEmpty {
            screen.put(state.statistics?.complete == true ? "no calls" : "reading…", row: area.row + 2, column: area.column, width: area.width, style: TextStyle(dim: true))
        }
    }

    /// The groups in the order the view lists them (the input handler narrows by the same order).
    static func groupRows(_ state: BrowserState) -> [(key: String, figures: GroupFigures)] { state.groupRows }

    static func pad(_ text: String, _ width: Int) -> String { DisplayWidth.pad(text, width) }
    static func lpad(_ text: String, _ width: Int) -> String { DisplayWidth.lpad(text, width) }
}
