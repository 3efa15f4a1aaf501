import CallscopeDomain
import CallscopeViewModel

/// The filter sidebar: every filter, its draft value, where it runs (srv = the provider's
/// server, cli = callscope), and its error.
struct SidebarView {
    static func draw(_ state: BrowserState, ui: UIState, in rect: Rect, focused: Bool, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        screen.put("Filters", row: rect.row, column: rect.column, width: rect.width, style: TextStyle(bold: true, underline: true), pad: true)
        var y = rect.row + 1
        for field in FilterDraft.Field.allCases where y < rect.row + rect.height - 2 {
            let selected = focused && ui.sidebarField == field
            let label = FieldLabels.label(field)
            let value = state.draft[field]
            let whereRuns = field == .zone ? "" : (state.isServerSide(field) ? "srv" : "cli")
            let style = TextStyle(reverse: selected)
            screen.put("", row: y, column: rect.column, width: rect.width, style: style, pad: true)
            screen.put(label, row: y, column: rect.column, width: 10, style: TextStyle(bold: true, reverse: selected))
            screen.put(value.isEmpty ? glyphs.empty : TextFitting.fit(value, rect.width - 15, glyphs), row: y, column: rect.column + 11, width: rect.width - 15, style: style)
            screen.put(whereRuns, row: y, column: rect.column + rect.width - 3, width: 3, style: TextStyle(reverse: selected, dim: true))
            y += 1
            if let error = state.fieldErrors[field] {
                // Errors wrap: cutting one would hide what to fix.
                for chunk in DetailView.wrap(error, width: rect.width - 2) where y < rect.row + rect.height - 2 {
                    screen.put("  " + chunk, row: y, column: rect.column, width: rect.width, style: TextStyle(color: .error))
                    y += 1
                }
            }
        }
        let hint = focused ? "Enter edit · x clear · a apply" : "Tab: filters"
        screen.put(hint, row: rect.row + rect.height - 1, column: rect.column, width: rect.width, style: TextStyle(dim: true))
    }
}
