import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

/// Follow mode stays bounded: one poll at a time, the range the user gave, and segments
/// that go like any other when memory is tight.
@Suite("Follow mode, bounded")
struct FollowBoundsTests {
    /// `count` calls newer than everything in FakeHistory, newest first.
    static func newer(_ count: Int, after offset: Int) -> [Call] {
        (0..<count).map { i in
            var call = FakeHistory.call(0)
            call.id = "new-\(offset + i)"
            call.startTime = FakeHistory.anchor.addingTimeInterval(Double(offset + count - i))
            return call
        }
    }

    @Test func atMostOnePollIsInFlight() {
        var h = Harness(paging: .vobiz)
        h.send(.resize(height: 20))
        h.answerAll { _ in FakeHistory.page(1, total: 500) }
        let first = h.send(.toggleFollow)
        guard case .poll(let g, _, _)? = first.last else { Issue.record("no poll"); return }
        #expect(!h.send(.followTick).contains { if case .poll = $0 { return true } else { return false } }, "the first is still out")
        h.send(.pollFailed(generation: g, message: "Vobiz failed"))
        #expect(h.send(.followTick).contains { if case .poll = $0 { return true } else { return false } })
    }

    @Test func aPastEndIsNeverMovedToNow() {
        var h = Harness(paging: .numberedPages(size: 100))
        var past = h.state.applied
        past.until = h.now.addingTimeInterval(-86_400)
        past.untilIsNow = false
        h.state.applied = past
        let effects = h.send(.toggleFollow)
        guard case .poll(_, _, let filter)? = effects.last else { Issue.record("no poll"); return }
        #expect(filter.until == past.until)
    }

    @Test func followOverlaysOfANumberedListAreEvictedAndTheSelectionStays() {
        var h = Harness(paging: .vobiz, maximumLoadedSegments: 3)
        h.send(.resize(height: 20))
        var total = 2_000
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        h.send(.toggleFollow)
        let watched = h.state.selectedCall?.id
        for round in 0..<6 {
            guard let poll = h.pending.lastIndex(where: { if case .poll = $0 { return true } else { return false } }),
                  case .poll(let g, _, _) = h.pending.remove(at: poll) else { Issue.record("no poll"); return }
            total += 100
            h.send(.polled(generation: g, Segment(calls: Self.newer(100, after: round * 100), reportedTotal: total, receivedCount: 100)))
            h.send(.followTick)
        }
        #expect(h.state.selectedCall?.id == watched, "the selected call stays selected")
        #expect(h.state.list.loadedCalls.count <= 3 * 100 + 200, "new calls are held within the budget too")
        // Far down the list, the overlays on top are the farthest: they go, the view stays.
        h.send(.jump(toRow: 1_900))
        h.answerAll { request in
            guard case .page(let n) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.page(n, total: total)
        }
        let selected = h.state.selectedCall?.id
        h.send(.moveBy(1))
        h.send(.moveBy(-1))
        #expect(h.state.list.segments.filter(\.followOverlay).isEmpty)
        #expect(h.state.selectedCall?.id == selected)
        #expect(h.state.list.loadedCalls.count <= 3 * 100 + 200)
    }

    @Test func windowedFollowSegmentsAreEvictedAndFetchedAgain() {
        var h = Harness(paging: .timeWindows(maximumSeconds: 86_400), maximumLoadedSegments: 3)
        h.send(.resize(height: 20))
        h.answerAll { request in
            guard case .window(let s, let u) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.window(since: s, until: u, count: 3_000, provider: .voxo)
        }
        h.send(.toggleFollow)
        guard case .poll(let g, _, _)? = h.pending.last else { Issue.record("no poll"); return }
        h.pending.removeLast()
        let fresh = Self.newer(150, after: 0)
        h.send(.polled(generation: g, Segment(calls: fresh, receivedCount: fresh.count)))
        #expect(h.state.list.segments.first?.calls?.count == 150)
        // Scroll far away and back: the follow segment is evicted, then fetched by its window.
        h.send(.bottom)
        h.answerAll { request in
            guard case .window(let s, let u) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.window(since: s, until: u, count: 3_000, provider: .voxo)
        }
        #expect(h.state.list.segments.first?.calls == nil, "evicted")
        h.send(.top)
        let refetch = h.pending.compactMap { effect -> SegmentRequest? in
            if case .fetchSegment(_, _, let request, _) = effect { return request }
            return nil
        }
        guard case .window(let since, let until)? = refetch.first else { Issue.record("not fetched again: \(refetch)"); return }
        #expect(fresh.allSatisfy { ($0.startTime ?? .distantPast) >= since && ($0.startTime ?? .distantFuture) < until })
    }
}
