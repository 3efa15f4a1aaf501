import CallscopeDomain
import CallscopeViewModel

/// The `Y` overlay: what can be copied for a ticket, a key each (docs/ARCHITECTURE.md, "Evidence").
/// The texts are the view-model's (`Evidence`); this only lists them and draws the box.
struct CopyMenuView {
    /// The menu's entries in order: key, what it copies, and whether there is one now.
    static func entries(_ state: BrowserState) -> [(key: Character, what: String, available: Bool)] {
        [
            ("c", "the call, as Markdown (the open or selected one)", Evidence.call(state, markdown: true) != nil),
            ("C", "the call, as plain text", Evidence.call(state, markdown: false) != nil),
            ("s", "the statistics of the filter", Evidence.statistics(state) != nil),
            ("g", "the group view, as a table", Evidence.groups(state) != nil),
            ("l", "the rows on screen, as a table", Evidence.rows(state) != nil),
            ("f", "the filter, as a callscope list command", true),
        ]
    }

    static func draw(_ state: BrowserState, rows: Int, columns: Int, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        let entries = entries(state)
        let lines = ["Copy for a ticket (Esc closes)", ""] + entries.map { "\($0.key)  \($0.what)" + ($0.available ? "" : " - none here") }
        let width = min(columns, (lines.map(DisplayWidth.of).max() ?? 20) + 4)
        let height = min(rows, lines.count + 2)
        let left = max(0, (columns - width) / 2), top = max(0, (rows - height) / 2)
        Border.draw(Rect(row: top, column: left, height: height, width: width), glyphs: glyphs, into: &screen)
        for (offset, line) in lines.prefix(height - 2).enumerated() {
            let entry = offset >= 2 ? entries[offset - 2] : nil
            let style = offset == 0 ? TextStyle(bold: true) : TextStyle(dim: entry.map { !$0.available } ?? false)
            screen.put(line, row: top + 1 + offset, column: left + 2, width: width - 4, style: style)
        }
    }
}

/// An overlay's box: blank inside, a line around it.
enum Border {
    static func draw(_ area: Rect, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        guard area.width >= 2, area.height >= 2 else { return }
        let inner = area.width - 2
        let bar = String(repeating: glyphs.horizontal, count: inner)
        screen.put(glyphs.corners[0] + bar + glyphs.corners[1], row: area.row, column: area.column, width: area.width)
        for y in (area.row + 1)..<(area.row + area.height - 1) {
            screen.put(glyphs.vertical, row: y, column: area.column, width: 1)
            screen.put("", row: y, column: area.column + 1, width: inner, pad: true)
            screen.put(glyphs.vertical, row: y, column: area.column + area.width - 1, width: 1)
        }
        screen.put(glyphs.corners[2] + bar + glyphs.corners[3], row: area.row + area.height - 1, column: area.column, width: area.width)
    }
}
