import CallscopeDomain
import CallscopeViewModel

/// The status bar (provider and scope, zone, count, loading, follow, last error) and the
/// one-line prompt beneath it.
struct StatusViews {
    static func drawStatus(_ state: BrowserState, ui: UIState, row: Int, columns: Int, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        let parts = statusParts(state, ui: ui, columns: columns, glyphs: glyphs, asciiOnly: screen.asciiOnly)
        let left = " " + parts.joined(separator: " \(glyphs.vertical) ") + " "
        screen.put("", row: row, column: 0, width: columns, style: TextStyle(reverse: true), pad: true)
        let used = screen.put(left, row: row, column: 0, width: columns, style: TextStyle(bold: true, reverse: true))
        if let error = state.status.lastError, used < columns - 4 {
            screen.put(" " + error + " ", row: row, column: used, width: columns - used, style: TextStyle(bold: true, reverse: true, color: .error))
        }
    }

    /// The status bar's parts, made to fit `columns`: the applied filter's words that differ
    /// from the defaults are what must show at every size, so what gives way first is the part
    /// of the filter at its default (cut with an ellipsis), then the connection's words (the
    /// profile alone), the local store's (a word: "from store"), the zone, the count's words
    /// (its figure alone), and on the smallest screens the connection.
    static func statusParts(_ state: BrowserState, ui: UIState, columns: Int, glyphs: Glyphs, asciiOnly: Bool) -> [String] {
        var extras: [String] = []
        if state.isLoading { extras.append("\(glyphs.spinner[ui.spinnerFrame % glyphs.spinner.count]) loading") }
        if state.follow { extras.append("\(glyphs.follow) follow") }
        if let alerts = state.alertText { extras.append("! " + alerts) }
        if let exporting = state.exportText { extras.append(exporting) }
        var stored = state.storeText
        let words = FilterWords.typed(state.appliedDraft, defaults: state.defaults)
        var connection = state.connectionText
        var zone: String? = state.zone.identifier
        var count = state.count.text(zone: state.zone)
        var filter = [words.differing, words.defaulted].filter { !$0.isEmpty }.joined(separator: " \(glyphs.empty) ")
        func parts() -> [String] {
            (connection.isEmpty ? [] : [connection]) + (zone.map { [$0] } ?? []) + [count] + extras + (stored.map { [$0] } ?? [])
                + (filter.isEmpty ? [] : [filter])
        }
        func width() -> Int { DisplayWidth.of(ScreenText.prepared(" " + parts().joined(separator: " \(glyphs.vertical) ") + " ", asciiOnly: asciiOnly)) }
        let shrink: [() -> Void] = [
            { if !words.defaulted.isEmpty { filter = words.differing.isEmpty ? "" : words.differing + " " + glyphs.ellipsis } },
            { connection = state.profile.map(SafeText.sanitize) ?? state.providerID.displayName },
            { stored = state.storeWord },
            { zone = nil },
            { count = state.count.figure + " calls" },
            // The smallest screens: what is applied matters more than whose it is (P names it).
            { connection = "" },
        ]
        for step in shrink where width() > columns { step() }
        return parts()
    }

    static func drawPrompt(_ state: BrowserState, ui: UIState, row: Int, columns: Int, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        if let prompt = ui.prompt {
            drawPromptLine(prompt.label, ui.promptLine, row: row, columns: columns, glyphs: glyphs, into: &screen)
            return
        }
        // The last error also goes here, where it has the whole line (the status bar may be full).
        if let error = state.status.lastError, ui.message == nil, state.status.notice == nil {
            screen.put("! " + error, row: row, column: 0, width: columns, style: TextStyle(color: .error), pad: true)
            return
        }
        let message = ui.message ?? state.status.notice ?? state.storeNotice
        let hint = "? help  / find  u open id  Tab panes  q quit"
        screen.put(message ?? hint, row: row, column: 0, width: columns, style: TextStyle(dim: message == nil), pad: true)
    }

    /// The prompt's label and text with its cursor: the character under it in reverse video, or
    /// the cursor glyph at the end. A long entry scrolls sideways to keep the cursor in view
    /// (an ellipsis after the label says the start is hidden). Widths are those the screen will
    /// draw, escapes included.
    static func drawPromptLine(_ label: String, _ line: PromptLine, row: Int, columns: Int, glyphs: Glyphs, into screen: inout some ScreenSurface, column origin: Int = 0) {
        screen.put("", row: row, column: origin, width: columns, pad: true)
        let labelWidth = screen.put(label, row: row, column: origin, width: columns)
        // The screen's last cell stays free (writing it would scroll).
        let room = columns - 1 - labelWidth
        guard room > 0 else { return }
        let shown = line.characters.map { ScreenText.prepared(String($0), asciiOnly: screen.asciiOnly) }
        let widths = shown.map { DisplayWidth.of($0) }
        let cursorWidth = line.cursor < widths.count ? max(1, widths[line.cursor]) : 1
        let ellipsisWidth = DisplayWidth.of(glyphs.ellipsis)
        var start = 0
        var before = widths[..<line.cursor].reduce(0, +)
        while start < line.cursor, before + cursorWidth + (start > 0 ? ellipsisWidth : 0) > room {
            before -= widths[start]
            start += 1
        }
        var x = labelWidth
        if start > 0 { x += screen.put(glyphs.ellipsis, row: row, column: origin + x, width: room, style: TextStyle(dim: true)) }
        for index in start..<shown.count {
            guard x + widths[index] <= labelWidth + room else { break }
            x += screen.put(shown[index], row: row, column: origin + x, width: widths[index], style: TextStyle(reverse: index == line.cursor))
        }
        if line.cursor == shown.count, x < labelWidth + room {
            screen.put(glyphs.cursor, row: row, column: origin + x, width: 1)
        }
    }

    /// The help overlay, generated from the key map: global keys first, then each pane's,
    /// then `:` commands, in as many columns as fit, in pages when they do not (Space turns
    /// them, round; `page` counts from 0 and is taken round the page count).
    static func drawHelp(rows: Int, columns: Int, page: Int = 0, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        var lines: [(key: String, help: String, heading: Bool)] = []
        for context in [KeyContext.everywhere, .list, .detail, .filters] {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((context.rawValue, "", true))
            for binding in KeyMap.bindings where binding.context == context {
                lines.append((binding.names, binding.help, false))
            }
        }
        lines.append(("", "", false))
        lines.append((": commands", "", true))
        for command in KeyMap.commands { lines.append((":" + command.name, command.help, false)) }
        let width = min(columns, 118)
        let height = rows - 2
        let left = max(0, (columns - width) / 2)
        // A box with a border, as every overlay has; the page and how to close it sit on its bottom line.
        Border.draw(Rect(row: 0, column: left, height: height, width: width), glyphs: glyphs, into: &screen)
        let perColumn = max(1, height - 2)
        // No name or description is ever cut: two columns where both fit whole, else one, in
        // more pages (Space turns them).
        let keyWidth = lines.filter { !$0.heading }.map { DisplayWidth.of($0.key) }.max() ?? 14
        let helpWidth = lines.map { DisplayWidth.of($0.help) }.max() ?? 30
        let blocks = 2 * (keyWidth + 1 + helpWidth + 2) + 2 <= width ? 2 : 1
        let columnWidth = (width - 2) / blocks
        // Lines go down each column, then to the next column and page; a blank line that would
        // open a column is left out, so no column starts with a gap.
        var placed: [(page: Int, column: Int, row: Int, line: (key: String, help: String, heading: Bool))] = []
        var slot = 0
        for line in lines {
            if line.key.isEmpty, slot % perColumn == 0 { continue }
            placed.append((slot / (perColumn * blocks), slot / perColumn % blocks, slot % perColumn, line))
            slot += 1
        }
        let pages = max(1, (placed.last?.page ?? 0) + 1)
        let shown = ((page % pages) + pages) % pages
        if pages > 1 {
            screen.put(" page \(shown + 1) of \(pages) · Space: more ", row: height - 1, column: left + 1, width: width - 20, style: TextStyle(dim: true))
        }
        for entry in placed where entry.page == shown {
            let (y, x, line) = (1 + entry.row, left + 1 + entry.column * columnWidth, entry.line)
            if line.heading {
                screen.put(line.key, row: y, column: x, width: columnWidth - 1, style: TextStyle(bold: true, underline: true))
            } else {
                screen.put(line.key, row: y, column: x, width: keyWidth, style: TextStyle(bold: true))
                screen.put(line.help, row: y, column: x + keyWidth + 1, width: columnWidth - keyWidth - 2)
            }
        }
        screen.put(" ? or Esc closes ", row: height - 1, column: left + width - 18, width: 17, style: TextStyle(dim: true))
    }

    static func drawTooSmall(rows: Int, columns: Int, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        let lines = ["terminal too small", "\(columns)\(glyphs.times)\(rows): needs \(Layout.minimumColumns)\(glyphs.times)\(Layout.minimumRows)", "q quits"]
        for (i, line) in lines.enumerated() where i < rows {
            screen.put(line, row: max(0, rows / 2 - 1) + i - (rows < 3 ? rows / 2 : 0), column: max(0, (columns - DisplayWidth.of(line)) / 2), width: columns)
        }
    }
}
