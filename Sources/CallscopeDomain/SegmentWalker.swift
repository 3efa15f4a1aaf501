import Foundation

/// Reads a provider's segments in order for `CallProvider.calls(matching:)`, dropping calls
/// seen in the previous segment (numbered pages shift when new calls arrive).
actor SegmentWalker {
    let provider: any CallProvider
    let filter: CallFilter
    private var finished = false
    private var previousIDs: Set<String> = []
    /// Windowed providers: the next window's length, sized to hold a few thousand calls
    /// (`WindowSizing.bulk`).
    private var sizing: WindowSizing?

    /// How many segments are on their way while the caller handles this one (the provider's
    /// `maxRequestsInFlight`), so the round trips, our decoding and the caller's work overlap.
    /// Only callers that read to the end (`list --limit 0`, `stats`) read ahead: one that stops
    /// early would have asked for segments it never uses. Each one ahead holds a window of at
    /// most a few thousand calls.
    let readsAhead: Int
    /// Requested and not yet handed on, oldest first.
    private var inFlight: [(request: SegmentRequest, answer: Task<Segment, any Error>)] = []
    /// Where planning stands: the next page, or the end of the next window.
    private var planPage = 1
    private var planCursor: Date
    private var planned = false
    private var askedFirstRound = false
    /// Numbered pages: the last page, once an answer's total said it.
    private var lastPage: Int?

    init(provider: any CallProvider, filter: CallFilter, readsAhead: Int = 0) {
        self.provider = provider
        self.filter = filter
        self.readsAhead = max(0, readsAhead)
        self.planCursor = filter.until
        if case .timeWindows(let maximum) = provider.pagingStyle { sizing = WindowSizing(maximum: maximum, rule: WindowSizing.bulk) }
    }

    deinit { for entry in inFlight { entry.answer.cancel() } }

    func next() async throws -> CallBatch? {
        guard !finished else { return nil }
        if inFlight.isEmpty {
            guard let request = plan() else {
                finished = true
                return nil
            }
            inFlight.append((request, start(request)))
            // Windows: the first round goes out whole, `readsAhead` windows of the first
            // length at once: over a slow link a lone first window costs a round trip of its
            // own (a busy day at 200 ms per request: 0.92 s instead of 1.13 s), while a quiet
            // range pays a few short windows more. Numbered pages wait for page 1's total.
            if !askedFirstRound, sizing != nil {
                while inFlight.count < readsAhead, let following = plan() { inFlight.append((following, start(following))) }
            }
        }
        askedFirstRound = true
        let (request, answer) = inFlight.removeFirst()
        let segment = try await withTaskCancellationHandler { try await answer.value } onCancel: { answer.cancel() }
        let scannedBack = advance(past: request, segment)
        if finished {
            for entry in inFlight { entry.answer.cancel() }
            inFlight.removeAll()
        } else {
            // Windows still growing are asked one at a time, each sized by the answer before.
            topUp(to: readsAhead)
        }
        let fresh = previousIDs.isEmpty ? segment.calls : segment.calls.filter { !previousIDs.contains($0.id) }
        switch provider.pagingStyle {
        case .numberedPages:
            previousIDs = Set(segment.calls.map(\.id))
        case .timeWindows:
            // Adjacent windows can only share calls of their boundary second: remember those,
            // not the whole window (a busy day is 100,000 ids).
            let boundary = (scannedBack ?? filter.since).addingTimeInterval(1)
            previousIDs = Set(segment.calls.lazy.filter { ($0.startTime ?? .distantPast) < boundary }.map(\.id))
        }
        return CallBatch(calls: fresh, reportedTotal: segment.reportedTotal, scannedBackTo: scannedBack, stored: segment.stored)
    }

    /// Plans and starts segments until `count` are on their way; none while windows still
    /// grow, so each answer sizes the next.
    private func topUp(to count: Int) {
        let limit = sizing?.isGrowing == true ? 0 : count
        while inFlight.count < limit, let following = plan() { inFlight.append((following, start(following))) }
    }

    private func start(_ request: SegmentRequest) -> Task<Segment, any Error> {
        let provider = self.provider
        let filter = self.filter
        return Task { try await provider.segment(request, matching: filter) }
    }

    /// The page or window after the last one planned; nil once the range is planned to its end.
    private func plan() -> SegmentRequest? {
        guard !planned else { return nil }
        switch provider.pagingStyle {
        case .numberedPages:
            if let lastPage, planPage > lastPage { return nil }
            defer { planPage += 1 }
            return .page(planPage)
        case .timeWindows(let maximum):
            let length = max(60, min(maximum, sizing?.seconds ?? maximum))
            let since = max(filter.since, planCursor.addingTimeInterval(-TimeInterval(length)))
            defer {
                planCursor = since
                planned = since <= filter.since
            }
            return .window(since: since, until: planCursor)
        }
    }

    /// Moves past `request` now that `segment` answered it; returns how far back that reached.
    private func advance(past request: SegmentRequest, _ segment: Segment) -> Date? {
        switch (provider.pagingStyle, request) {
        case (.numberedPages(let size), .page(let number)):
            let total = segment.reportedTotal ?? 0
            let (reached, overflow) = number.multipliedReportingOverflow(by: max(1, size))
            finished = segment.receivedCount == 0 || (segment.reportedTotal != nil ? overflow || reached >= total : segment.receivedCount < size)
            if let reported = segment.reportedTotal, size > 0 {
                lastPage = reported / size + (reported % size == 0 ? 0 : 1)
            }
            return segment.calls.last?.startTime
        case (.numberedPages, .window):
            finished = true
            return nil
        case (.timeWindows, .window(let since, let until)):
            sizing?.record(received: segment.receivedCount, length: Int64(until.timeIntervalSince(since).rounded()))
            finished = since <= filter.since
            return since
        case (.timeWindows, .page):
            finished = true
            return nil
        }
    }
}
