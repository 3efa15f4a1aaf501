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
        #expect(error.contains("'colour:red' names no field") && error.contains("min: must be a whole number"), "\(error)")
        #expect(!error.contains("minDuration"), "fields are named as the user types them: \(error)")
        #expect(error.contains("kept min:") && error.contains("the filter is since:\"yesterday 12:00\""), "says what the filter now is: \(error)")
    }

    /// `=status:failed to:8000`, then `=status:busy`: busy alone, `to` is no longer applied.
    @Test func theLineReplacesTheFilter() {
        var h = Harness(paging: .numberedPages(size: 100))
        h.send(.applyFilterLine("status:failed to:8000 since:3d"))
        #expect(h.state.applied.status == .failed && h.state.applied.to == "8000")
        let threeDaysAgo = h.state.applied.since
        h.send(.applyFilterLine("status:busy"))
        #expect(h.state.applied.status == .busy)
        #expect(h.state.applied.to == nil && h.state.draft.to == "", "a field left off the line is cleared")
        #expect(h.state.applied.since == h.now.addingTimeInterval(-7 * 86_400), "the range goes back to the default")
        #expect(h.state.applied.since != threeDaysAgo)
        #expect(FilterLine.describe(h.state.draft, against: h.state.defaults) == "status:busy", "the line opens as the filter is")
    }

    /// The profile's defaults are what a line leaves out and what `:reset` goes back to.
    @Test func resetGoesBackToTheProfilesDefaults() {
        var h = Harness(paging: .numberedPages(size: 100))
        h.state.defaults = FilterDraft.defaults(since: "24h", until: nil)
        h.send(.applyFilterLine("status:failed to:8000 trunk:TR1 min:30 2026-01-10"))
        #expect(h.state.applied.status == .failed && h.state.applied.minDuration == 30)
        h.send(.resetFilter)
        #expect(h.state.draft == h.state.defaults)
        #expect(h.state.applied.status == nil && h.state.applied.to == nil && h.state.applied.trunk == nil && h.state.applied.minDuration == nil)
        #expect(h.state.applied.since == h.now.addingTimeInterval(-86_400) && h.state.applied.untilIsNow)
        #expect(h.state.status.notice?.contains("since 24h") == true)
        h.send(.applyFilterLine("busy"))
        #expect(h.state.applied.since == h.now.addingTimeInterval(-86_400), "a line without a range takes the profile's")
    }

    /// A span, a date, a month and ticket times typed alone are times, never a search.
    @Test func timesTypedAloneAreTimes() {
        for span in ["45m", "6h", "7d", "1h", "2w"] {
            let parsed = FilterLine.parse(span)
            #expect(parsed.terms == [FilterLine.Term(field: .since, value: span)], "\(span)")
        }
        #expect(FilterLine.parse("2026-11-21").terms.map(\.value) == ["2026-11-21", "2026-11-21"])
        #expect(FilterLine.parse("2026-11-21 09:30 busy").terms.map(\.value) == ["2026-11-21 09:30", "busy"])
        #expect(FilterLine.parse("2026-11-21 12-18").terms.map(\.value) == ["2026-11-21 12:00", "2026-11-21 18:00"])
        #expect(FilterLine.parse("yesterday 14:00").terms == [FilterLine.Term(field: .since, value: "yesterday 14:00")])
        #expect(FilterLine.parse("today").terms.map(\.field) == [.since, .until])
        #expect(FilterLine.parse("2026-11").terms.map(\.value) == ["2026-11-01", "2026-11-30"])
        // Numbers stay searches.
        #expect(FilterLine.parse("5550100").terms == [FilterLine.Term(field: .search, value: "5550100")])
        #expect(FilterLine.parse("h1").terms == [FilterLine.Term(field: .search, value: "h1")])

        var h = Harness(paging: .numberedPages(size: 100))
        h.send(.applyFilterLine("1h"))
        #expect(h.state.applied.search == nil)
        #expect(h.state.applied.since == h.now.addingTimeInterval(-3600) && h.state.applied.untilIsNow)
    }
}
