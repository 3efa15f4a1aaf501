import CallscopeDomain
import CallscopeTesting
import Foundation
import Synchronization
import Testing

/// A reader that goes to the end keeps at most `maxRequestsInFlight` requests on their way: the
/// provider holds each request until the test lets it go, so what is on its way can be counted.
@Suite("Requests in flight")
struct RequestsInFlightTests {
    /// Numbered pages of 100 out of `total`, each answered only when released.
    final class GatedProvider: CallProvider {
        let providerID = ProviderID.vobiz
        let pagingStyle = PagingStyle.numberedPages(size: 100)
        let maxRequestsInFlight: Int
        let total: Int
        private let state = Mutex<(waiting: [Int: CheckedContinuation<Void, Never>], most: Int, asked: [Int])>(([:], 0, []))

        init(inFlight: Int, total: Int) {
            self.maxRequestsInFlight = inFlight
            self.total = total
        }

        func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { Set(CallFilter.Field.allCases) }

        func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
            guard case .page(let number) = request else { throw CancellationError() }
            await withCheckedContinuation { continuation in
                state.withLock { state in
                    state.waiting[number] = continuation
                    state.most = max(state.most, state.waiting.count)
                    state.asked.append(number)
                }
            }
            let start = (number - 1) * 100
            let calls = (start..<min(total, start + 100)).map { FakeHistory.call($0) }
            return Segment(calls: calls, reportedTotal: total, receivedCount: calls.count)
        }

        func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
            throw CancellationError()
        }

        var waiting: Int { state.withLock { $0.waiting.count } }
        var most: Int { state.withLock { $0.most } }
        var asked: [Int] { state.withLock { $0.asked } }

        /// Lets the oldest waiting request answer; false when none waits.
        func releaseOldest() -> Bool {
            let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let oldest = state.waiting.keys.min() else { return nil }
                return state.waiting.removeValue(forKey: oldest)
            }
            continuation?.resume()
            return continuation != nil
        }
    }

    @Test(arguments: [1, 3, 6])
    func neverMoreThanTheSetting(_ inFlight: Int) async throws {
        let provider = GatedProvider(inFlight: inFlight, total: 2_000)
        let reader = Task {
            var calls = 0
            for try await batch in provider.allCalls(matching: CallFilter(since: .distantPast, until: .distantFuture)) { calls += batch.calls.count }
            return calls
        }
        // The first page says the total; then the reader fills every place it has, and no more.
        #expect(await eventually { provider.waiting == 1 })
        #expect(provider.releaseOldest())
        #expect(await eventually { provider.waiting == inFlight })
        for _ in 0..<50 { await Task.yield() }
        #expect(provider.waiting == inFlight, "no request beyond the setting")
        // Answered one at a time, each answer lets the next one go.
        while provider.asked.count < 20 || provider.waiting > 0 {
            guard await eventually({ provider.waiting > 0 }) else { break }
            _ = provider.releaseOldest()
        }
        #expect(try await reader.value == 2_000)
        #expect(provider.most <= inFlight)
        #expect(provider.asked.sorted() == Array(1...20), "each page asked once")
    }
}
