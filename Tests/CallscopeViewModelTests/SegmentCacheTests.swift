import CallscopeDomain
import Foundation
import Synchronization
import Testing
@testable import CallscopeViewModel

/// A provider that counts what it is asked and answers when the test opens its gate.
final class CountingProvider: CallProvider {
    let providerID = ProviderID.voxo
    let pagingStyle: PagingStyle
    private let asked = Mutex<[SegmentRequest]>([])
    private let gate = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let open = Mutex(false)
    private let failuresLeft = Mutex(0)
    private let cancelled = Mutex(0)

    init(paging: PagingStyle = .voxo) { pagingStyle = paging }

    func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }

    func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        asked.withLock { $0.append(request) }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let wait = open.withLock { $0 } ? false : gate.withLock { $0.append(continuation); return true }
                if !wait { continuation.resume() }
            }
        } onCancel: {
            cancelled.withLock { $0 += 1 }
            self.openGate()
        }
        try Task.checkCancellation()
        if failuresLeft.withLock({ left in defer { left = max(0, left - 1) }; return left > 0 }) { throw URLError(.timedOut) }
        switch request {
        case .page(let n): return FakeHistory.page(n, total: 1_000)
        case .window(let since, let until): return FakeHistory.window(since: since, until: until, count: 100_000)
        }
    }

    func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        FakeHistory.call(0)
    }

    func openGate() {
        open.withLock { $0 = true }
        let waiting = gate.withLock { queued in
            defer { queued.removeAll() }
            return queued
        }
        for continuation in waiting { continuation.resume() }
    }

    func failNext(_ count: Int) { failuresLeft.withLock { $0 = count } }
    var requests: [SegmentRequest] { asked.withLock { $0 } }
    var cancellations: Int { cancelled.withLock { $0 } }
}

@Suite("The segment cache the list and the statistics share")
struct SegmentCacheTests {
    static let filter = CallFilter(since: FakeHistory.anchor.addingTimeInterval(-86_400), until: FakeHistory.anchor)

    @Test func aRequestOnItsWayIsJoinedNotSentAgain() async throws {
        let provider = CountingProvider(paging: .vobiz)
        let cache = SegmentCache()
        async let list = cache.segment(.page(1), generation: 1, filter: Self.filter, from: provider)
        async let statistics = cache.segment(.page(1), generation: 1, filter: Self.filter, from: provider)
        #expect(await waitFor { provider.requests.count == 1 })
        provider.openGate()
        let (a, b) = try await (list, statistics)
        #expect(a.calls.map(\.id) == b.calls.map(\.id))
        // Kept once finished: asked again, it is not fetched again.
        _ = try await cache.segment(.page(1), generation: 1, filter: Self.filter, from: provider)
        #expect(provider.requests == [.page(1)])
        // A new generation (a refresh) starts empty.
        _ = try await cache.segment(.page(1), generation: 2, filter: Self.filter, from: provider)
        #expect(provider.requests == [.page(1), .page(1)])
    }

    @Test func aWindowInsideAWiderOneIsCutFromIt() async throws {
        let provider = CountingProvider()
        let cache = SegmentCache(maximumCalls: 100_000)
        let until = FakeHistory.anchor
        let day = SegmentRequest.window(since: until.addingTimeInterval(-86_400), until: until)
        let hour = SegmentRequest.window(since: until.addingTimeInterval(-7_200), until: until.addingTimeInterval(-3_600))
        provider.openGate()
        let wide = try await cache.segment(day, generation: 1, filter: Self.filter, from: provider)
        let narrow = try await cache.segment(hour, generation: 1, filter: Self.filter, from: provider)
        #expect(provider.requests == [day])
        #expect(narrow.calls.count == 60)
        #expect(narrow.calls.map(\.id) == wide.calls.filter { call in call.startTime.map { $0 >= until.addingTimeInterval(-7_200) && $0 < until.addingTimeInterval(-3_600) } ?? false }.map(\.id))
        // A reader walking back finds the window that ends where it stands.
        #expect(cache.window(endingAt: until, generation: 1) == day)
        #expect(cache.window(endingAt: until, generation: 2) == nil)
    }

    @Test func theLastWaiterCancellingStopsTheFetchAndFailuresAreNotKept() async throws {
        let provider = CountingProvider(paging: .vobiz)
        let cache = SegmentCache()
        let waiter = Task { try await cache.segment(.page(3), generation: 1, filter: Self.filter, from: provider) }
        #expect(await waitFor { provider.requests.count == 1 })
        waiter.cancel()
        #expect(await waitFor { provider.cancellations == 1 })
        await #expect(throws: CancellationError.self) { try await waiter.value }
        // Asked again, it is fetched again (nothing half-done was kept); a failure is not kept either.
        provider.failNext(1)
        await #expect(throws: URLError.self) { try await cache.segment(.page(3), generation: 1, filter: Self.filter, from: provider) }
        let page = try await cache.segment(.page(3), generation: 1, filter: Self.filter, from: provider)
        #expect(page.calls.first?.id == "call-200")
        #expect(provider.requests == [.page(3), .page(3), .page(3)])
    }

    @Test func finishedSegmentsStayUnderTheBound() async throws {
        let provider = CountingProvider(paging: .vobiz)
        provider.openGate()
        let cache = SegmentCache(maximumCalls: 300)
        for page in 1...5 { _ = try await cache.segment(.page(page), generation: 1, filter: Self.filter, from: provider) }
        // Pages 3–5 are held (300 calls); 1 and 2 went first, least recently used.
        for page in 3...5 { _ = try await cache.segment(.page(page), generation: 1, filter: Self.filter, from: provider) }
        #expect(provider.requests.count == 5)
        _ = try await cache.segment(.page(1), generation: 1, filter: Self.filter, from: provider)
        #expect(provider.requests.count == 6)
    }
}
