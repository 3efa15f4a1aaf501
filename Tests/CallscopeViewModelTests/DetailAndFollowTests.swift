import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

@Suite("Detail by UUID and follow mode")
struct DetailAndFollowTests {
    func voxoWithRows() -> Harness {
        var h = Harness(paging: .voxo)
        h.send(.resize(height: 20))
        h.answerAll { request in
            guard case .window(let s, let u) = request else { return Segment(calls: [], receivedCount: 0) }
            var segment = FakeHistory.window(since: s, until: u, count: 100)
            // Call 3 was transferred from call 4: the legs link.
            segment.calls = segment.calls.map { call in
                var c = call
                c.alternateId = "atl-ast2-\(Int(c.startTime?.timeIntervalSince1970 ?? 0)).\(c.id)"
                if c.id == "call-3" { c.previousLegId = "call-4" }
                if c.id == "call-4" { c.nextLegId = "call-3" }
                return c
            }
            return segment
        }
        return h
    }

    @Test func voxoDetailFromLoadedRowsNeedsNoRequest() {
        var h = voxoWithRows()
        h.send(.moveBy(2))
        let effects = h.send(.openSelected)
        #expect(effects.isEmpty)
        guard case .loaded(let call) = h.state.detail else { Issue.record("not loaded"); return }
        #expect(call.id == "call-2")
        #expect(h.state.focus == .detail)
        // By its uniqueId, pasted: found among the loaded rows too.
        let unique = call.alternateId ?? ""
        h.send(.closeDetail)
        #expect(h.send(.open(id: "  \(unique)\n")).isEmpty)
        #expect(h.state.detail.id == "call-2")
    }

    @Test func linkedLegsAreNavigable() {
        var h = voxoWithRows()
        h.send(.open(id: "call-3"))
        #expect(h.send(.openLinked(previous: true)).isEmpty)
        #expect(h.state.detail.id == "call-4")
        h.send(.openLinked(previous: true))
        #expect(h.state.status.notice == "this call has no earlier leg")
        h.send(.openLinked(previous: false))
        #expect(h.state.detail.id == "call-3")
    }

    @Test func unknownIdIsFetchedWithProgressAndCached() {
        var h = voxoWithRows()
        let effects = h.send(.open(id: "atl-ast2-1774000000.9"))
        #expect(effects == [.fetchDetail(id: "atl-ast2-1774000000.9", h.state.applied, summary: nil)])
        guard case .loading = h.state.detail else { Issue.record("not loading"); return }
        let back = Date(timeIntervalSince1970: 1_774_300_000)
        h.send(.detailProgress(requestedID: "atl-ast2-1774000000.9", scannedBackTo: back))
        guard case .loading(_, let scanned) = h.state.detail else { Issue.record("not loading"); return }
        #expect(scanned == back)
        // Scrolling goes on while it loads.
        h.send(.moveBy(3))
        #expect(h.state.selection == 3)
        var found = FakeHistory.call(500, provider: .voxo)
        found.id = "far-away"
        h.send(.detailLoaded(requestedID: "atl-ast2-1774000000.9", found))
        #expect(h.state.detail.id == "far-away")
        h.send(.closeDetail)
        #expect(h.send(.open(id: "atl-ast2-1774000000.9")).isEmpty, "cached")
        #expect(h.send(.open(id: "far-away")).isEmpty, "cached by its own id too")
    }

    @Test func aStaleOrFailedDetailIsHandled() {
        var h = voxoWithRows()
        h.send(.open(id: "first"))
        let second = h.send(.open(id: "second"))
        #expect(second.contains(.cancelDetail))
        h.send(.detailLoaded(requestedID: "first", FakeHistory.call(1)))
        #expect(h.state.detail.id == "second", "the late answer for the first is dropped")
        h.send(.detailFailed(requestedID: "second", message: "VOXO has no call 'second' between …: check the id, or widen the search with --since"))
        guard case .failed = h.state.detail else { Issue.record("not failed"); return }
        let retry = h.send(.retry)
        #expect(retry.contains(.fetchDetail(id: "second", h.state.applied, summary: nil)))
        #expect(h.send(.closeDetail) == [.cancelDetail])
    }

    @Test func vobizRowsWithACustomerAreReadInFull() throws {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll { _ in
            Segment(calls: (0..<100).map { FakeHistory.call($0, provider: .vobiz, account: "MA_1") }, reportedTotal: 100, receivedCount: 100)
        }
        let row = try #require(h.state.list.loadedCalls.first)
        #expect(h.send(.openSelected) == [.fetchDetail(id: "call-0", h.state.applied, summary: row)])
        // Without a customer the list row is all there is.
        var g = Harness(paging: .vobiz)
        g.send(.resize(height: 20))
        g.answerAll { _ in FakeHistory.page(1, total: 100) }
        #expect(g.send(.openSelected).isEmpty)
        #expect(g.state.detail.id == "call-0")
    }

    @Test func followAddsNewCallsOnTopWithoutMovingTheSelection() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll { _ in FakeHistory.page(1, total: 500) }
        h.send(.moveBy(5))
        let selected = h.state.selectedCall?.id
        #expect(selected == "call-5")
        let effects = h.send(.toggleFollow)
        #expect(effects.contains(.startFollowTimer(BrowserReducer.followInterval)))
        guard case .poll(let g, .page(1), let filter)? = effects.last else { Issue.record("no poll"); return }
        #expect(filter.until > h.now)
        var newer = (1...3).map { i -> Call in
            var c = FakeHistory.call(0)
            c.id = "new-\(i)"
            c.startTime = FakeHistory.anchor.addingTimeInterval(Double(i))
            return c
        }
        newer += FakeHistory.page(1, total: 503).calls.prefix(97)
        h.send(.polled(generation: g, Segment(calls: newer, reportedTotal: 503, receivedCount: 100)))
        #expect(h.state.selectedCall?.id == selected)
        #expect(h.state.selection == 8)
        #expect(h.state.scrollTop == 3, "the view did not move")
        #expect(h.state.status.notice == "3 new calls")
        #expect(h.state.list.loadedCalls.prefix(3).map(\.id).sorted() == ["new-1", "new-2", "new-3"])
        #expect(h.send(.toggleFollow) == [.stopFollowTimer])
        #expect(h.send(.followTick).isEmpty)
    }

    @Test func followAfterEvictionAddsOnlyNewerCalls() {
        var h = Harness(paging: .vobiz, maximumLoadedSegments: 3)
        let answer: (SegmentRequest) -> Segment = { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: 5_000)
        }
        h.send(.resize(height: 20))
        for _ in 0..<30 { h.answerAll(answer); h.send(.pageDown) }
        h.answerAll(answer)
        #expect(h.state.list.segments[0].calls == nil, "page 1 was evicted")
        let selected = h.state.selectedCall?.id
        guard case .poll(let g, _, _)? = h.send(.toggleFollow).last else { Issue.record("no poll"); return }
        var polled = FakeHistory.page(1, total: 5_001)
        var newest = FakeHistory.call(0)
        newest.id = "brand-new"
        newest.startTime = FakeHistory.anchor.addingTimeInterval(5)
        polled.calls = [newest] + polled.calls.prefix(99)
        h.send(.polled(generation: g, polled))
        #expect(h.state.status.notice == "1 new call")
        #expect(h.state.selectedCall?.id == selected)
        // Far from the view, the overlay goes at once: page 1 of the new total holds the call.
        #expect(h.state.list.segments.filter(\.followOverlay).isEmpty)
        #expect(h.state.list.rowCount == 5_001)
        // A second poll with the same calls adds nothing.
        h.send(.polled(generation: g, polled))
        #expect(h.state.list.rowCount == 5_001)
        #expect(h.state.selectedCall?.id == selected)
    }

    @Test func voxoFollowPollsFromTheNewestCallSeen() {
        var h = voxoWithRows()
        let effects = h.send(.toggleFollow)
        guard case .poll(_, .window(let since, let until), _)? = effects.last else { Issue.record("no window poll"); return }
        #expect(since == FakeHistory.call(0).startTime)
        #expect(until > h.now)
    }
}
