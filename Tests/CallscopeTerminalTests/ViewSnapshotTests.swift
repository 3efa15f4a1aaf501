import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

@Suite("Every view on the in-memory screen")
struct ViewSnapshotTests {
    @Test(arguments: [(120, 40), (80, 24)])
    func list(columns: Int, rows: Int) {
        let state = ScreenFixture.state(height: Layout(rows: rows, columns: columns, focus: .list, detailOpen: false).listRows)
        let grid = ScreenFixture.render(state, rows: rows, columns: columns)
        Snapshot.assert(grid, named: "list-\(columns)x\(rows)")
        // Hostile names are shown escaped; nothing raw is in any cell.
        #expect(grid.text.contains("\\e]52"))
        #expect(!grid.text.unicodeScalars.contains { $0 != "\n" && SafeText.needsEscape($0) })
        // Every row's status column starts at the same cell, CJK and emoji or not.
        let header = grid.cells[0].map(\.text).joined()
        #expect(header.contains("STATUS"))
    }

    /// The fixture's 60 calls read as statistics (and grouped by `field`), as the store would.
    static func withStatistics(_ state: BrowserState, groupBy field: GroupField? = nil, complete: Bool = true) -> BrowserState {
        var state = state
        state.showStatistics = true
        state.groupField = field
        var statistics = StatisticsState(generation: state.generation, range: state.applied.since...state.applied.until, groupBy: field, zone: state.zone)
        for index in 0..<60 {
            statistics.figures.add(ScreenFixture.call(index))
            statistics.groups?.add(ScreenFixture.call(index))
        }
        statistics.complete = complete
        statistics.backTo = complete ? nil : state.applied.since.addingTimeInterval(86_400)
        state.statistics = statistics
        return state
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func statisticsStrip(columns: Int, rows: Int) {
        let layout = Layout(rows: rows, columns: columns, focus: .list, detailOpen: false, statisticsStrip: true)
        let state = Self.withStatistics(ScreenFixture.state(height: layout.listRows), complete: false)
        let grid = ScreenFixture.render(state, rows: rows, columns: columns)
        Snapshot.assert(grid, named: "statistics-\(columns)x\(rows)")
        #expect(grid.text.contains("calls 60"))
        #expect(grid.text.contains("ASR 20.0 %"))
        #expect(grid.text.contains("back to"), "incomplete figures say how far they got")
        #expect(grid.text.contains("TIME"), "the list is still there, under the strip")
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func groupView(columns: Int, rows: Int) {
        let state = Self.withStatistics(ScreenFixture.state(height: 30), groupBy: .cause)
        var ui = UIState()
        ui.groupSelection = 1
        let grid = ScreenFixture.render(state, ui: ui, rows: rows, columns: columns)
        Snapshot.assert(grid, named: "groups-\(columns)x\(rows)")
        #expect(grid.text.contains("Calls by cause"))
        #expect(grid.text.contains("NORMAL_CLEARING") && grid.text.contains("20.0 %"))
        // Enter narrows to the highlighted group: the second row.
        let outcome = InputController.handle(.enter, state: state, ui: &ui)
        #expect(outcome == [.action(.narrowToGroup(GroupView.groupRows(state)[1].key))])
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func detailOpen(columns: Int, rows: Int) {
        var state = ScreenFixture.state(height: 30)
        _ = BrowserReducer.reduce(&state, .moveBy(2), now: ScreenFixture.anchor)
        _ = BrowserReducer.reduce(&state, .openSelected, now: ScreenFixture.anchor)
        let grid = ScreenFixture.render(state, rows: rows, columns: columns)
        Snapshot.assert(grid, named: "detail-\(columns)x\(rows)")
        #expect(grid.text.contains("Outcome"))
        #expect(grid.text.contains("c0ffee02-1ba2-4103"))
        #expect(grid.text.contains("\\e[2J") || grid.text.contains("\\e]52"), "the hostile caller name, escaped")
    }

    @Test func detailExplainsCauseSIPAndMOS() {
        var state = ScreenFixture.state(height: 30)
        _ = BrowserReducer.reduce(&state, .moveBy(3), now: ScreenFixture.anchor)
        _ = BrowserReducer.reduce(&state, .openSelected, now: ScreenFixture.anchor)
        let grid = ScreenFixture.render(state, rows: 60, columns: 140)
        let flat = grid.text.replacingOccurrences(of: "\n", with: " ")
        #expect(grid.text.contains("UNALLOCATED_NUMBER: number does not"))
        #expect(flat.contains("(Q.850 1)"))
        #expect(grid.text.contains("404 not found: number does not"))
        #expect(grid.text.contains("packet loss"))
        #expect(grid.text.contains("over 1 %"))
    }

    @Test func filtersBeingEdited() {
        var state = ScreenFixture.state(height: 30)
        _ = BrowserReducer.reduce(&state, .focus(.filters), now: ScreenFixture.anchor)
        _ = BrowserReducer.reduce(&state, .edit(.minDuration, "abc"), now: ScreenFixture.anchor)
        _ = BrowserReducer.reduce(&state, .applyFilter, now: ScreenFixture.anchor)
        var ui = UIState()
        ui.sidebarField = .status
        ui.prompt = .editField(.status)
        ui.promptText = "fail"
        for (columns, rows) in [(120, 40), (80, 24)] {
            let grid = ScreenFixture.render(state, ui: ui, rows: rows, columns: columns)
            Snapshot.assert(grid, named: "filters-\(columns)x\(rows)")
            #expect(grid.text.contains("min talk s"))
            #expect(grid.text.contains("whole number"))
            #expect(grid.text.contains("status: fail"))
        }
    }

    @Test func help() {
        var ui = UIState()
        ui.showHelp = true
        for (columns, rows) in [(120, 40), (80, 24)] {
            let grid = ScreenFixture.render(ScreenFixture.state(height: 20), ui: ui, rows: rows, columns: columns)
            Snapshot.assert(grid, named: "help-\(columns)x\(rows)")
            #expect(grid.text.contains("copy the call"))
            #expect(grid.text.contains("quit"))
        }
    }

    @Test func asciiMode() {
        let grid = ScreenFixture.render(ScreenFixture.state(height: 21), rows: 24, columns: 110, glyphs: .ascii)
        Snapshot.assert(grid, named: "ascii-110x24")
        #expect(!grid.text.contains("│") && !grid.text.contains("…"))
        #expect(grid.text.contains("|"))
    }

    @Test func tooSmallThenRecovers() {
        let state = ScreenFixture.state(height: 20)
        let small = ScreenFixture.render(state, rows: 3, columns: 10)
        #expect(small.text.contains("too small") || small.text.contains("terminal"))
        let tiny = ScreenFixture.render(state, rows: 10, columns: 40)
        Snapshot.assert(tiny, named: "too-small-40x10")
        #expect(tiny.text.contains("terminal too small"))
        let back = ScreenFixture.render(state, rows: 24, columns: 80)
        #expect(back.text.contains("STATUS"))
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(rows: 1, columns: 10)
        grid.put("王小明🍕!", row: 0, column: 0)
        #expect(grid.cells[0][0].text == "王" && grid.cells[0][1].text == "")
        #expect(grid.cells[0][6].text == "🍕" && grid.cells[0][8].text == "!")
        // A wide character that would straddle the edge is left out.
        var narrow = CellGrid(rows: 1, columns: 5)
        narrow.put("ab王小", row: 0, column: 0)
        #expect(narrow.text == "ab王")
    }
}

@Suite("List columns fit the data")
struct ListColumnTests {
    @Test func anEmptyNameColumnGivesWayToTheCause() {
        #expect(ListView.columns(width: 120).map(\.title) == ["TIME", "DIR", "FROM", "TO", "NAME", "STATUS", "TALK", "CAUSE"])
        #expect(ListView.columns(width: 92, names: false, causes: true).map(\.title) == ["TIME", "DIR", "FROM", "TO", "CAUSE", "STATUS", "TALK"])
        #expect(ListView.columns(width: 92, names: true, causes: false).map(\.title) == ["TIME", "DIR", "FROM", "TO", "NAME", "STATUS", "TALK"])
    }
}
