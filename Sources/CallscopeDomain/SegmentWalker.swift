import Foundation

/// Reads a provider's segments in order for `CallProvider.calls(matching:)`, dropping calls
/// seen in the previous segment (numbered pages shift when new calls arrive).
actor SegmentWalker {
    let provider: any CallProvider
    let filter: CallFilter
    private var page = 1
    private var cursor: Date
    private var finished = false
    private var previousIDs: Set<String> = []
    /// Windowed providers: the next window's length. A window's calls are all held until it is
    /// sorted and handed on, so windows are sized to hold a few thousand calls, not a busy
    /// day's 100,000 (memory stays flat): an hour first, four times longer while answers are
    /// sparse, half as long after a crowded one, never over the provider's limit.
    private var windowSeconds: Int64 = SegmentWalker.firstWindowSeconds
    static let firstWindowSeconds: Int64 = 3_600
    static let sparseWindowCalls = 2_500
    static let crowdedWindowCalls = 10_000

    /// Whether the next segment is requested while the caller handles this one, so the
    /// provider's time and ours overlap. Only for callers that read to the end (`list --limit
    /// 0`, `stats`): one that stops early would have asked for a segment it never uses.
    let readsAhead: Bool
    private var ahead: Task<Segment, any Error>?
    private var aheadRequest: SegmentRequest?

    init(provider: any CallProvider, filter: CallFilter, readsAhead: Bool = false) {
        self.provider = provider
        self.filter = filter
        self.readsAhead = readsAhead
        self.cursor = filter.until
    }

    deinit { ahead?.cancel() }

    func next() async throws -> CallBatch? {
        guard !finished else { return nil }
        let request: SegmentRequest
        let segment: Segment
        if let ahead, let aheadRequest {
            request = aheadRequest
            self.ahead = nil
            self.aheadRequest = nil
            segment = try await withTaskCancellationHandler { try await ahead.value } onCancel: { ahead.cancel() }
        } else {
            request = plannedRequest()
            segment = try await provider.segment(request, matching: filter)
        }
        let scannedBack = advance(past: request, segment)
        if readsAhead, !finished {
            let following = plannedRequest()
            let provider = self.provider
            let filter = self.filter
            aheadRequest = following
            ahead = Task { try await provider.segment(following, matching: filter) }
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
        return CallBatch(calls: fresh, reportedTotal: segment.reportedTotal, scannedBackTo: scannedBack)
    }

    /// The page or window after the last one read.
    private func plannedRequest() -> SegmentRequest {
        switch provider.pagingStyle {
        case .numberedPages:
            return .page(page)
        case .timeWindows(let maximum):
            let length = max(60, min(maximum, windowSeconds))
            return .window(since: max(filter.since, cursor.addingTimeInterval(-TimeInterval(length))), until: cursor)
        }
    }

    /// Moves past `request` now that `segment` answered it; returns how far back that reached.
    private func advance(past request: SegmentRequest, _ segment: Segment) -> Date? {
        switch (provider.pagingStyle, request) {
        case (.numberedPages(let size), _):
            let total = segment.reportedTotal ?? 0
            finished = segment.receivedCount == 0 || (segment.reportedTotal != nil ? page * size >= total : segment.receivedCount < size)
            page += 1
            return segment.calls.last?.startTime
        case (.timeWindows(let maximum), .window(let since, let until)):
            let length = Int64(until.timeIntervalSince(since).rounded())
            if segment.receivedCount < Self.sparseWindowCalls {
                windowSeconds = min(maximum, length.multipliedReportingOverflow(by: 4).overflow ? maximum : max(60, length) * 4)
            } else if segment.receivedCount > Self.crowdedWindowCalls {
                windowSeconds = max(60, length / 2)
            }
            cursor = since
            finished = since <= filter.since
            return since
        case (.timeWindows, .page):
            finished = true
            return nil
        }
    }
}
