import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

@Suite("One-line filter")
struct FilterLineTests {
    @Test func termsQuotesAndBareWords() {
        let parsed = FilterLine.parse(#"status:failed to:5550100 since:"yesterday 12:00" until:'yesterday 18:00' cause:USER_BUSY min:30 acme stauts:x"#)
        #expect(parsed.terms.map(\.field) == [.status, .to, .since, .until, .hangupCause, .minDuration, .search])
        #expect(parsed.terms.map(\.value) == ["failed", "5550100", "yesterday 12:00", "yesterday 18:00", "USER_BUSY", "30", "acme"])
        #expect(parsed.unknown == ["stauts:x"])
        var draft = FilterDraft()
        draft.status = "failed"
        draft.since = "yesterday 12:00"
        #expect(FilterLine.describe(draft) == #"since:"yesterday 12:00" status:failed"#)
        #expect(FilterLine.parse(FilterLine.describe(draft)).terms.count == 2, "describe reads back")
    }

    @Test func bareWordsSayWhatTheyAre() {
        let ticket = FilterLine.parse("failed 5550100 yest 12-18 in")
        #expect(ticket.terms.map(\.field) == [.status, .since, .until, .direction, .search])
        #expect(ticket.terms.map(\.value) == ["failed", "yesterday 12:00", "yesterday 18:00", "in", "5550100"])
        let month = FilterLine.parse("2026-02 busy")
        #expect(month.terms.map(\.value) == ["2026-02-01", "2026-02-28", "busy"])
        #expect(FilterLine.parse("2024-02").terms.map(\.value) == ["2024-02-01", "2024-02-29"])
        #expect(FilterLine.parse("mon").terms.map(\.value) == ["monday", "monday"])
        #expect(FilterLine.parse("today 9-24").terms.map(\.value) == ["today 09:00", "today 23:59:59"])
    }

    @Test func appliesEveryGoodTermAndNamesTheBadOnes() {
        var h = Harness(paging: .numberedPages(size: 100))
        let effects = h.send(.applyFilterLine(#"status:failed to:5550100 since:"yesterday 12:00" until:"yesterday 18:00" min:abc colour:red"#))
        #expect(effects.contains { if case .fetchSegment = $0 { return true } else { return false } })
        #expect(h.state.applied.status == .failed && h.state.applied.to == "5550100")
        #expect(h.state.applied.minDuration == nil && h.state.draft.minDuration == "", "the bad term is left out")
        let day = h.state.zone.local(h.now.addingTimeInterval(-86_400))
        #expect(h.state.zone.local(h.state.applied.since).description == "\(day.dateString) 12:00:00")
        #expect(h.state.zone.local(h.state.applied.until).description == "\(day.dateString) 18:00:00")
        let error = h.state.status.lastError ?? ""
        #expect(error.contains("'colour:red' names no field") && error.contains("minDuration:") && error.hasSuffix("(the other terms applied)"), "\(error)")
    }
}
