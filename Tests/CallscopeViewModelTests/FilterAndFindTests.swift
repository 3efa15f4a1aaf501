import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

@Suite("Filters and find")
struct FilterAndFindTests {
    @Test func invalidInputBecomesFieldErrorsNotRequests() {
        var h = Harness(paging: .vobiz)
        h.send(.edit(.minDuration, "abc"))
        h.send(.edit(.since, "2026-03-20"))
        h.send(.edit(.until, "2026-03-01"))
        let effects = h.send(.applyFilter)
        #expect(effects.isEmpty)
        #expect(h.state.fieldErrors[.minDuration]?.contains("whole number") == true)
        #expect(h.state.fieldErrors[.until]?.contains("not after") == true)
        #expect(h.state.generation == 0)
        #expect(h.state.status.lastError != nil)
        // Editing a field clears its error; clearing restores the default.
        h.send(.edit(.minDuration, "10"))
        #expect(h.state.fieldErrors[.minDuration] == nil)
        h.send(.clear(.until))
        #expect(h.state.draft.until == "now")
        let applied = h.send(.applyFilter)
        #expect(applied.contains(.cancelGeneration(0)))
        #expect(h.state.applied.minDuration == 10)
    }

    @Test func unknownZoneAndWordsAreFieldErrors() {
        var draft = FilterDraft()
        draft.since = "2026-03-01 10:00"
        draft.zone = "Mars/Olympus_Mons"
        draft.direction = "sideways"
        guard case .failure(let errors) = draft.validate(zone: Harness.zone, now: Date()) else { Issue.record("expected errors"); return }
        #expect(errors.byField[.zone]?.contains("unknown time zone") == true)
        #expect(errors.byField[.direction] != nil)
        #expect(errors.first?.field == .zone)
        // A known zone changes how times are read, and the display zone once applied.
        var h = Harness(paging: .vobiz)
        h.send(.edit(.zone, "Asia/Kolkata"))
        h.send(.edit(.since, "2026-03-20"))
        h.send(.applyFilter)
        #expect(h.state.zone.identifier == "Asia/Kolkata")
        #expect(ISO8601.format(h.state.applied.since) == "2026-03-19T18:30:00Z")
    }

    @Test func serverOrClientPerField() {
        let voxo = Harness(paging: .voxo, serverSide: [.timeRange]).state
        #expect(voxo.isServerSide(.since) && voxo.isServerSide(.until))
        #expect(!voxo.isServerSide(.from) && !voxo.isServerSide(.search) && !voxo.isServerSide(.status))
        #expect(!voxo.isServerSide(.zone))
    }

    @Test func oneErrandAtATimeAndMovingEndsIt() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        let answer: (SegmentRequest) -> Segment = { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: 1_000)
        }
        h.answerNext(answer)
        // A find waits for page 4; G replaces it rather than running beside it.
        h.send(.find("2000350", forward: true))
        guard case .finding(forward: true, let resumeRow) = h.state.activity else { Issue.record("not finding: \(h.state.activity)"); return }
        #expect(resumeRow > 0)
        h.send(.bottom)
        #expect(h.state.activity == .seekingEnd)
        // Moving by hand ends the errand: the answers that come later pull nothing.
        h.send(.top)
        #expect(h.state.activity == .browsing)
        h.answerAll(answer)
        #expect(h.state.selection == 0)
        // Rows dropped above a waiting find move its place with them.
        var activity = ListActivity.finding(forward: false, resumeRow: 5)
        activity.rowsRemoved(above: 8)
        #expect(activity == .finding(forward: false, resumeRow: 0))
    }

    @Test func findMovesAcrossPagesLoadingWhereNeeded() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        let total = 1_000
        let answer: (SegmentRequest) -> Segment = { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        h.answerAll(answer)
        // "2000350" is only in call 350's number: page 4, not loaded yet.
        let effects = h.send(.find("2000350", forward: true))
        #expect(h.state.activity.isFinding || h.state.selectedCall?.id == "call-350")
        #expect(!effects.isEmpty || h.state.selectedCall?.id == "call-350")
        h.answerAll(answer)
        #expect(h.state.selectedCall?.id == "call-350")
        #expect(!h.state.activity.isFinding)
        // n finds the next one (none): a notice, the selection stays.
        h.send(.nextMatch)
        h.answerAll(answer)
        #expect(h.state.selectedCall?.id == "call-350")
        #expect(h.state.status.notice?.contains("no further match") == true)
        // Names: 王小明 is on every seventh call; N goes back to the previous one.
        h.send(.find("王小明", forward: true))
        #expect(h.state.selectedCall?.id == "call-350")
        h.send(.nextMatch)
        h.answerAll(answer)
        #expect(h.state.selectedCall?.id == "call-357")
        h.send(.previousMatch)
        #expect(h.state.selectedCall?.id == "call-350")
        h.send(.previousMatch)
        #expect(h.state.selectedCall?.id == "call-343")
        #expect(h.state.visibleRows().contains { if case .call(let row) = $0 { return row.matchesFind } else { return false } })
    }
}
