@testable import CallscopeDomain
import CallscopeTesting
import Foundation
import Synchronization
import Testing

/// Windows read ahead of their turn take in their allowance and wait: the walker keeps its
/// requests in flight for the round trips, but holds one window decoded at a time, not all.
@Suite("Reading ahead behind a gate")
struct ReadGateTests {
    /// A sleep that ends only when the test says so (or is cancelled); one sleeper at a time.
    final class HandSleep: Sendable {
        private let (ends, ender) = AsyncStream<Void>.makeStream()
        func end() { ender.yield(()) }
        func sleep(_: Duration) async throws {
            for await _ in ends { return }
            throw CancellationError()
        }
    }

    /// A sleep that outlasts any test: the gates open only when their turn comes.
    @Sendable static func sleepForever(_: Duration) async throws { try await Task.sleep(for: .seconds(86_400)) }

    @Test func underTheAllowanceNothingWaits() async {
        let gate = ReadGate(allowance: 1_000)
        await gate.holdBack(received: 999)
        #expect(!gate.isOpen)
    }

    @Test func pastTheAllowanceTheReaderWaitsForItsTurn() async {
        let gate = ReadGate(allowance: 1_000, sleep: HandSleep().sleep)
        let passed = Mutex(false)
        let reader = Task {
            await gate.holdBack(received: 1_000)
            passed.withLock { $0 = true }
        }
        for _ in 0..<200 { await Task.yield() }
        #expect(!passed.withLock { $0 }, "held back")
        gate.open()
        await reader.value
        #expect(passed.withLock { $0 })
        await gate.holdBack(received: 5_000)
    }

    @Test func theLongestHoldOpensTheGateForGood() async {
        let sleep = HandSleep()
        let gate = ReadGate(allowance: 10, sleep: sleep.sleep)
        let reader = Task { await gate.holdBack(received: 10) }
        for _ in 0..<100 { await Task.yield() }
        sleep.end()
        await reader.value
        #expect(gate.isOpen, "read on after the longest hold, not asked again")
    }

    @Test func aCancelledReaderStopsWaiting() async {
        let gate = ReadGate(allowance: 10, sleep: HandSleep().sleep)
        let reader = Task { await gate.holdBack(received: 10) }
        for _ in 0..<100 { await Task.yield() }
        reader.cancel()
        await reader.value
        #expect(!gate.isOpen)
    }

    /// Eight windows of an hour, each answered in ten pieces of 100 KB; records how many
    /// pieces each window has taken in.
    final class StreamingProvider: CallProvider {
        let providerID = ProviderID.voxo
        let pagingStyle = PagingStyle.timeWindows(maximumSeconds: 3_600)
        let maxRequestsInFlight = 8
        static let until = Date(timeIntervalSince1970: 1_774_440_000)
        static let range = CallFilter(since: until.addingTimeInterval(-8 * 3_600), until: until)
        private let taken = Mutex<[Date: Int]>([:])

        func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }

        func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
            guard case .window(let since, _) = request else { throw CancellationError() }
            for piece in 1...10 {
                taken.withLock { $0[since] = piece }
                await ReadGate.current?.holdBack(received: piece * 100_000)
                try Task.checkCancellation()
            }
            var call = Call(id: "call-\(Int(since.timeIntervalSince1970))", provider: .voxo)
            call.startTime = since
            return Segment(calls: [call], receivedCount: 5_000)
        }

        func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
            throw CancellationError()
        }

        /// Pieces taken by each window, newest first.
        var pieces: [Int] { taken.withLock { $0.sorted { $0.key > $1.key }.map(\.value) } }
    }

    @Test func windowsBehindTheNextInLineStopAtTheirAllowance() async throws {
        let provider = StreamingProvider()
        // As `allCalls` walks, but with gates that never open by themselves.
        let walker = SegmentWalker(provider: provider, filter: StreamingProvider.range, readsAhead: provider.maxRequestsInFlight,
                                   makeGate: { ReadGate(sleep: Self.sleepForever) })
        var batches = AsyncThrowingStream(unfolding: { try await walker.next() }).makeAsyncIterator()
        let first = try await batches.next()
        #expect(first?.calls.count == 1)
        // All eight asked at once; the first handed on, the second now reads to its end, and the
        // six behind it took three pieces (300 KB, past the 256 KB allowance) and wait.
        #expect(await eventually { provider.pieces.count == 8 && provider.pieces[1] == 10 })
        for _ in 0..<200 { await Task.yield() }
        let pieces = provider.pieces
        #expect(pieces[0] == 10 && pieces[1] == 10)
        #expect(pieces.dropFirst(2).allSatisfy { $0 == 3 }, "\(pieces)")
        var handedOn = 1
        while let batch = try await batches.next() { handedOn += batch.calls.count }
        #expect(handedOn == 8, "every window handed on once, in order")
        #expect(provider.pieces.allSatisfy { $0 == 10 })
    }
}

/// `callscope stats` keeps its requests in flight but lets two segments read at a time.
@Suite("Turns to read behind gates")
struct ReadTurnsTests {
    @Test func twoReadFreelyAndTheOldestHeldBackTakesTheNextTurn() {
        var turns = ReadTurns(freely: 2)
        let gates = (0..<5).map { turns.gate(for: $0) }
        #expect(gates.map(\.isOpen) == [true, true, false, false, false])
        turns.finished(1)
        #expect(gates.map(\.isOpen) == [true, true, true, false, false], "the oldest held back goes next")
        turns.finished(0)
        turns.finished(2)
        #expect(gates.map(\.isOpen) == [true, true, true, true, true])
        turns.finished(3)
        turns.finished(4)
        let late = turns.gate(for: 5)
        #expect(late.isOpen, "a turn is free")
    }
}
