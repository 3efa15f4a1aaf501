import Foundation

/// Reads a provider's segments in order for `CallProvider.calls(matching:)`: `ProviderWalk`
/// plans them, `NeighbourDeduplicator` drops calls the previous segment already handed on
/// (numbered pages shift when new calls arrive; adjacent windows share their boundary second).
actor SegmentWalker {
    let provider: any CallProvider
    let filter: CallFilter
    private var finished = false
    private var walk: ProviderWalk
    private var deduplicator: NeighbourDeduplicator

    /// How many segments are on their way while the caller handles this one (the provider's
    /// `maxRequestsInFlight`), so the round trips, our decoding and the caller's work overlap.
    /// Only callers that read to the end (`list --limit 0`, export, `sql`) read ahead: one that stops
    /// early would have asked for segments it never uses. Each one behind the next in line
    /// holds no more than its `ReadGate` lets in.
    let readsAhead: Int
    /// Requested and not yet handed on, oldest first, with their numbers.
    private var inFlight: [(number: Int, request: SegmentRequest, answer: Task<Segment, any Error>)] = []
    /// Only the next in line reads freely; those behind it wait behind their gates (`ReadGate`).
    private var turns: ReadTurns

    init(provider: any CallProvider, filter: CallFilter, readsAhead: Int = 0, makeGate: @escaping @Sendable () -> ReadGate = { ReadGate() }) {
        self.provider = provider
        self.filter = filter
        self.readsAhead = max(0, readsAhead)
        turns = ReadTurns(freely: 1, makeGate: makeGate)
        // Windows: the first round goes out whole, `readsAhead` windows spread over the range's
        // first day (`WindowSizing`): over a slow link a lone first window costs a round trip
        // of its own. Numbered pages wait for page 1's total.
        walk = ProviderWalk(provider.pagingStyle, filter: filter, firstRound: max(1, readsAhead))
        deduplicator = NeighbourDeduplicator(first: walk.firstNumber)
    }

    deinit { for entry in inFlight { entry.answer.cancel() } }

    func next() async throws -> CallBatch? {
        guard !finished else { return nil }
        if inFlight.isEmpty {
            guard let (number, request) = walk.next() else {
                finished = true
                return nil
            }
            inFlight.append(start(number, request))
            if walk.isWindowed { topUp(to: readsAhead) }
        }
        let (number, request, answer) = inFlight.removeFirst()
        let segment = try await withTaskCancellationHandler { try await answer.value } onCancel: { answer.cancel() }
        // The next in line reads freely while the caller handles this one: one window decoded
        // while another is written, not every window in flight held at once.
        turns.finished(number)
        finished = walk.received(segment, for: request)
        if finished {
            for entry in inFlight { entry.answer.cancel() }
            inFlight.removeAll()
        } else {
            topUp(to: readsAhead)
        }
        let scannedBack: Date?
        let window: DateInterval?
        switch request {
        case .page:
            scannedBack = segment.calls.last?.startTime
            window = nil
        case .window(let since, let until):
            scannedBack = since
            window = DateInterval(start: since, end: max(since, until))
        }
        let fresh = deduplicator.fresh(segment.calls, segment: number, window: window)
        return CallBatch(calls: fresh, reportedTotal: segment.reportedTotal, scannedBackTo: scannedBack, stored: segment.stored)
    }

    /// Plans and starts segments until `count` are on their way; none while windows still
    /// grow, so each answer sizes the next.
    private func topUp(to count: Int) {
        let limit = walk.isGrowing ? 0 : count
        while inFlight.count < limit, let (number, request) = walk.next() { inFlight.append(start(number, request)) }
    }

    /// Starts a segment's request behind its gate, open when it is the first in line.
    private func start(_ number: Int, _ request: SegmentRequest) -> (Int, SegmentRequest, Task<Segment, any Error>) {
        let provider = self.provider
        let filter = self.filter
        let gate = turns.gate(for: number)
        let answer = Task { try await ReadGate.$current.withValue(gate) { try await provider.segment(request, matching: filter) } }
        return (number, request, answer)
    }
}
