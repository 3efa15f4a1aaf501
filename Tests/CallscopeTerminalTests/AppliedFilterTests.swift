import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

/// What is applied is on screen at every size, in the words it was typed in; the help and the
/// strip never cut a word.
@Suite("The applied filter, always visible")
struct AppliedFilterTests {
    func filtered() -> BrowserState {
        var state = ScreenFixture.state(height: 10)
        state.profile = "acme-support-team"
        var draft = FilterDraft()
        draft.status = "failed"
        draft.to = "5550100"
        draft.since = "yesterday 12:00"
        draft.until = "yesterday 18:00"
        state.appliedDraft = draft
        return state
    }

    @Test(arguments: [(60, 20), (80, 24), (100, 30), (120, 40)])
    func theStatusBarShowsTheFilterWhole(_ size: (columns: Int, rows: Int)) {
        let grid = ScreenFixture.render(filtered(), rows: size.rows, columns: size.columns)
        let status = grid.text.split(separator: "\n", omittingEmptySubsequences: false)[size.rows - 2]
        #expect(status.contains("failed · to 5550100 · yesterday 12:00–18:00"), "\(size): \(status)")
    }

    @Test func whatIsAtItsDefaultIsWhatGivesWay() {
        var state = filtered()
        state.appliedDraft.since = "7d"
        state.appliedDraft.until = "now"
        let wide = StatusViews.statusParts(state, ui: UIState(), columns: 200, glyphs: .unicode, asciiOnly: false)
        #expect(wide.last == "failed · to 5550100 · since 7d", "\(wide)")
        let narrow = StatusViews.statusParts(state, ui: UIState(), columns: 60, glyphs: .unicode, asciiOnly: false)
        #expect(narrow.last == "failed · to 5550100 …", "\(narrow)")
        #expect(narrow.first == "acme-support-team", "the connection gives way to its profile's name")
    }

    @Test func aFieldErrorUsesTheUsersWords() {
        var state = ScreenFixture.state(height: 10)
        state.draft.minDuration = "abc"
        _ = BrowserReducer.reduce(&state, .applyFilter, now: ScreenFixture.anchor)
        #expect(state.status.lastError?.hasPrefix("min: must be a whole number") == true, "\(state.status.lastError ?? "")")
    }

    @Test func aFirstPageThatFailedLeavesNoCountingBehind() {
        var state = BrowserState(providerID: .vobiz, paging: .numberedPages(size: 100), zone: ZoneClock(identifier: "UTC")!,
                                 filter: CallFilter(since: ScreenFixture.anchor.addingTimeInterval(-86_400), until: ScreenFixture.anchor), serverSideFields: [.timeRange])
        let effects = BrowserReducer.reduce(&state, .resize(height: 10), now: ScreenFixture.anchor)
        #expect(state.count == .loading)
        guard case .fetchSegment(let generation, let id, _, _)? = effects.first else { Issue.record("no fetch"); return }
        _ = BrowserReducer.reduce(&state, .segmentFailed(generation: generation, index: id, message: "Vobiz has no such customer (404)"), now: ScreenFixture.anchor)
        #expect(state.count == .unknown)
        #expect(!state.count.text(zone: state.zone).contains("counting"))
    }

    @Test(arguments: [(80, 24), (120, 40), (100, 30)])
    func theHelpCutsNoNameOrDescription(_ size: (columns: Int, rows: Int)) {
        var ui = UIState()
        ui.showHelp = true
        var text = ""
        for page in 0..<6 {
            ui.helpPage = page
            text += ScreenFixture.render(ScreenFixture.state(height: 10), ui: ui, rows: size.rows, columns: size.columns).text + "\n"
        }
        for binding in KeyMap.bindings { #expect(text.contains(binding.help), "\(size): \(binding.help)") }
        for command in KeyMap.commands { #expect(text.contains(":" + command.name) && text.contains(command.help), "\(size): \(command.help)") }
    }
}
