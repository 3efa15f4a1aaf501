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

    init(provider: any CallProvider, filter: CallFilter) {
        self.provider = provider
        self.filter = filter
        self.cursor = filter.until
    }

    func next() async throws -> CallBatch? {
        guard !finished else { return nil }
        let segment: Segment
        let scannedBack: Date?
        switch provider.pagingStyle {
        case .numberedPages(let size):
            segment = try await provider.segment(.page(page), matching: filter)
            let total = segment.reportedTotal ?? 0
            finished = segment.receivedCount == 0 || (segment.reportedTotal != nil ? page * size >= total : segment.receivedCount < size)
            page += 1
            scannedBack = segment.calls.last?.startTime
        case .timeWindows(let maximum):
            let length = max(60, min(maximum, windowSeconds))
            let since = max(filter.since, cursor.addingTimeInterval(-TimeInterval(length)))
            segment = try await provider.segment(.window(since: since, until: cursor), matching: filter)
            if segment.receivedCount < Self.sparseWindowCalls {
                windowSeconds = min(maximum, length.multipliedReportingOverflow(by: 4).overflow ? maximum : length * 4)
            } else if segment.receivedCount > Self.crowdedWindowCalls {
                windowSeconds = max(60, length / 2)
            }
            cursor = since
            finished = since <= filter.since
            scannedBack = since
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
}
