import CallscopeDomain
import CallscopeViewModel

/// Draws a whole frame: the state and the screen's own state, into any surface.
public struct Renderer: Sendable {
    public let glyphs: Glyphs

    public init(glyphs: Glyphs) {
        self.glyphs = glyphs
    }

    public func layout(_ state: BrowserState, rows: Int, columns: Int) -> Layout {
        let detailOpen = { if case .closed = state.detail { return false } else { return true } }()
        return Layout(rows: rows, columns: columns, focus: state.focus, detailOpen: detailOpen, statisticsStrip: state.showStatistics)
    }

    public func draw(_ state: BrowserState, ui: UIState, into screen: inout some ScreenSurface) {
        screen.clear()
        let layout = layout(state, rows: screen.rows, columns: screen.columns)
        if layout.tooSmall {
            StatusViews.drawTooSmall(rows: screen.rows, columns: screen.columns, glyphs: glyphs, into: &screen)
            return
        }
        if let list = layout.list {
            ListView.draw(state.visibleRows(), in: list, focused: state.focus == .list, glyphs: glyphs, into: &screen)
        }
        if let strip = layout.statistics {
            StatisticsStripView.draw(state, in: strip, glyphs: glyphs, into: &screen)
        }
        if state.groupField != nil, let list = layout.list {
            let area = layout.statistics.map { Rect(row: $0.row, column: $0.column, height: $0.height + list.height, width: list.width) } ?? list
            GroupView.draw(state, selection: ui.groupSelection, in: area, glyphs: glyphs, into: &screen)
        }
        if let sidebar = layout.sidebar {
            SidebarView.draw(state, ui: ui, in: sidebar, focused: state.focus == .filters, glyphs: glyphs, into: &screen)
        }
        if let detail = layout.detail {
            DetailView.draw(state, scroll: ui.detailScroll, in: detail, focused: state.focus == .detail, into: &screen)
        }
        for column in layout.separators {
            for row in 0..<layout.statusRow { screen.put(glyphs.vertical, row: row, column: column, width: 1, style: TextStyle(dim: true)) }
        }
        if state.boardDimension != nil {
            // The whole width: an alert's words need it more than the sidebar does.
            BoardView.draw(state, selection: ui.boardSelection, in: Rect(row: 0, column: 0, height: layout.statusRow, width: screen.columns),
                           glyphs: glyphs, into: &screen)
        }
        StatusViews.drawStatus(state, ui: ui, row: layout.statusRow, columns: screen.columns, glyphs: glyphs, into: &screen)
        StatusViews.drawPrompt(state, ui: ui, row: layout.promptRow, columns: screen.columns, glyphs: glyphs, into: &screen)
        switch ui.overlay {
        case .picker(let picker)?:
            ProfilePickerView.draw(state, picker: picker, rows: screen.rows, columns: screen.columns, glyphs: glyphs, into: &screen)
        case .copyMenu?:
            CopyMenuView.draw(state, rows: screen.rows, columns: screen.columns, glyphs: glyphs, into: &screen)
        case .help(let page)?:
            StatusViews.drawHelp(rows: screen.rows, columns: screen.columns, page: page, glyphs: glyphs, into: &screen)
        case nil:
            break
        }
    }
}
