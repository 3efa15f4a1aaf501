import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

/// What `Y` copies for a ticket, for both providers, as snapshots (Snapshots/evidence-*), and
/// the menu itself: a key each, an overlay with a border.
@Suite("Copying evidence")
struct EvidenceTests {
    /// The fixture's list as one provider has it, the third call open, the statistics read, the
    /// group view by cause open.
    func state(_ provider: ProviderID) -> BrowserState {
        var state = ScreenFixture.state(height: 12)
        if provider == .vobiz {
            state.providerID = .vobiz
            state.scope = .account("MA_7d2e91a0")
            state.sourceArguments = ["--profile", "acme"]
        } else {
            state.sourceArguments = ["--demo", "--provider", "voxo"]
        }
        var call = ScreenFixture.call(3, provider: provider)
        if provider == .vobiz {
            call.account = "MA_7d2e91a0"
            call.cost = "0.0450"
            call.currency = "INR"
            call.ringSeconds = 12
            call.hangupInitiator = "callee"
            call.trunk = "TR_88"
        }
        state.detail = .loaded(call)
        state.groupField = .cause
        var statistics = StatisticsState(generation: state.generation, range: state.applied.since...state.applied.until, groupBy: .cause, zone: state.zone)
        for index in 0..<60 {
            statistics.figures.add(ScreenFixture.call(index, provider: provider))
            statistics.groups?.add(ScreenFixture.call(index, provider: provider))
        }
        statistics.complete = true
        state.statistics = statistics
        return state
    }

    @Test(arguments: [ProviderID.voxo, .vobiz])
    func eachCopiedTextAsATicketReadsIt(_ provider: ProviderID) throws {
        let state = state(provider)
        let name = provider.rawValue
        Snapshot.assert(text: try #require(Evidence.call(state, markdown: true)), named: "evidence-call-\(name).md")
        Snapshot.assert(text: try #require(Evidence.call(state, markdown: false)), named: "evidence-call-\(name).txt")
        Snapshot.assert(text: try #require(Evidence.statistics(state)), named: "evidence-statistics-\(name).md")
        Snapshot.assert(text: try #require(Evidence.groups(state)), named: "evidence-groups-\(name).md")
        Snapshot.assert(text: try #require(Evidence.rows(state)), named: "evidence-rows-\(name).md")
        Snapshot.assert(text: Evidence.commandLine(state), named: "evidence-filter-\(name).txt")
    }

    @Test func theCallCarriesTheDetailPanesWordsAndNoMarkupFromData() throws {
        var state = state(.vobiz)
        let markdown = try #require(Evidence.call(state, markdown: true))
        #expect(markdown.contains("| SIP code | `404 not found: number does not exist"), "\(markdown)")
        #expect(markdown.contains("| ring | `0:12 (12 s)` |") && markdown.contains("| trunk | `TR_88` |"), "\(markdown)")
        #expect(markdown.contains("| hangup cause | `UNALLOCATED_NUMBER: number does not exist (Q.850 1)` |"))
        #expect(markdown.contains("| hung up by | `callee` |"))
        #expect(markdown.contains("Etc/UTC") || markdown.contains("America/New_York"), "times name their zone")
        // A name with a pipe, backticks and a link stays one cell of code.
        var call = ScreenFixture.call(1, provider: .voxo)
        call.callerName = "Eve | [click](http://x) ``x``"
        state.detail = .loaded(call)
        let hostile = try #require(Evidence.call(state, markdown: true))
        #expect(hostile.contains("| caller name | ``` Eve \\| [click](http://x) ``x`` ``` |"), "\(hostile)")
        #expect(!hostile.unicodeScalars.contains { $0.value == 0x1B }, "no escape reaches the clipboard")
    }

    @Test func theMenuIsAnOverlayWithABorderAndAKeyEach() throws {
        let state = state(.vobiz)
        var ui = UIState()
        #expect(InputController.handle(.char("Y"), state: state, ui: &ui).isEmpty && ui.copyMenu)
        let grid = ScreenFixture.render(state, ui: ui, rows: 24, columns: 80)
        #expect(grid.text.contains("┌") && grid.text.contains("┘"), "\(grid.text)")
        for key in ["c  the call, as Markdown", "C  the call, as plain text", "s  the statistics", "g  the group view", "l  the rows on screen", "f  the filter"] {
            #expect(grid.text.contains(key), "\(key)")
        }
        let outcome = InputController.handle(.char("f"), state: state, ui: &ui)
        guard case .copy(let text, let what)? = outcome.first else { Issue.record("no copy"); return }
        #expect(text.hasPrefix("callscope list --profile acme --account MA_7d2e91a0 --tz America/New_York --since ") && what == "the filter as a command")
        #expect(!ui.copyMenu, "a choice closes the menu")
        ui.copyMenu = true
        _ = InputController.handle(.escape, state: state, ui: &ui)
        #expect(!ui.copyMenu)
    }
}
