import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

/// Groups that answer: rates and talk per group, sorted by any of them, small ones hidden on request.
@Suite("The group view answers with rates")
struct GroupViewTests {
    /// Calls to five numbers with different no-answer rates (`to` number, how many, how many unanswered).
    func state() -> BrowserState {
        var state = ViewSnapshotTests.withStatistics(ScreenFixture.state(height: 30), groupBy: .to)
        var statistics = StatisticsState(generation: state.generation, range: state.applied.since...state.applied.until, groupBy: .to, zone: state.zone)
        var index = 0
        for (number, calls, unanswered) in [("+15550100", 40, 2), ("+15550200", 20, 10), ("+15550300", 12, 9), ("+15550400", 5, 5), ("+15550500", 30, 0)] {
            for n in 0..<calls {
                var call = ScreenFixture.call(index)
                index += 1
                call.to = number
                call.direction = .outbound
                call.status = n < unanswered ? .noAnswer : .answered
                call.durationSeconds = n < unanswered ? 0 : 60
                statistics.figures.add(call)
                statistics.groups?.add(call)
            }
        }
        statistics.complete = true
        state.statistics = statistics
        return state
    }

    @Test func sortedByTheNoAnswerRate() {
        var state = state()
        var ui = UIState()
        // o cycles the order: calls, failed %, no-answer %.
        for _ in 0..<2 {
            let outcome = InputController.handle(.char("o"), state: state, ui: &ui)
            guard case .action(let kind)? = outcome.first else { Issue.record("o does nothing"); return }
            _ = BrowserReducer.reduce(&state, .intent(kind), now: ScreenFixture.anchor)
        }
        #expect(state.groupSort == .noAnswer)
        #expect(state.groupRows.map(\.key) == ["+15550400", "+15550300", "+15550200", "+15550100", "+15550500"])
        let grid = ScreenFixture.render(state, ui: ui, rows: 24, columns: 120)
        Snapshot.assert(grid, named: "groups-by-no-answer-120x24")
        #expect(grid.text.contains("by no-answer %") && grid.text.contains("NO-ANS") && grid.text.contains("100.0 %") && grid.text.contains("75.0 %"))
        // m leaves out groups under ten calls; Enter narrows by the order shown.
        _ = BrowserReducer.reduce(&state, .toggleSmallGroups, now: ScreenFixture.anchor)
        #expect(state.groupRows.map(\.key) == ["+15550300", "+15550200", "+15550100", "+15550500"])
        #expect(InputController.handle(.enter, state: state, ui: &ui) == [.action(.narrowToGroup("+15550300"))])
    }

    @Test func theCountryIsTheFarEnds() {
        var outbound = ScreenFixture.call(1)
        outbound.direction = .outbound
        outbound.from = "+15550100100"
        outbound.to = "+919876543210"
        var inbound = outbound
        inbound.direction = .inbound
        inbound.from = "+442079460123"
        inbound.to = "+15550100100"
        let zone = ZoneClock(identifier: "UTC")!
        #expect(GroupField.country.key(of: outbound, zone: zone).contains("+91"))
        #expect(GroupField.country.key(of: inbound, zone: zone).contains("+44"), "an inbound call counts under its caller's country")
    }
}
