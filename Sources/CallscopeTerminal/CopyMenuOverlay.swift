import CallscopeDomain
import CallscopeViewModel

/// The `Y` menu's keys (docs/ARCHITECTURE.md, "Evidence"); `CopyMenuView` draws it.
enum CopyMenuOverlay {
    /// Keys while the `Y` menu is open: a letter copies its text and closes the menu; Esc closes it.
    static func handle(_ key: Key, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        ui.copyMenu = false
        guard case .char(let letter) = key else { return [] }
        let copied: (text: String?, what: String)
        switch letter {
        case "c": copied = (Evidence.call(state, markdown: true), "the call (Markdown)")
        case "C": copied = (Evidence.call(state, markdown: false), "the call (text)")
        case "s": copied = (Evidence.statistics(state), "the statistics")
        case "g": copied = (Evidence.groups(state), "the group table")
        case "l": copied = (Evidence.rows(state), "the rows on screen")
        case "f": copied = (Evidence.commandLine(state), "the filter as a command")
        default:
            ui.message = "Y then c, C, s, g, l or f"
            return []
        }
        guard let text = copied.text else {
            ui.message = "nothing to copy: \(copied.what) is not on screen"
            return []
        }
        return [.copy(text: text, what: copied.what)]
    }
}
