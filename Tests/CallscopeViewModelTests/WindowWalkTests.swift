import CallscopeDomain
import Foundation
import Synchronization
import Testing

/// `calls(matching:)` on a windowed provider (what `list`, `stats` and exports read through)
/// sizes its windows so each holds a few thousand calls: memory stays flat on a busy day.
@Suite("Walking a windowed provider")
struct WindowWalkTests {
    /// Answers a window with `callsPerSecond` calls' worth of records (counted, not built).
    final class DensityProvider: CallProvider {
        let providerID = ProviderID.voxo
        let pagingStyle = PagingStyle.timeWindows(maximumSeconds: 86_400)
        let callsPerSecond: Double
        private let lengths = Mutex<[Int64]>([])

        init(callsPerSecond: Double) { self.callsPerSecond = callsPerSecond }

        func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }

        func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
            guard case .window(let since, let until) = request else { throw CancellationError() }
            let seconds = Int64(until.timeIntervalSince(since))
            lengths.withLock { $0.append(seconds) }
            return Segment(calls: [], receivedCount: Int(Double(seconds) * callsPerSecond))
        }

        func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
            throw CancellationError()
        }

        var windowLengths: [Int64] { lengths.withLock { $0 } }
    }

    static let week = CallFilter(since: FakeHistory.anchor.addingTimeInterval(-7 * 86_400), until: FakeHistory.anchor)

    @Test func aBusyRangeIsReadInWindowsOfAFewThousandCalls() async throws {
        // Four calls a second: an hour holds 14,400, too many; half an hour 7,200 is kept.
        let busy = DensityProvider(callsPerSecond: 4)
        for try await _ in busy.calls(matching: Self.week) {}
        #expect(Array(busy.windowLengths.prefix(3)) == [3_600, 1_800, 1_800])
        #expect(busy.windowLengths.reduce(0, +) == 7 * 86_400, "the whole range, no gap, no overlap")
        #expect(busy.windowLengths.allSatisfy { Double($0) * 4 <= 15_000 }, "no window holds a day of calls")
    }

    @Test func aQuietRangeGrowsToTheLongestWindows() async throws {
        let quiet = DensityProvider(callsPerSecond: 0.01)
        for try await _ in quiet.calls(matching: Self.week) {}
        #expect(Array(quiet.windowLengths.prefix(5)) == [3_600, 14_400, 57_600, 86_400, 86_400])
        #expect(quiet.windowLengths.count == 10, "three to grow, then seven days at the limit")
        #expect(quiet.windowLengths.reduce(0, +) == 7 * 86_400)
    }

    @Test func readingAheadAsksForTheSameWindowsAndTheNextOnesBeforeTheyAreWanted() async throws {
        let plain = DensityProvider(callsPerSecond: 4)
        for try await _ in plain.calls(matching: Self.week) {}
        let ahead = DensityProvider(callsPerSecond: 4)
        var iterator = ahead.allCalls(matching: Self.week).makeAsyncIterator()
        _ = try await iterator.next()
        // The provider's requests in flight (3 by default) are asked for while the first window
        // is still being handled, no more.
        let deadline = ContinuousClock.now + .seconds(20)
        while ahead.windowLengths.count < 1 + ahead.maxRequestsInFlight, ContinuousClock.now < deadline { await Task.yield() }
        #expect(ahead.windowLengths.count == 1 + ahead.maxRequestsInFlight)
        while try await iterator.next() != nil {}
        // The first round goes out whole: the provider's requests in flight, spread over the
        // first day but at most two hours each; then each answer halves the crowded windows
        // until they hold what the plain walk's hold.
        let firstRound = ahead.maxRequestsInFlight
        #expect(Array(ahead.windowLengths.prefix(firstRound)) == Array(repeating: 7_200, count: firstRound), "the first round")
        #expect(Set(ahead.windowLengths.dropFirst(firstRound)) == [3_600, 1_800], "then halved to the plain walk's size")
        #expect(ahead.windowLengths.suffix(10) == plain.windowLengths.suffix(10))
        #expect(ahead.windowLengths.reduce(0, +) == 7 * 86_400, "the whole range, no gap, no overlap")
    }

    @Test func readingAheadStopsAtTheLastPageAndHandsOnEveryCallOnce() async throws {
        // 1,050 calls in pages of 100: eleven pages asked for, none past the last.
        let pages = PagedProvider(total: 1_050)
        var ids: [String] = []
        for try await batch in pages.allCalls(matching: Self.week) { ids += batch.calls.map(\.id) }
        #expect(ids.count == 1_050)
        #expect(Set(ids).count == 1_050)
        #expect(pages.pagesAsked.sorted() == Array(1...11))
    }

    /// Numbered pages of 100 over `total` calls.
    final class PagedProvider: CallProvider {
        let providerID = ProviderID.vobiz
        let pagingStyle = PagingStyle.numberedPages(size: 100)
        let total: Int
        private let asked = Mutex<[Int]>([])

        init(total: Int) { self.total = total }

        func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }

        func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
            guard case .page(let number) = request else { throw CancellationError() }
            asked.withLock { $0.append(number) }
            let start = (number - 1) * 100
            let calls = (start..<min(total, start + 100)).map { Call(id: "call-\($0)", provider: .vobiz) }
            return Segment(calls: calls, reportedTotal: total, receivedCount: calls.count)
        }

        func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
            throw CancellationError()
        }

        var pagesAsked: [Int] { asked.withLock { $0 } }
    }
}
