import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

@Suite("Lazy paged list: time windows")
struct WindowedListTests {
    /// Answers windows from a history of one call a minute.
    func answer(_ count: Int) -> (SegmentRequest) -> Segment {
        { request in
            guard case .window(let since, let until) = request else { return Segment(calls: [], receivedCount: 0) }
            return FakeHistory.window(since: since, until: until, count: count)
        }
    }

    @Test func firstWindowIsSmallThenTheyGrowWhileSparse() {
        var h = Harness(paging: .voxo)
        let first = h.send(.resize(height: 20))
        guard case .fetchSegment(_, _, .window(let since, let until), _)? = first.first else { Issue.record("no window"); return }
        #expect(until.timeIntervalSince(since) == 15 * 60)
        h.answerAll(answer(100_000))
        // 15 calls is sparse: the next windows grow, never past the 24 h limit.
        var lengths: [TimeInterval] = []
        for fetch in h.segmentFetches { if case .window(let s, let u) = fetch.request { lengths.append(u.timeIntervalSince(s)) } }
        #expect(lengths.count >= 2)
        #expect(lengths[1] == 60 * 60)
        #expect(lengths.allSatisfy { $0 <= 86_400 })
        if case .atLeast(let n, _) = h.state.count { #expect(n == h.state.list.rowCount) } else { Issue.record("count should be 'at least'") }
    }

    @Test func crowdedWindowsShrink() {
        // The list's rule, each answer to a window of the length it asked for.
        var sizing = WindowSizing(maximum: 31 * 86_400, rule: WindowSizing.screen)
        func answer(_ received: Int) { sizing.record(received: received, length: sizing.seconds) }
        answer(10)
        #expect(sizing.seconds == 3_600)
        answer(10_000)
        #expect(sizing.seconds == 1_800)
        for _ in 0..<20 { answer(0) }
        #expect(sizing.seconds == 31 * 86_400)
        for _ in 0..<40 { answer(5_000) }
        #expect(sizing.seconds == WindowSizing.minimum)
    }

    @Test func windowsAreContiguousNewestFirstAndEndAtTheRange() {
        var h = Harness(paging: .voxo)
        h.send(.resize(height: 20))
        for _ in 0..<20 {
            h.answerAll(answer(100_000))
            h.send(.pageDown)
        }
        h.send(.bottom)
        while h.hasPendingSegments { h.answerAll(answer(100_000)) }
        let windows = h.segmentFetches.compactMap { fetch -> (Date, Date)? in
            if case .window(let s, let u) = fetch.request { return (s, u) } else { return nil }
        }
        for (newer, older) in zip(windows, windows.dropFirst()) {
            #expect(older.1 == newer.0, "contiguous")
        }
        #expect(windows.first?.1 == h.state.applied.until)
        #expect(windows.last?.0 == h.state.applied.since)
        #expect(h.state.count == .exact(7 * 24 * 60))
    }

    @Test func bottomReadsOnToTheStartThenLands() {
        var h = Harness(paging: .voxo)
        h.send(.resize(height: 20))
        h.answerAll(answer(600))
        h.send(.bottom)
        #expect(h.state.activity == .seekingEnd)
        h.answerAll(answer(600))
        #expect(h.state.activity != .seekingEnd)
        #expect(h.state.count == .exact(600))
        #expect(h.state.selection == 599)
        if case .call(let last)? = h.state.visibleRows().last { #expect(last.id == "call-599") } else { Issue.record("no last row") }
    }

    @Test func sparseWindowsAreNotEvictedAndFetchedAgain() {
        // One call an hour: windows hold a few rows each, more windows than the budget's count.
        var h = Harness(paging: .voxo, maximumLoadedSegments: 3)
        let sparse: (SegmentRequest) -> Segment = { request in
            guard case .window(let since, let until) = request else { return Segment(calls: [], receivedCount: 0) }
            let hours = Int(FakeHistory.anchor.timeIntervalSince(until) / 3600)..<Int(FakeHistory.anchor.timeIntervalSince(since) / 3600)
            var calls = hours.map { FakeHistory.call($0, provider: .voxo) }
            for i in calls.indices { calls[i].startTime = FakeHistory.anchor.addingTimeInterval(-3600 * Double(hours.lowerBound + i) - 1) }
            calls = calls.filter { ($0.startTime ?? .distantPast) >= since && ($0.startTime ?? .distantFuture) < until }
            return Segment(calls: calls, receivedCount: calls.count)
        }
        h.send(.resize(height: 20))
        for _ in 0..<30 { h.answerAll(sparse); h.send(.pageDown) }
        h.answerAll(sparse)
        let requests = h.segmentFetches.map(\.request)
        #expect(requests.count == Set(requests).count, "no window fetched twice")
        #expect(h.state.list.rowCount > 150)
        #expect(!h.visibleHasPlaceholder)
    }

    @Test func findAtTheLastRowReadsOnOrSaysSo() {
        var h = Harness(paging: .voxo)
        h.send(.resize(height: 20))
        h.answerAll(answer(300))
        h.send(.bottom)
        while h.hasPendingSegments { h.answerAll(answer(300)) }
        #expect(h.state.selectedCall?.id == "call-299")
        h.send(.find("call-299", forward: true))
        h.send(.nextMatch)
        #expect(h.state.status.notice?.contains("no further match") == true)
        // Not everything read yet: n past the last row reads an older window.
        var g = Harness(paging: .voxo)
        g.send(.resize(height: 20))
        g.answerAll(answer(100_000))
        let target = "call-\(g.state.list.rowCount + 30)"
        g.send(.find(target, forward: true))
        for _ in 0..<10 where g.state.activity.isFinding { g.answerAll(answer(100_000)) }
        #expect(g.state.selectedCall?.id == target)
    }

    @Test func aFailedWindowKeepsWhatWasReadAndRetries() {
        var h = Harness(paging: .voxo)
        h.send(.resize(height: 20))
        h.answerNext(answer(100_000))
        guard case .fetchSegment(let g, let id, let request, _)? = h.pending.first else { Issue.record("no second window"); return }
        h.pending.removeAll()
        h.send(.segmentFailed(generation: g, index: id, message: "VOXO at https://api.voxo.co did not answer in time"))
        #expect(h.state.list.loadedCalls.count == 15)
        #expect(h.state.status.lastError?.contains("did not answer") == true)
        let retry = h.send(.retry)
        #expect(retry.contains { if case .fetchSegment(_, id, request, _) = $0 { return true } else { return false } })
    }
}
