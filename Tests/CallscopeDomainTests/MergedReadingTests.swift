import CallscopeDomain
import CallscopeTesting
import Foundation
import Synchronization
import Testing

/// Several customers read as one, to the end: every customer's next page is asked at once (a
/// round trip per page of the busiest customer, not per page of all of them), and the requests
/// in flight stay under the customers' setting.
@Suite("Merged customers read to the end")
struct MergedReadingTests {
    /// Requests of every customer wait here until the test lets a round of them answer.
    final class Line: Sendable {
        private let state = Mutex<(waiting: [CheckedContinuation<Void, Never>], most: Int, asked: Int)>(([], 0, 0))

        func wait() async {
            await withCheckedContinuation { continuation in
                state.withLock { state in
                    state.waiting.append(continuation)
                    state.most = max(state.most, state.waiting.count)
                    state.asked += 1
                }
            }
        }

        /// Answers every request waiting now; how many.
        func answerRound() -> Int {
            let round = state.withLock { state in
                defer { state.waiting.removeAll() }
                return state.waiting
            }
            for request in round { request.resume() }
            return round.count
        }

        var waiting: Int { state.withLock { $0.waiting.count } }
        var most: Int { state.withLock { $0.most } }
        var asked: Int { state.withLock { $0.asked } }
    }

    /// One customer's list: `pages` pages of 100 calls, newest first, its calls a second apart
    /// and interleaved with the other customers' (customer `offset` of `stride`).
    final class Customer: CallProvider {
        let providerID = ProviderID.vobiz
        let pagingStyle = PagingStyle.numberedPages(size: 100)
        let maxRequestsInFlight = 8
        let offset: Int, stride: Int, pages: Int
        let line: Line

        init(offset: Int, stride: Int, pages: Int, line: Line) {
            (self.offset, self.stride, self.pages, self.line) = (offset, stride, pages, line)
        }

        func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { Set(CallFilter.Field.allCases) }

        func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
            guard case .page(let number) = request else { throw CancellationError() }
            await line.wait()
            let rows = number <= pages ? ((number - 1) * 100)..<(number * 100) : 0..<0
            let calls = rows.map { row in
                var call = Call(id: "c\(offset)-\(row)", provider: .vobiz)
                call.startTime = Date(timeIntervalSince1970: 1_774_440_000 - TimeInterval(row * stride + offset))
                return call
            }
            return Segment(calls: calls, reportedTotal: pages * 100, receivedCount: calls.count)
        }

        func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
            throw CancellationError()
        }
    }

    @Test func everyCustomersNextPageIsAskedInTheSameRound() async throws {
        let line = Line()
        let customers = (0..<4).map { Customer(offset: $0, stride: 4, pages: 5, line: line) }
        let merged = MergedCallSource(customers.enumerated().map { ("MA_\($0.offset)", $0.element as any CallProvider) })
        #expect(merged.maxRequestsInFlight == 2, "eight requests shared by four customers")
        let done = Mutex(false)
        let reader = Task {
            var ids: [String] = []
            for try await batch in merged.allCalls(matching: CallFilter(since: .distantPast, until: .distantFuture)) { ids += batch.calls.map(\.id) }
            done.withLock { $0 = true }
            return ids
        }
        // Five round trips, each asking the next page of all four customers at once (asked one
        // customer at a time, they were twenty).
        for round in 1...5 {
            let together = await eventually { line.waiting == 4 }
            #expect(together, "round \(round): \(line.waiting) requests on their way, not every customer's page")
            _ = line.answerRound()
        }
        // Whatever is left is answered, so the reading ends whatever the rounds were.
        let ended = await eventually {
            _ = line.answerRound()
            return done.withLock { $0 }
        }
        #expect(ended, "the reading ends once every request is answered")
        guard ended else {
            reader.cancel()
            return
        }
        let ids = try await reader.value
        #expect(ids.count == 2_000 && Set(ids).count == 2_000, "every call once")
        // "cO-R" started R × 4 + O seconds before the anchor.
        func age(_ id: String) -> Int {
            let parts = id.dropFirst().split(separator: "-").compactMap { Int($0) }
            return parts.count == 2 ? parts[1] * 4 + parts[0] : -1
        }
        #expect(ids.map(age) == Array(0..<2_000), "newest first across customers")
        #expect(line.asked == 4 * 5, "each customer's five pages, once")
        #expect(line.most <= 8, "never more requests in flight than the customers' setting")
    }
}
