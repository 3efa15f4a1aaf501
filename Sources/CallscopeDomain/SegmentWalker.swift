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
    /// Only callers that read to the end (`list --limit 0`, `stats`) read ahead: one that stops
    /// early would have asked for segments it never uses. Each one ahead holds a window of at
    /// most a few thousand calls.
    let readsAhead: Int
    /// Requested and not yet handed on, oldest first, with their numbers.
    private var inFlight: [(number: Int, request: SegmentRequest, answer: Task<Segment, any Error>)] = []
    private var askedFirstRound = false

    init(provider: any CallProvider, filter: CallFilter, readsAhead: Int = 0) {
        self.provider = provider
        self.filter = filter
        self.readsAhead = max(0, readsAhead)
        walk = ProviderWalk(provider.pagingStyle, filter: filter)
        if case .numberedPages = provider.pagingStyle {
            deduplicator = NeighbourDeduplicator(first: 1)
        } else {
            deduplicator = NeighbourDeduplicator(first: 0)
        }
    }

    deinit { for entry in inFlight { entry.answer.cancel() } }

    func next() async throws -> CallBatch? {
        guard !finished else { return nil }
        if inFlight.isEmpty {
            guard let (number, request) = walk.next() else {
                finished = true
                return nil
            }
            inFlight.append((number, request, start(request)))
            // Windows: the first round goes out whole, `readsAhead` windows of the first
            // length at once: over a slow link a lone first window costs a round trip of its
            // own (a busy day at 200 ms per request: 0.92 s instead of 1.13 s), while a quiet
            // range pays a few short windows more. Numbered pages wait for page 1's total.
            if !askedFirstRound, walk.isWindowed {
                while inFlight.count < readsAhead, let (number, request) = walk.next() { inFlight.append((number, request, start(request))) }
            }
        }
        askedFirstRound = true
        let (number, request, answer) = inFlight.removeFirst()
        let segment = try await withTaskCancellationHandler { try await answer.value } onCancel: { answer.cancel() }
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
        while inFlight.count < limit, let (number, request) = walk.next() { inFlight.append((number, request, start(request))) }
    }

    private func start(_ request: SegmentRequest) -> Task<Segment, any Error> {
        let provider = self.provider
        let filter = self.filter
        return Task { try await provider.segment(request, matching: filter) }
    }
}
