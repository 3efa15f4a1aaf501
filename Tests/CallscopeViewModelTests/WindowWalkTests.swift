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

    @Test func readingAheadAsksForTheSameWindowsAndTheNextBeforeItIsWanted() async throws {
        let plain = DensityProvider(callsPerSecond: 4)
        for try await _ in plain.calls(matching: Self.week) {}
        let ahead = DensityProvider(callsPerSecond: 4)
        var iterator = ahead.allCalls(matching: Self.week).makeAsyncIterator()
        _ = try await iterator.next()
        // The second window is asked for while the first is still being handled.
        let deadline = ContinuousClock.now + .seconds(20)
        while ahead.windowLengths.count < 2, ContinuousClock.now < deadline { await Task.yield() }
        #expect(ahead.windowLengths.count == 2)
        while try await iterator.next() != nil {}
        #expect(ahead.windowLengths == plain.windowLengths, "the same windows, in the same order")
    }
}
