import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

@Suite("Keys")
struct InputTests {
    let state = ScreenFixture.state(height: 20)

    func keys(_ keys: [Key], state: BrowserState? = nil, ui: inout UIState) -> [InputOutcome] {
        keys.flatMap { InputController.handle($0, state: state ?? self.state, ui: &ui) }
    }

    @Test func movementKeys() {
        var ui = UIState()
        #expect(keys([.char("j"), .down], ui: &ui) == [.action(.moveBy(1)), .action(.moveBy(1))])
        #expect(keys([.pageDown, .ctrl("f"), .ctrl("b"), .ctrl("d"), .ctrl("u")], ui: &ui)
                == [.action(.pageDown), .action(.pageDown), .action(.pageUp), .action(.halfPageDown), .action(.halfPageUp)])
        #expect(keys([.char("g"), .char("G"), .home, .end], ui: &ui) == [.action(.top), .action(.bottom), .action(.top), .action(.bottom)])
        #expect(keys([.tab, .backTab, .enter], ui: &ui) == [.action(.focusNext), .action(.focusPrevious), .action(.openSelected)])
    }

    /// `:period 2026-03` sets the range to the month and keeps the other fields; `W` opens the
    /// board, whose Enter narrows to the highlighted row and Esc closes.
    @Test func periodCommandAndBoardKeys() {
        var ui = UIState()
        #expect(keys([.char(":")] + "period 2026-02".map { .char($0) } + [.enter], ui: &ui)
                == [.action(.edit(.since, "2026-02-01")), .action(.edit(.until, "2026-02-28")), .action(.applyFilter)])
        ui = UIState()
        _ = keys([.char(":")] + "period march".map { .char($0) } + [.enter], ui: &ui)
        #expect(ui.message?.contains(":period takes a month") == true)
        ui = UIState()
        #expect(keys([.char("W")], ui: &ui) == [.action(.openBoard)])
        var board = state
        board.boardDimension = .customer
        #expect(keys([.tab], state: board, ui: &ui) == [.action(.cycleBoardDimension)])
        #expect(keys([.escape], state: board, ui: &ui) == [.action(.closeBoard)])
    }

    /// `:export` works from anywhere, the filter sidebar too (where `e` edits a field): with a
    /// name it starts (spaces and all), without one it opens the prompt `e` opens.
    @Test func exportCommand() {
        var sidebar = state
        sidebar.focus = .filters
        var ui = UIState()
        #expect(keys([.char("e")], state: sidebar, ui: &ui).isEmpty)
        #expect(ui.prompt != .export, "in the sidebar, e edits the field")
        ui = UIState()
        #expect(keys([.char(":")] + "export /tmp/failed.csv.gz".map { .char($0) } + [.enter], state: sidebar, ui: &ui)
                == [.action(.startExport(path: "/tmp/failed.csv.gz"))])
        ui = UIState()
        #expect(keys([.char(":")] + "w /tmp/my  calls.csv".map { .char($0) } + [.enter], state: sidebar, ui: &ui)
                == [.action(.startExport(path: "/tmp/my  calls.csv"))])
        ui = UIState()
        _ = keys([.char(":")] + "write".map { .char($0) } + [.enter], state: sidebar, ui: &ui)
        #expect(ui.prompt == .export && ui.promptText.hasSuffix(".csv"))
    }

    /// `e` offers a name, Enter starts the export; while it runs Esc stops it and a first `q`
    /// only warns; at the question whether to replace, `y` confirms and anything else keeps.
    @Test func exportKeys() {
        var ui = UIState()
        _ = keys([.char("e")], ui: &ui)
        #expect(ui.prompt == .export)
        #expect(ui.promptText.hasSuffix(".csv"))
        _ = keys([.ctrl("u")] + "/tmp/x.ndjson".map { .char($0) }, ui: &ui)
        #expect(keys([.enter], ui: &ui) == [.action(.startExport(path: "/tmp/x.ndjson"))])
        var running = state
        running.export = .running(path: "/tmp/x.ndjson", written: 10, total: 100)
        // Esc closes what is open first; with nothing left to close, it stops the export.
        running.focus = .filters
        #expect(keys([.escape], state: running, ui: &ui) == [.action(.focus(.list))])
        running.focus = .list
        #expect(keys([.escape], state: running, ui: &ui) == [.action(.cancelExport)])
        #expect(keys([.char("q")], state: running, ui: &ui).isEmpty)
        #expect(!ui.quit && ui.message?.contains("q again quits and drops it") == true)
        _ = keys([.char("j")], state: running, ui: &ui)
        _ = keys([.char(":"), .char("q"), .enter], state: running, ui: &ui)
        #expect(ui.quit, "after the warning, :q quits")
        var fresh = UIState()
        _ = keys([.char(":"), .char("q"), .enter], state: running, ui: &fresh)
        #expect(!fresh.quit, ":q warns first too")
        var asking = state
        asking.export = .confirmingReplace(path: "/tmp/x.ndjson")
        var other = UIState()
        #expect(keys([.char("y")], state: asking, ui: &other) == [.action(.confirmExportReplace)])
        #expect(keys([.char("j")], state: asking, ui: &other) == [.action(.cancelExport)])
    }

    @Test func pastedUUIDOpensTheCall() {
        var ui = UIState()
        _ = keys([.char("u")], ui: &ui)
        let pasted = "  c0ffee07-1ba2-4103-a905-9a0ecc6b5007\n"
        for character in pasted where character != "\n" { _ = keys([.char(character)], ui: &ui) }
        #expect(keys([.enter], ui: &ui) == [.action(.open(id: "c0ffee07-1ba2-4103-a905-9a0ecc6b5007"))])
    }

    @Test func findAndCommands() {
        var ui = UIState()
        _ = keys([.char("/")] + "小明".map { .char($0) }, ui: &ui)
        #expect(keys([.enter], ui: &ui) == [.action(.find("小明", forward: true))])
        #expect(keys([.char("n"), .char("N")], ui: &ui) == [.action(.nextMatch), .action(.previousMatch)])
        _ = keys([.char(":")] + "set status failed".map { .char($0) }, ui: &ui)
        #expect(keys([.enter], ui: &ui) == [.action(.edit(.status, "failed")), .action(.applyFilter)])
        _ = keys([.char(":")] + "bogus".map { .char($0) }, ui: &ui)
        _ = keys([.enter], ui: &ui)
        #expect(ui.message?.contains("unknown command") == true)
        _ = keys([.char(":"), .char("q"), .enter], ui: &ui)
        #expect(ui.quit)
    }

    @Test func controlsNeverEnterThePrompt() {
        var ui = UIState()
        _ = keys([.char("u"), .char("\u{1B}"), .char("\u{9B}"), .char("a")], ui: &ui)
        #expect(ui.promptText == "a")
        _ = keys([.escape], ui: &ui)
        #expect(ui.prompt == nil)
    }

    @Test func sidebarEditsAndClears() {
        var filters = state
        filters.focus = .filters
        var ui = UIState()
        #expect(keys([.char("j")], state: filters, ui: &ui).isEmpty)
        #expect(ui.sidebarField == .until)
        _ = keys([.enter], state: filters, ui: &ui)
        #expect(ui.prompt == .editField(.until))
        #expect(ui.promptText == filters.draft.until)
        _ = keys([.ctrl("u")] + "2h".map { .char($0) }, state: filters, ui: &ui)
        #expect(keys([.enter], state: filters, ui: &ui) == [.action(.edit(.until, "2h")), .action(.applyFilter)])
        #expect(keys([.char("x")], state: filters, ui: &ui) == [.action(.clear(.until)), .action(.applyFilter)])
    }

    @Test func copyUsesOSC52WrappedForTmux() {
        var ui = UIState()
        let outcome = keys([.char("y")], ui: &ui)
        guard case .copy(let id, _)? = outcome.first else { Issue.record("no copy"); return }
        #expect(id == state.selectedCall?.id)
        let plain = String(decoding: Clipboard.osc52("abc", insideTmux: false) ?? [], as: UTF8.self)
        #expect(plain == "\u{1B}]52;c;YWJj\u{07}")
        let tmux = String(decoding: Clipboard.osc52("abc", insideTmux: true) ?? [], as: UTF8.self)
        #expect(tmux == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;YWJj\u{07}\u{1B}\\")
        #expect(Clipboard.osc52("evil\u{1B}]52", insideTmux: false) == nil)
    }

    /// At 80×24 the help does not fit on one screen: Space turns its pages, round, and between
    /// them every key and every `:` command is shown.
    @Test func helpTurnsItsPagesOnASmallTerminal() {
        var ui = UIState()
        var lookedAt = ""
        #expect(InputController.handle(.char("?"), state: state, ui: &ui).isEmpty && ui.showHelp)
        let first = ScreenFixture.render(state, ui: ui, rows: 24, columns: 80).text
        #expect(first.contains("page 1 of "), "\(first)")
        var pages = 0
        repeat {
            lookedAt += ScreenFixture.render(state, ui: ui, rows: 24, columns: 80).text
            _ = InputController.handle(.char(" "), state: state, ui: &ui)
            pages += 1
        } while ScreenFixture.render(state, ui: ui, rows: 24, columns: 80).text != first && pages < 20
        #expect(pages > 1 && pages < 20, "Space comes back round to the first page")
        // Each key and command on a line of its own, its description whole (one column at 80).
        let lines = lookedAt.split(separator: "\n").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: " │")) }
        for binding in KeyMap.bindings {
            #expect(lines.contains { $0.hasPrefix(binding.names + " ") && $0.hasSuffix(binding.help) }, "\(binding.names): \(binding.help)")
        }
        for command in KeyMap.commands {
            #expect(lines.contains { $0.hasPrefix(":" + command.name + " ") && $0.hasSuffix(command.help) }, "\(command.name): \(command.help)")
        }
        _ = InputController.handle(.char("k"), state: state, ui: &ui)
        #expect(ScreenFixture.render(state, ui: ui, rows: 24, columns: 80).text.contains("page \(pages) of \(pages)"), "back goes round too")
        _ = InputController.handle(.escape, state: state, ui: &ui)
        #expect(!ui.showHelp && ui.helpPage == 0)
        ui.helpPage = 3
        _ = InputController.handle(.char("?"), state: state, ui: &ui)
        #expect(ui.showHelp && ui.helpPage == 0, "help opens on its first page")
    }

    /// `:set` and `:clear` take the fields by the `=` line's keys and by the flags' names.
    @Test func commandFieldNamesAreTheFilterLinesKeys() {
        for (key, field) in FilterLine.keys { #expect(InputController.field(named: key) == field, "\(key)") }
        #expect(InputController.field(named: "hangup-cause") == .hangupCause)
        #expect(InputController.field(named: "min-duration") == .minDuration)
        #expect(InputController.field(named: "Status") == .status)
        #expect(InputController.field(named: "colour") == nil)
    }

    @Test func helpIsGeneratedFromTheKeyMap() {
        var ui = UIState()
        ui.showHelp = true
        let grid = ScreenFixture.render(state, ui: ui, rows: 40, columns: 120)
        for binding in KeyMap.bindings where binding.context == .everywhere {
            #expect(grid.text.contains(binding.help), "\(binding.help)")
        }
        // Every command has a plain key, none only a function key.
        for command in Set(KeyMap.bindings.map(\.command)) {
            let keys = KeyMap.bindings.filter { $0.command == command }.flatMap(\.keys)
            #expect(keys.contains { if case .char = $0 { return true }; if case .ctrl = $0 { return true }; return $0 == .tab || $0 == .enter || $0 == .escape || $0 == .backTab })
        }
    }
}
