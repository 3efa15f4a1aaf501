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
            let since = max(filter.since, cursor.addingTimeInterval(-TimeInterval(maximum)))
            segment = try await provider.segment(.window(since: since, until: cursor), matching: filter)
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
