import CallscopeDomain
import CallscopeTesting
import Foundation
import Synchronization
import Testing
@testable import CallscopeViewModel

/// A provider whose answers the test releases by hand, to see what runs in flight.
final class GatedProvider: CallProvider {
    let providerID = ProviderID.vobiz
    let pagingStyle = PagingStyle.numberedPages(size: 100)
    let total: Int
    private let gates = Mutex<[Int: CheckedContinuation<Void, Never>]>([:])
    private let requested = Mutex<[Int]>([])
    private let cancelled = Mutex<Int>(0)

    init(total: Int) { self.total = total }

    func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { Set(CallFilter.Field.allCases) }

    func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .page(let n) = request else { throw CancellationError() }
        requested.withLock { $0.append(n) }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in gates.withLock { $0[n] = continuation } }
        } onCancel: {
            self.cancelled.withLock { $0 += 1 }
            self.release(n)
        }
        try Task.checkCancellation()
        return FakeHistory.page(n, total: filter.direction == .inbound ? total / 3 : total)
    }

    /// Reports progress, then waits for `release(0)` (page numbers start at 1).
    func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        progress(filter.until.addingTimeInterval(-3600))
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in gates.withLock { $0[0] = continuation } }
        } onCancel: {
            self.cancelled.withLock { $0 += 1 }
            self.release(0)
        }
        try Task.checkCancellation()
        return FakeHistory.call(Int(id.dropFirst(5)) ?? 0)
    }

    func release(_ page: Int) {
        let gate = gates.withLock { $0.removeValue(forKey: page) }
        gate?.resume()
    }

    var requestedPages: [Int] { requested.withLock { $0 } }
    var cancellations: Int { cancelled.withLock { $0 } }
    func isWaiting(_ page: Int) -> Bool { gates.withLock { $0[page] != nil } }
}

@Suite("The store runs effects")
struct StoreTests {
    @Test func fetchesRunAndANewFilterCancelsTheOldOnes() async throws {
        let provider = GatedProvider(total: 900)
        let store = BrowserStore(provider: provider, zone: ZoneClock(identifier: "UTC")!, clock: ManualClock(now: FakeHistory.anchor))
        store.start()
        #expect(await waitFor(draining: store) { provider.isWaiting(1) })
        store.dispatch(.edit(.direction, "inbound"))
        store.dispatch(.applyFilter)
        #expect(await waitFor(draining: store) { provider.cancellations == 1 })
        #expect(await waitFor(draining: store) { provider.requestedPages.count == 2 })
        provider.release(1)
        #expect(await store.waitUntil { $0.count == .exact(300) })
        #expect(store.snapshot.generation == 1)
        store.stop()
    }

    @Test func answersWaitForTheOwnerToApplyThem() async throws {
        let provider = GatedProvider(total: 900)
        let wakes = Mutex(0)
        let store = BrowserStore(provider: provider, zone: ZoneClock(identifier: "UTC")!, clock: ManualClock(now: FakeHistory.anchor)) {
            wakes.withLock { $0 += 1 }
        }
        store.start()
        #expect(await waitFor { provider.isWaiting(1) })
        let wakesBefore = wakes.withLock { $0 }
        provider.release(1)
        // The answer lands on a pool thread: the owner is woken, the state is not touched.
        #expect(await waitFor { wakes.withLock { $0 } > wakesBefore })
        #expect(store.snapshot.count == .loading, "only the owner runs the reducer")
        #expect(store.drain())
        #expect(store.snapshot.count == .exact(900))
        #expect(!store.drain(), "nothing left waiting")
        store.stop()
    }

    @Test func followTimerPollsOnTheInjectedClock() async throws {
        let provider = GatedProvider(total: 900)
        let clock = ManualClock(now: FakeHistory.anchor)
        // Follow mode's look at now against normal asks for pages too; this counts the polls alone.
        var watch = WatchSettings()
        watch.follow = false
        let store = BrowserStore(provider: provider, zone: ZoneClock(identifier: "UTC")!, clock: clock, watch: watch)
        store.start()
        #expect(await waitFor(draining: store) { provider.isWaiting(1) })
        provider.release(1)
        #expect(await store.waitUntil { $0.count == .exact(900) })
        store.dispatch(.toggleFollow)  // polls at once
        #expect(await waitFor(draining: store) { provider.isWaiting(1) })
        provider.release(1)
        #expect(await waitFor(draining: store) { provider.requestedPages.filter { $0 == 1 }.count == 2 && clock.sleepers == 1 && store.snapshot.pollInFlight == nil })
        clock.advance(by: BrowserReducer.followInterval)
        #expect(await waitFor(draining: store) { provider.requestedPages.filter { $0 == 1 }.count == 3 })
        provider.release(1)
        store.dispatch(.toggleFollow)
        store.stop()
    }

    @Test func detailFetchReportsProgress() async throws {
        let provider = GatedProvider(total: 900)
        let store = BrowserStore(provider: provider, zone: ZoneClock(identifier: "UTC")!, clock: ManualClock(now: FakeHistory.anchor))
        store.dispatch(.open(id: "call-42"))
        #expect(await store.waitUntil { if case .loading(_, let back) = $0.detail { return back != nil } else { return false } })
        #expect(store.snapshot.isLoading, "the list and keys stay live meanwhile")
        provider.release(0)
        #expect(await store.waitUntil { if case .loaded(let c) = $0.detail { return c.id == "call-42" } else { return false } })
        // A search that is cancelled stops: closing the detail cancels the fetch.
        store.dispatch(.open(id: "call-7"))
        #expect(await waitFor(draining: store) { provider.isWaiting(0) })
        store.dispatch(.closeDetail)
        #expect(await waitFor(draining: store) { provider.cancellations == 1 })
        #expect(await store.waitUntil { if case .closed = $0.detail { return true } else { return false } })
        store.stop()
    }
}
