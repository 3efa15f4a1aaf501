import CallscopeViewModel

/// A key as the event loop reads it.
public enum Key: Sendable, Hashable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    case resize
}

/// Everything a key can ask for.
public enum Command: Sendable, Hashable {
    case down, up, pageDown, pageUp, halfDown, halfUp, top, bottom
    case nextPane, previousPane, open, back
    case find, findBackward, nextMatch, previousMatch, openID, command
    case follow, refresh, retry, copyID, help, quit, redraw
    case editField, clearField, apply
    case previousLeg, nextLeg
    case pickProfile, narrowToCustomer, filterLine, resetFilter, copyMenu
    case toggleStatistics, readAllStatistics, groups, board, sameCause, sameNumber, sameTrunk, export
}

/// Where a binding applies.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case everywhere = "Everywhere"
    case list = "Call list"
    case filters = "Filter sidebar"
    case detail = "Detail"
}

public struct KeyBinding: Sendable, Hashable {
    public let keys: [Key]
    public let names: String
    public let context: KeyContext
    public let command: Command
    public let help: String
}

/// The one key map: the input handler reads it and the help overlay is generated from it.
/// Every action has a plain key; none needs a function key (PuTTY and tmux often swallow F-keys).
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], names: "j ↓", context: .list, command: .down, help: "next call"),
        KeyBinding(keys: [.char("k"), .up], names: "k ↑", context: .list, command: .up, help: "previous call"),
        KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], names: "PgDn ^F Space", context: .list, command: .pageDown, help: "page down"),
        KeyBinding(keys: [.pageUp, .ctrl("b")], names: "PgUp ^B", context: .list, command: .pageUp, help: "page up"),
        KeyBinding(keys: [.ctrl("d")], names: "^D", context: .list, command: .halfDown, help: "half page down"),
        KeyBinding(keys: [.ctrl("u")], names: "^U", context: .list, command: .halfUp, help: "half page up"),
        KeyBinding(keys: [.char("g"), .home], names: "g Home", context: .list, command: .top, help: "newest call"),
        KeyBinding(keys: [.char("G"), .end], names: "G End", context: .list, command: .bottom, help: "oldest call (reads on to it)"),
        KeyBinding(keys: [.enter, .char("l"), .right], names: "Enter l", context: .list, command: .open, help: "open the call"),
        KeyBinding(keys: [.char("j"), .down], names: "j ↓", context: .filters, command: .down, help: "next field"),
        KeyBinding(keys: [.char("k"), .up], names: "k ↑", context: .filters, command: .up, help: "previous field"),
        KeyBinding(keys: [.enter, .char("e")], names: "Enter e", context: .filters, command: .editField, help: "edit the field (applies)"),
        KeyBinding(keys: [.char("x"), .delete], names: "x Del", context: .filters, command: .clearField, help: "clear the field (applies)"),
        KeyBinding(keys: [.char("a")], names: "a", context: .filters, command: .apply, help: "apply the filters"),
        KeyBinding(keys: [.char("j"), .down], names: "j ↓", context: .detail, command: .down, help: "scroll down"),
        KeyBinding(keys: [.char("k"), .up], names: "k ↑", context: .detail, command: .up, help: "scroll up"),
        KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], names: "PgDn ^F", context: .detail, command: .pageDown, help: "page down"),
        KeyBinding(keys: [.pageUp, .ctrl("b")], names: "PgUp ^B", context: .detail, command: .pageUp, help: "page up"),
        KeyBinding(keys: [.ctrl("d")], names: "^D", context: .detail, command: .halfDown, help: "half page down"),
        KeyBinding(keys: [.ctrl("u")], names: "^U", context: .detail, command: .halfUp, help: "half page up"),
        KeyBinding(keys: [.char("g"), .home], names: "g Home", context: .detail, command: .top, help: "top"),
        KeyBinding(keys: [.char("G"), .end], names: "G End", context: .detail, command: .bottom, help: "bottom"),
        KeyBinding(keys: [.char("C")], names: "C", context: .detail, command: .sameCause, help: "more like this: same cause"),
        KeyBinding(keys: [.char("M")], names: "M", context: .detail, command: .sameNumber, help: "more like this: same number"),
        KeyBinding(keys: [.char("T")], names: "T", context: .detail, command: .sameTrunk, help: "more like this: same trunk"),
        KeyBinding(keys: [.char("[")], names: "[", context: .detail, command: .previousLeg, help: "previous leg of the call"),
        KeyBinding(keys: [.char("]")], names: "]", context: .detail, command: .nextLeg, help: "next leg of the call"),
        KeyBinding(keys: [.tab], names: "Tab", context: .everywhere, command: .nextPane, help: "next pane"),
        KeyBinding(keys: [.backTab], names: "Shift-Tab", context: .everywhere, command: .previousPane, help: "previous pane"),
        KeyBinding(keys: [.escape, .char("h"), .left], names: "Esc h", context: .everywhere, command: .back, help: "back: close detail, leave sidebar"),
        KeyBinding(keys: [.char("/")], names: "/", context: .everywhere, command: .find, help: "find text in the list"),
        KeyBinding(keys: [.char("?")], names: "?", context: .everywhere, command: .help, help: "this help"),
        KeyBinding(keys: [.char("n")], names: "n", context: .everywhere, command: .nextMatch, help: "next match"),
        KeyBinding(keys: [.char("N")], names: "N", context: .everywhere, command: .previousMatch, help: "previous match"),
        KeyBinding(keys: [.char("u")], names: "u", context: .everywhere, command: .openID, help: "open a call by UUID (paste it)"),
        KeyBinding(keys: [.char(":")], names: ":", context: .everywhere, command: .command, help: "command (listed under \": commands\")"),
        KeyBinding(keys: [.char("=")], names: "=", context: .everywhere, command: .filterLine, help: "the whole filter on one line"),
        KeyBinding(keys: [.char("X")], names: "X", context: .everywhere, command: .resetFilter, help: "reset the filter to the defaults"),
        KeyBinding(keys: [.char("f")], names: "f", context: .everywhere, command: .follow, help: "follow new calls on/off"),
        KeyBinding(keys: [.char("r")], names: "r", context: .everywhere, command: .refresh, help: "refresh from the provider"),
        KeyBinding(keys: [.char("R")], names: "R", context: .everywhere, command: .retry, help: "retry what failed"),
        KeyBinding(keys: [.char("y")], names: "y", context: .everywhere, command: .copyID, help: "copy the call's UUID"),
        KeyBinding(keys: [.char("Y")], names: "Y", context: .everywhere, command: .copyMenu, help: "copy for a ticket (menu)"),
        KeyBinding(keys: [.char("s")], names: "s", context: .everywhere, command: .toggleStatistics, help: "statistics strip on/off"),
        KeyBinding(keys: [.char("S")], names: "S", context: .everywhere, command: .readAllStatistics, help: "strip: read all, past the budget"),
        KeyBinding(keys: [.char("F")], names: "F", context: .everywhere, command: .groups, help: "calls grouped by cause (Tab: field)"),
        KeyBinding(keys: [.char("W")], names: "W", context: .everywhere, command: .board, help: "now vs normal: alerts (Tab: by trunk…)"),
        KeyBinding(keys: [.char("P")], names: "P", context: .everywhere, command: .pickProfile, help: "switch profile (type to narrow)"),
        KeyBinding(keys: [.char("e")], names: "e", context: .everywhere, command: .export, help: "export the filter's calls to a file"),
        KeyBinding(keys: [.char("c")], names: "c", context: .everywhere, command: .narrowToCustomer, help: "narrow to the call's customer (Vobiz)"),
        KeyBinding(keys: [.ctrl("l")], names: "^L", context: .everywhere, command: .redraw, help: "redraw the screen"),
        KeyBinding(keys: [.char("q")], names: "q", context: .everywhere, command: .quit, help: "quit"),
    ]

    /// The command `key` means in `context` (its own bindings first, then global ones).
    public static func command(for key: Key, in context: KeyContext) -> Command? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.command
            ?? bindings.first { $0.context == .everywhere && $0.keys.contains(key) }?.command
    }

    /// `:` commands.
    public static let commands: [(name: String, help: String)] = [
        ("q, quit", "quit"), ("open ID", "open a call by id"), ("find TEXT", "find text"),
        ("set FIELD VALUE", "set a field and apply (:set: fields)"),
        ("clear FIELD", "clear a filter field and apply"), ("reset", "the filter back to its defaults (X)"), ("period 2026-03", "a billing month, other fields kept"),
        ("filter TERMS", "the whole filter, as = takes it"), ("refresh", "re-read from the provider"), ("retry", "retry what failed"),
        ("follow", "follow new calls on/off"), ("export FILE", "write the calls to FILE (:w too)"),
        ("profile NAME", "switch profile (no NAME: picker)"), ("account ID", "Vobiz: read one customer"),
        ("tenant ID", "VOXO: read one tenant"), ("billing CODE", "VOXO: read one billing code"), ("all", "read every customer of the profile"), ("customers", "the named customers, merged (Vobiz)"),
    ]
}
