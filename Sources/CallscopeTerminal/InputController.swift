import CallscopeDomain
import CallscopeViewModel

/// What a key leads to outside the screen's own state.
public enum InputOutcome: Sendable, Hashable {
    /// What the person asked of the browser (the view-model's own intent type).
    case action(BrowserIntent)
    /// Copy `text` where the user can paste it; `what` names it in the status line.
    case copy(text: String, what: String)
    case redraw
}

/// Turns keys into actions and screen-state changes. Pure: tested without a terminal.
public enum InputController {
    public static func handle(_ key: Key, state: BrowserState, ui: inout UIState, detailPageRows: Int = 10) -> [InputOutcome] {
        ui.message = nil
        // After the warning, the next q (or :q) quits, until the export ends.
        if state.export == nil { ui.quitWhileExporting = false }
        // The question whether to replace a file takes the next key, whatever it is.
        if case .confirmingReplace = state.export, ui.prompt == nil {
            return key == .char("y") || key == .char("Y") ? [.action(.confirmExportReplace)] : [.action(.cancelExport)]
        }
        if ui.prompt != nil { return handlePrompt(key, state: state, ui: &ui) }
        // An open overlay takes every key; each has its own handler.
        switch ui.overlay {
        case .help?: return HelpOverlay.handle(key, ui: &ui)
        case .picker?: return ProfilePickerOverlay.handle(key, state: state, ui: &ui)
        case .copyMenu?: return CopyMenuOverlay.handle(key, state: state, ui: &ui)
        case nil: break
        }
        // The menu opens over the group view too: its table is one of the things to copy.
        if key == .char("Y") {
            ui.overlay = .copyMenu
            return []
        }
        if state.groupField != nil { return handleGroups(key, state: state, ui: &ui) }
        if state.boardDimension != nil { return handleBoard(key, state: state, ui: &ui) }
        let context: KeyContext = {
            switch state.focus {
            case .list: return .list
            case .filters: return .filters
            case .detail: return .detail
            }
        }()
        guard let command = KeyMap.command(for: key, in: context) else {
            if key != .resize { ui.message = "no key \(describe(key)) here: ? lists the keys" }
            return []
        }
        switch (command, context) {
        case (.down, .filters), (.up, .filters):
            let fields = FilterDraft.Field.allCases
            let index = fields.firstIndex(of: ui.sidebarField) ?? 0
            ui.sidebarField = fields[(index + (command == .down ? 1 : fields.count - 1)) % fields.count]
            return []
        case (.down, .detail): ui.detailScroll += 1; return []
        case (.up, .detail): ui.detailScroll = max(0, ui.detailScroll - 1); return []
        case (.pageDown, .detail): ui.detailScroll += detailPageRows; return []
        case (.pageUp, .detail): ui.detailScroll = max(0, ui.detailScroll - detailPageRows); return []
        case (.halfDown, .detail): ui.detailScroll += max(1, detailPageRows / 2); return []
        case (.halfUp, .detail): ui.detailScroll = max(0, ui.detailScroll - max(1, detailPageRows / 2)); return []
        case (.top, .detail): ui.detailScroll = 0; return []
        case (.bottom, .detail): ui.detailScroll = 10_000; return []
        case (.down, _): return [.action(.moveBy(1))]
        case (.up, _): return [.action(.moveBy(-1))]
        case (.pageDown, _): return [.action(.pageDown)]
        case (.pageUp, _): return [.action(.pageUp)]
        case (.halfDown, _): return [.action(.halfPageDown)]
        case (.halfUp, _): return [.action(.halfPageUp)]
        case (.top, _): return [.action(.top)]
        case (.bottom, _): return [.action(.bottom)]
        case (.open, _):
            ui.detailScroll = 0
            return [.action(.openSelected)]
        case (.nextPane, _): return [.action(.focusNext)]
        case (.previousPane, _): return [.action(.focusPrevious)]
        case (.back, _):
            if state.focus == .detail || isDetailOpen(state) { return [.action(.closeDetail)] }
            if state.focus == .filters { return [.action(.focus(.list))] }
            // With nothing else to close, Esc stops a running export.
            if case .running = state.export { return [.action(.cancelExport)] }
            return []
        case (.editField, _):
            ui.prompt = .editField(ui.sidebarField)
            ui.promptText = state.draft[ui.sidebarField]
            return []
        case (.clearField, _):
            return [.action(.clear(ui.sidebarField)), .action(.applyFilter)]
        case (.apply, _): return [.action(.applyFilter)]
        case (.find, _):
            ui.prompt = .find(forward: true)
            ui.promptText = ""
            return []
        case (.findBackward, _):
            ui.prompt = .find(forward: false)
            ui.promptText = ""
            return []
        case (.nextMatch, _): return [.action(.nextMatch)]
        case (.previousMatch, _): return [.action(.previousMatch)]
        case (.openID, _):
            ui.prompt = .openID
            ui.promptText = ""
            return []
        case (.command, _):
            ui.prompt = .command
            ui.promptText = ""
            return []
        case (.follow, _): return [.action(.toggleFollow)]
        case (.refresh, _): return [.action(.refresh)]
        case (.retry, _): return [.action(.retry)]
        case (.copyID, _):
            let id: String? = { if case .loaded(let call) = state.detail { return call.id } else { return state.selectedCall?.id } }()
            guard let id else { ui.message = "no call to copy"; return [] }
            // The event loop copies it and says where it went.
            return [.copy(text: id, what: SafeText.sanitize(id.count > 12 ? String(id.prefix(8)) + "…" : id))]
        case (.copyMenu, _):
            ui.copyMenu = true
            return []
        case (.help, _): openHelp(&ui); return []
        case (.quit, _): return requestQuit(state: state, ui: &ui)
        case (.redraw, _): return [.redraw]
        case (.export, _):
            openExportPrompt(state: state, ui: &ui)
            return []
        case (.resetFilter, _): return [.action(.resetFilter)]
        case (.filterLine, _):
            ui.prompt = .filterLine
            ui.promptText = FilterLine.describe(state.draft, against: state.defaults)
            return []
        case (.toggleStatistics, _): return [.action(.toggleStatistics)]
        case (.readAllStatistics, _): return [.action(.readAllStatistics)]
        case (.groups, _):
            ui.groupSelection = 0
            return [.action(.openGroups)]
        case (.board, _):
            ui.boardSelection = 0
            return [.action(.openBoard)]
        case (.sameCause, _): return [.action(.narrowLikeOpenCall(.cause))]
        case (.sameNumber, _): return [.action(.narrowLikeOpenCall(.number))]
        case (.sameTrunk, _): return [.action(.narrowLikeOpenCall(.trunk))]
        case (.pickProfile, _):
            ui.picker = ProfilePicker()
            return []
        case (.narrowToCustomer, _): return [.action(.narrowToCallCustomer)]
        case (.previousLeg, _):
            ui.detailScroll = 0
            return [.action(.openLinked(previous: true))]
        case (.nextLeg, _):
            ui.detailScroll = 0
            return [.action(.openLinked(previous: false))]
        }
    }

    /// Keys while the board is open: move, Tab for the next dimension, Enter narrows, Esc leaves.
    static func handleBoard(_ key: Key, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        let rows = state.boardRows
        switch key {
        case .escape, .char("h"), .left, .char("W"): return [.action(.closeBoard)]
        case .char("q"): return requestQuit(state: state, ui: &ui)
        case .tab:
            ui.boardSelection = 0
            return [.action(.cycleBoardDimension)]
        case .down, .char("j"): ui.boardSelection = min(max(0, rows.count - 1), ui.boardSelection + 1)
        case .up, .char("k"): ui.boardSelection = max(0, ui.boardSelection - 1)
        case .home, .char("g"): ui.boardSelection = 0
        case .end, .char("G"): ui.boardSelection = max(0, rows.count - 1)
        case .enter, .char("l"), .right:
            guard rows.indices.contains(ui.boardSelection) else { return [] }
            return [.action(.narrowToBoardRow(rows[ui.boardSelection].row.group))]
        case .char("?"): openHelp(&ui)
        default: ui.message = "on the board: j/k move, Tab customers/trunks/countries/directions, Enter shows the calls, Esc back"
        }
        return []
    }

    /// Keys while the group view is open: move, Tab for the next field, Enter narrows, Esc leaves.
    static func handleGroups(_ key: Key, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        let rows = GroupView.groupRows(state)
        switch key {
        case .escape, .char("h"), .left: return [.action(.closeGroups)]
        case .char("q"): return requestQuit(state: state, ui: &ui)
        case .tab, .char("F"):
            ui.groupSelection = 0
            return [.action(.cycleGroupField)]
        case .down, .char("j"): ui.groupSelection = min(max(0, rows.count - 1), ui.groupSelection + 1)
        case .up, .char("k"): ui.groupSelection = max(0, ui.groupSelection - 1)
        case .home, .char("g"): ui.groupSelection = 0
        case .end, .char("G"): ui.groupSelection = max(0, rows.count - 1)
        case .enter, .char("l"), .right:
            guard rows.indices.contains(ui.groupSelection) else { return [] }
            return [.action(.narrowToGroup(rows[ui.groupSelection].key))]
        case .char("o"):
            ui.groupSelection = 0
            return [.action(.cycleGroupSort)]
        case .char("m"):
            ui.groupSelection = 0
            return [.action(.toggleSmallGroups)]
        case .char("?"): openHelp(&ui)
        default: ui.message = "in the group view: j/k move, Tab next field, o order, m hide small, Enter narrows, Esc back"
        }
        return []
    }

    /// `q`, `:q`: quits, except that while an export runs the first one only warns (quitting
    /// drops the export).
    static func requestQuit(state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        if case .running(let path, _, _) = state.export, !ui.quitWhileExporting {
            ui.quitWhileExporting = true
            ui.message = "exporting to \(SafeText.sanitize(path)): q again quits and drops it, Esc stops it"
            return []
        }
        ui.quit = true
        return []
    }

    static func isDetailOpen(_ state: BrowserState) -> Bool {
        if case .closed = state.detail { return false }
        return true
    }

    static func handlePrompt(_ key: Key, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        guard let prompt = ui.prompt else { return [] }
        switch key {
        case .escape:
            ui.prompt = nil
            ui.promptText = ""
        case .enter:
            let text = ui.promptText.trimmingCharacters(in: .whitespaces)
            ui.prompt = nil
            ui.promptText = ""
            return submit(prompt, text, state: state, ui: &ui)
        case .backspace: ui.promptLine.deleteBackward()
        case .delete, .ctrl("d"): ui.promptLine.deleteForward()
        case .ctrl("u"): ui.promptLine.deleteToStart()
        case .ctrl("k"): ui.promptLine.deleteToEnd()
        case .ctrl("w"): ui.promptLine.deleteWordBackward()
        case .ctrl("a"), .home: ui.promptLine.moveToStart()
        case .ctrl("e"), .end: ui.promptLine.moveToEnd()
        case .left, .ctrl("b"): ui.promptLine.moveLeft()
        case .right, .ctrl("f"): ui.promptLine.moveRight()
        case .char(let character):
            // Controls never enter the prompt (a paste arrives through `paste`, cleaned).
            guard !character.unicodeScalars.contains(where: SafeText.needsEscape) else { return [] }
            ui.promptLine.insert(String(character))
        default:
            break
        }
        return []
    }

    /// A bracketed paste: text, never keys. It goes into the open prompt at the cursor; with
    /// no prompt open it opens one holding it — the sidebar field's editor in the sidebar, else
    /// the open-by-id prompt (what is pasted there is nearly always a call id).
    public static func paste(_ text: String, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        ui.message = nil
        // A paste closes the help and the menu; the picker takes it as its query.
        if ui.overlay == .copyMenu || ui.showHelp { ui.overlay = nil }
        if ui.picker != nil {
            ui.picker?.query.insert(promptText(fromPaste: text))
            ui.picker?.highlighted = 0
            return []
        }
        if ui.prompt == nil {
            ui.prompt = state.focus == .filters ? .editField(ui.sidebarField) : .openID
            ui.promptText = ""
        }
        if !ui.promptLine.insert(promptText(fromPaste: text)) {
            ui.message = "the paste was cut at \(PromptLine.maximumLength) characters"
        }
        return []
    }

    /// Pasted text as one prompt line: line breaks and tabs become spaces, other controls go.
    static func promptText(fromPaste text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r", "\n", "\t", "\u{2028}", "\u{2029}": out.append(" ")
            default: if !SafeText.needsEscape(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    static func submit(_ prompt: UIState.Prompt, _ text: String, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        switch prompt {
        case .find(let forward):
            return text.isEmpty ? [] : [.action(.find(text, forward: forward))]
        case .openID:
            ui.detailScroll = 0
            let id = SafeText.cleanIdentifier(text)
            return id.isEmpty ? [] : [.action(.open(id: id))]
        case .editField(let field):
            return [.action(.edit(field, text)), .action(.applyFilter)]
        case .filterLine:
            return text.isEmpty ? [] : [.action(.applyFilterLine(text))]
        case .export:
            return [.action(.startExport(path: text))]
        case .command:
            return command(text, state: state, ui: &ui)
        }
    }

    static func command(_ text: String, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        let words = text.split(separator: " ", maxSplits: 2).map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let argument = words.dropFirst().joined(separator: " ")
        switch verb {
        case "q", "quit", "exit": return requestQuit(state: state, ui: &ui)
        case "open":
            let id = SafeText.cleanIdentifier(argument)
            return id.isEmpty ? [] : [.action(.open(id: id))]
        case "find": return argument.isEmpty ? [] : [.action(.find(argument, forward: true))]
        case "refresh": return [.action(.refresh)]
        case "retry": return [.action(.retry)]
        case "follow": return [.action(.toggleFollow)]
        case "help": openHelp(&ui); return []
        case "profile", "profiles":
            guard !argument.isEmpty else { ui.picker = ProfilePicker(); return [] }
            return [.action(.switchProfile(argument))]
        case "account", "tenant", "billing":
            // An id, or the name the profile gives a customer (any case, or the start of one).
            let id = state.customerID(named: argument) ?? SafeText.cleanIdentifier(argument)
            guard !id.isEmpty else {
                let known = state.customerNames.sorted { $0.value < $1.value }.map { state.customerLabel($0.key) }
                ui.message = known.isEmpty ? ":\(verb) needs an id, e.g. :\(verb) \(verb == "tenant" ? "37" : "MA_48149cf4")"
                    : ":\(verb) ID or name: " + known.joined(separator: ", ")
                return []
            }
            let scope: CallScope = verb == "account" ? .account(id) : (verb == "tenant" ? .tenant(id) : .billingCode(id))
            return [.action(.changeScope(scope))]
        case "all": return [.action(.changeScope(.all))]
        case "customers":
            guard !state.customerNames.isEmpty else {
                ui.message = ":customers reads the customers the profile names: add [profiles.NAME.customers] to it"
                return []
            }
            return [.action(.changeScope(.namedCustomers))]
        case "filter": return argument.isEmpty ? [] : [.action(.applyFilterLine(argument))]
        case "reset": return [.action(.resetFilter)]
        case "period":
            // A billing period: the month's first day to its last, in the display zone; the
            // other fields stay as they are.
            guard let (first, last) = FilterLine.month(argument) else {
                ui.message = ":period takes a month: :period 2026-03"
                return []
            }
            return [.action(.edit(.since, first)), .action(.edit(.until, last)), .action(.applyFilter)]
        case "export", "w", "write":
            // Also from the filter sidebar, where `e` edits a field.
            guard argument.isEmpty else { return [.action(.startExport(path: argument))] }
            openExportPrompt(state: state, ui: &ui)
            return []
        case "clear" where words.count >= 2 && words[1].lowercased() == "all":
            return [.action(.resetFilter)]
        case "set", "clear":
            guard words.count >= 2, let field = field(named: words[1]) else {
                ui.message = "which field? since, until, zone, direction, status, from, to, cause, trunk, min, max, search (:clear all or :reset: every field)"
                return []
            }
            if verb == "clear" { return [.action(.clear(field)), .action(.applyFilter)] }
            return [.action(.edit(field, words.count > 2 ? words[2] : "")), .action(.applyFilter)]
        default:
            ui.message = "unknown command ':\(SafeText.sanitize(verb))': :help lists them"
            return []
        }
    }

    /// The help, from its first page.
    static func openHelp(_ ui: inout UIState) {
        ui.showHelp = true
        ui.helpPage = 0
    }

    /// The `e` prompt, offering a name that says what the file will hold.
    static func openExportPrompt(state: BrowserState, ui: inout UIState) {
        ui.prompt = .export
        ui.promptText = ExportName.suggested(for: state)
    }

    /// A field as `:set` and `:clear` take it: the `=` line's keys (`cause`, `min`, `tz`), the
    /// field's own name, or the long flag's (`hangup-cause`, `min-duration`).
    static func field(named name: String) -> FilterDraft.Field? {
        let lower = name.lowercased()
        if let key = FilterLine.keys.first(where: { $0.key == lower }) { return key.field }
        return FilterDraft.Field.allCases.first { $0.rawValue.lowercased() == lower.replacingOccurrences(of: "-", with: "") }
    }

    static func describe(_ key: Key) -> String {
        switch key {
        case .char(let c): return "'\(SafeText.sanitize(String(c)))'"
        case .ctrl(let c): return "^\(c.uppercased())"
        default: return "\(key)"
        }
    }
}
