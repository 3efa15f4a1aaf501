import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

@Suite("Lazy paged list: numbered pages")
struct NumberedListTests {
    let total = 10_000

    func loadedHarness() -> Harness {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        return h
    }

    @Test func firstScreenThenExactCount() {
        var h = Harness(paging: .vobiz)
        let effects = h.send(.resize(height: 20))
        #expect(effects.count == 1, "one page before the count is known")
        #expect(h.state.count == .loading)
        h.answerNext { _ in FakeHistory.page(1, total: total) }
        #expect(h.state.count == .exact(total))
        #expect(!h.visibleHasPlaceholder)
        if case .call(let first)? = h.state.visibleRows().first { #expect(first.id == "call-0") } else { Issue.record("no first row") }
    }

    @Test func steadyScrollingWithLatencyNeverShowsAnUnloadedRow() {
        // Keys at 30 per second, answers 200 ms after they are asked for.
        var h = Harness(paging: .vobiz)
        var due: [(at: Int, effect: BrowserEffect)] = []
        var clock = 0  // milliseconds
        func schedule(_ effects: [BrowserEffect]) {
            for effect in effects { if case .fetchSegment = effect { due.append((clock + 200, effect)) } }
        }
        schedule(h.send(.resize(height: 20)))
        var sawPlaceholderAfterFirstPage = 0
        var firstPageShown = false
        for _ in 0..<3_000 {
            clock += 33
            let ready = due.filter { $0.at <= clock }
            due.removeAll { $0.at <= clock }
            for (_, effect) in ready {
                guard case .fetchSegment(let g, let id, .page(let n), _) = effect else { continue }
                h.pending.removeAll { $0 == effect }
                schedule(h.send(.segmentLoaded(generation: g, index: id, FakeHistory.page(n, total: total))))
            }
            if !h.visibleHasPlaceholder { firstPageShown = true } else if firstPageShown { sawPlaceholderAfterFirstPage += 1 }
            schedule(h.send(.moveBy(1)))
        }
        // The first six keys came before the first page (200 ms): nothing to move over yet.
        #expect(h.state.selection == 3_000 - 6)
        #expect(sawPlaceholderAfterFirstPage == 0)
    }

    @Test func noPageIsFetchedTwice() {
        var h = loadedHarness()
        // In flight: moving about asks for nothing again.
        for _ in 0..<30 { h.send(.moveBy(1)); h.send(.moveBy(-1)); h.send(.pageDown) }
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        // Held: scrolling down and back up within what is held asks for nothing again.
        for _ in 0..<20 { h.send(.pageDown) }
        for _ in 0..<20 { h.send(.pageUp) }
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        let requests = h.segmentFetches.map(\.request)
        #expect(requests.count == Set(requests).count, "\(requests)")
    }

    @Test func evictionKeepsAtMostTheConfiguredPages() {
        var h = Harness(paging: .vobiz, maximumLoadedSegments: 5)
        h.send(.resize(height: 20))
        for _ in 0..<400 {
            h.answerAll { request in
                guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
                return FakeHistory.page(n, total: total)
            }
            #expect(h.state.list.loadedSegmentCount <= 5)
            h.send(.pageDown)
        }
        #expect(h.state.selection >= 7_000)
        // Moving only forward, every page was asked for exactly once.
        let requests = h.segmentFetches.map(\.request)
        #expect(requests.count == Set(requests).count)
    }

    @Test func evictedPagesMergeBackIntoRunsSoTheSegmentCountStaysSmall() {
        var h = Harness(paging: .vobiz, maximumLoadedSegments: 5)
        h.send(.resize(height: 20))
        let answer: (SegmentRequest) -> Segment = { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        var most = 0
        for _ in 0..<400 {
            h.answerAll(answer)
            most = max(most, h.state.list.segments.count)
            h.send(.pageDown)
        }
        #expect(h.state.selection >= 7_000)
        #expect(most <= 12, "segments grew to \(most) over 80 pages read")
        #expect(h.state.list.rowCount == total, "merging moved no row")
        // Any page read and dropped comes back with its own calls in its own place.
        for row in [0, 1_234, 5_050, 6_999] {
            h.send(.moveBy(row - h.state.selection))
            h.answerAll(answer)
            guard case .call(let call)? = h.state.list.row(row) else {
                Issue.record("row \(row) not loaded")
                continue
            }
            #expect(call.id == "call-\(row)")
        }
    }

    @Test func scrollingBackRefetchesAnEvictedPageOnce() {
        var h = Harness(paging: .vobiz, maximumLoadedSegments: 4)
        h.send(.resize(height: 20))
        let answer: (SegmentRequest) -> Segment = { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: 10_000)
        }
        for _ in 0..<60 { h.answerAll(answer); h.send(.pageDown) }
        h.answerAll(answer)
        let before = h.segmentFetches.filter { $0.request == .page(1) }.count
        h.send(.top)
        h.answerAll(answer)
        #expect(h.segmentFetches.filter { $0.request == .page(1) }.count == before + 1)
        #expect(!h.visibleHasPlaceholder)
        if case .call(let first)? = h.state.visibleRows().first { #expect(first.id == "call-0") }
    }

    @Test func jumpToTheEndFetchesOnePage() {
        var h = loadedHarness()
        let before = h.segmentFetches.count
        let effects = h.send(.bottom)
        #expect(effects.count == 1)
        #expect(h.segmentFetches.count == before + 1)
        #expect(h.segmentFetches.last?.request == .page(100))
        #expect(h.state.selection == total - 1)
        h.answerAll { _ in FakeHistory.page(100, total: total) }
        if case .call(let last)? = h.state.visibleRows().last { #expect(last.id == "call-9999") } else { Issue.record("no last row") }
        // A typed position fetches only its page too.
        let jump = h.send(.jump(toRow: 5_555))
        #expect(jump.count == 1)
        #expect(h.segmentFetches.last?.request == .page(56))
    }

    @Test func newFilterCancelsAndDropsLateAnswers() {
        // Direction on the server, as Vobiz has it: the server's total is the count.
        var h = Harness(paging: .vobiz, serverSide: [.timeRange, .direction])
        h.send(.resize(height: 20))
        guard case .fetchSegment(let oldGeneration, let oldID, _, _)? = h.pending.first else { Issue.record("no fetch"); return }
        h.send(.edit(.direction, "inbound"))
        let effects = h.send(.applyFilter)
        #expect(effects.first == .cancelGeneration(oldGeneration))
        #expect(h.state.generation == oldGeneration + 1)
        #expect(h.state.applied.direction == .inbound)
        // The old generation's answer arrives late: it is dropped.
        h.send(.segmentLoaded(generation: oldGeneration, index: oldID, FakeHistory.page(1, total: total)))
        #expect(h.state.list.loadedCalls.isEmpty)
        #expect(h.state.count == .loading)
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: 3_333)
        }
        #expect(h.state.count == .exact(3_333))
    }

    @Test func shiftedPagesAreDeduplicated() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerNext { _ in FakeHistory.page(1, total: total) }
        // Three new calls arrived on the server before page 2 was read: every later page now
        // starts three rows earlier, so page 2 repeats calls 97–99 of page 1.
        h.send(.jump(toRow: 250))
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total + 3, shift: 3)
        }
        let numbers = h.state.list.loadedCalls.map { Int($0.id.dropFirst(5)) ?? -1 }
        #expect(numbers.count == Set(numbers).count, "no call twice")
        #expect(numbers == Array(0..<numbers.count), "no call lost or out of order")
        #expect(numbers.count >= 300)
    }

    @Test func findGoesBackAcrossEvictedPages() {
        var h = Harness(paging: .vobiz, maximumLoadedSegments: 3)
        let answer: (SegmentRequest) -> Segment = { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: 10_000)
        }
        h.send(.resize(height: 20))
        for _ in 0..<40 { h.answerAll(answer); h.send(.pageDown) }
        h.answerAll(answer)
        #expect(h.state.list.segments[0].calls == nil, "page 1 was evicted")
        // Call 5's number, looking backwards from row ~800.
        h.send(.find("1000005", forward: false))
        h.answerAll(answer)
        #expect(h.state.selectedCall?.id == "call-5")
    }

    @Test func aFailedPageShowsThenRetries() {
        var h = loadedHarness()
        h.send(.jump(toRow: 450))
        guard case .fetchSegment(let g, let id, _, _)? = h.pending.first else { Issue.record("no fetch"); return }
        h.pending.removeAll()
        let loadedBefore = h.state.list.loadedCalls.count
        h.send(.segmentFailed(generation: g, index: id, message: "Vobiz failed to list calls with HTTP 500 3 times"))
        #expect(h.state.status.lastError?.contains("500") == true)
        #expect(h.state.visibleRows().contains { if case .failed = $0 { return true } else { return false } })
        #expect(loadedBefore > 0)
        #expect(h.state.list.loadedCalls.count == loadedBefore, "what was loaded stays")
        let retry = h.send(.retry)
        #expect(retry.contains { if case .fetchSegment(_, id, .page(5), _) = $0 { return true } else { return false } })
        h.answerAll { _ in FakeHistory.page(5, total: total) }
        #expect(!h.visibleHasPlaceholder)
        #expect(h.state.status.lastError == nil)
    }
}

@Suite("Lazy paged list: enormous totals")
struct EnormousTotalTests {
    /// A provider that claims the largest total callscope accepts: the list lays out a
    /// billion rows as a few placeholder runs, and `G` fetches just the last page.
    @Test func aBillionRowsCostAFewSegmentsAndGFetchesTheLastPage() {
        let total = Plausible.maximumTotal
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerNext { _ in FakeHistory.page(1, total: total) }
        #expect(h.state.count == .exact(total))
        #expect(h.state.list.rowCount == total)
        #expect(h.state.list.segments.count < 10, "placeholder runs, not 10^7 segments")
        let effects = h.send(.bottom)
        let pages = effects.compactMap { effect -> Int? in
            if case .fetchSegment(_, _, .page(let n), _) = effect { return n }
            return nil
        }
        #expect(pages.contains(total / 100), "the last page is asked for")
        #expect(pages.allSatisfy { $0 >= total / 100 - 2 }, "and only pages near it: \(pages)")
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        #expect(h.state.selection == total - 1)
        #expect(!h.visibleHasPlaceholder)
        #expect(h.state.list.segments.count < 20)
        // Moving into the middle splits a run again, without moving any row.
        h.send(.jump(toRow: total / 2))
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        #expect(h.state.list.rowCount == total)
        if case .call(let row)? = h.state.list.row(total / 2) { #expect(row.id == "call-\(total / 2)") } else { Issue.record("row not loaded") }
    }
}

@Suite("Lazy paged list: a total that lies")
struct WrongTotalTests {
    /// Ten real pages (the last one short) under a claimed total of 10^9.
    static func answer(_ request: SegmentRequest) -> Segment {
        guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
        let rows = n < 10 ? 100 : (n == 10 ? 37 : 0)
        let calls = (0..<rows).map { FakeHistory.call((n - 1) * 100 + $0) }
        return Segment(calls: calls, reportedTotal: Plausible.maximumTotal, receivedCount: rows)
    }

    @Test func gFindsTheRealEndByHalves() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll(Self.answer)
        #expect(h.state.count == .exact(Plausible.maximumTotal))
        let before = h.segmentFetches.count
        h.send(.bottom)
        h.answerAll(Self.answer)
        let requests = h.segmentFetches.count - before
        #expect(requests < 40, "by halves, not page by page: \(requests) requests")
        #expect(h.state.count == .exact(937))
        #expect(h.state.selection == 936)
        #expect(h.state.selectedCall?.id == "call-936")
        let uncertain = h.state.list.endIsUncertain
        #expect(!uncertain)
    }
}

@Suite("Lazy paged list: a total that lies, in a race")
struct WrongTotalRaceTests {
    /// `G` while page 2 is still on its way: whichever answer comes first, the end is found by
    /// halves, never page by page.
    @Test func gWithAPrefetchInFlightStillFindsTheEndByHalves() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerNext(WrongTotalTests.answer)  // page 1: the claim of 10^9
        h.send(.pageDown)
        h.send(.pageDown)
        h.send(.pageDown)
        h.send(.pageDown)  // page 2 asked for, not answered
        let before = h.segmentFetches.count
        h.send(.bottom)
        h.answerAll(WrongTotalTests.answer)  // oldest first: page 2 lands before the last page
        let requests = h.segmentFetches.count - before
        #expect(requests < 40, "\(requests) requests")
        #expect(h.state.count == .exact(937))
        #expect(h.state.selectedCall?.id == "call-936")
    }

    /// Pages already loaded narrow the search without a request, and never stall it.
    @Test func loadedPagesNarrowTheSearchWithoutStalling() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll(WrongTotalTests.answer)
        for _ in 0..<12 { h.send(.pageDown); h.answerAll(WrongTotalTests.answer) }  // pages 1–3 here
        h.send(.bottom)
        h.answerAll(WrongTotalTests.answer)
        let uncertain = h.state.list.endIsUncertain
        #expect(!uncertain)
        #expect(h.state.count == .exact(937))
        #expect(h.state.status.notice == nil)
    }

    @Test func completeStatisticsCorrectTheServersWholeDayTotal() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: 1_000)
        }
        #expect(h.state.count == .exact(1_000))
        // The statistics read every page and matched 940 (the rest started before 'since' on its first day).
        var statistics = StatisticsState(generation: h.state.generation, range: h.state.applied.since...h.state.applied.until, groupBy: nil, zone: Harness.zone)
        for index in 0..<940 { statistics.figures.add(FakeHistory.call(index)) }
        h.send(.statisticsRead(generation: h.state.generation, statistics))
        #expect(h.state.count == .exact(1_000), "not complete yet: the server's total")
        statistics.complete = true
        h.send(.statisticsRead(generation: h.state.generation, statistics))
        #expect(h.state.count == .exact(940))
        h.state.follow = true
        #expect(h.state.count == .exact(1_000), "following: new calls reach the list, not the figures")
    }
}
