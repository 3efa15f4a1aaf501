/// The help's keys: Space and the paging keys turn its pages (round), `?`, `q` or Esc close it.
enum HelpOverlay {
    static func handle(_ key: Key, ui: inout UIState) -> [InputOutcome] {
        switch key {
        case .escape, .char("?"), .char("q"): ui.overlay = nil
        case .char(" "), .pageDown, .down, .char("j"), .ctrl("f"): ui.helpPage = ui.helpPage &+ 1
        case .pageUp, .up, .char("k"), .char("b"), .ctrl("b"): ui.helpPage = ui.helpPage &- 1
        default: break
        }
        return []
    }
}
