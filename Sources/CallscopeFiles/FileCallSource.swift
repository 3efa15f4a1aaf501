import CallscopeDialects
import CallscopeDomain
import Foundation
import Synchronization

/// A saved file behind the same protocol as the provider clients, so the list, the detail,
/// find, filters, statistics and export work on it unchanged. It reads as numbered pages with
/// an exact total. The whole file, unfiltered, is paged straight from the index, decoding only
/// the page asked for; a time range is answered from the index's start times; any other filter
/// decodes every record once and keeps the positions that match (docs/ARCHITECTURE.md, "Saved files").
public final class FileCallSource: CallProvider {
    public let file: SavedFile
    public static let pageSize = 200
    /// The positions (newest first) of the last few filters asked for, most recent last: pages
    /// of one filter are asked for one after another, and an export or the statistics may read
    /// one filter while the list reads another.
    private let recentMatches = Mutex<[(filter: CallFilter, positions: Positions)]>([])
    static let rememberedFilters = 4

    enum Positions: Sendable {
        case all(Int)
        case some([Int32])

        var count: Int {
            switch self {
            case .all(let count): return count
            case .some(let positions): return positions.count
            }
        }

        subscript(index: Int) -> Int {
            switch self {
            case .all: return index
            case .some(let positions): return Int(positions[index])
            }
        }
    }

    public init(file: SavedFile) {
        self.file = file
    }

    public var providerID: ProviderID { file.provider }
    public var pagingStyle: PagingStyle { .numberedPages(size: Self.pageSize) }

    /// Every part is applied here, on this machine.
    public func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [] }

    public func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .page(let page) = request, page >= 1 else {
            throw ProviderError(kind: .configuration, provider: providerID, summary: "a saved file is read in numbered pages", advice: "")
        }
        let positions = try matching(filter)
        let (first, overflow) = (page - 1).multipliedReportingOverflow(by: Self.pageSize)
        guard !overflow, first < positions.count else {
            return Segment(calls: [], reportedTotal: positions.count, receivedCount: 0)
        }
        let end = min(positions.count, first + Self.pageSize)
        var calls: [Call] = []
        calls.reserveCapacity(end - first)
        for index in first..<end {
            if let call = file.call(at: positions[index]) { calls.append(call) }
        }
        return Segment(calls: calls, reportedTotal: positions.count, receivedCount: calls.count)
    }

    /// The positions of the calls `filter` matches, newest first.
    func matching(_ filter: CallFilter) throws -> Positions {
        if let cached = recentMatches.withLock({ recent in recent.last { $0.filter == filter } }) { return cached.positions }
        let positions = try computeMatching(filter)
        recentMatches.withLock { recent in
            recent.removeAll { $0.filter == filter }
            recent.append((filter, positions))
            if recent.count > Self.rememberedFilters { recent.removeFirst() }
        }
        return positions
    }

    private func computeMatching(_ filter: CallFilter) throws -> Positions {
        let count = file.count
        var onlyTime = filter
        onlyTime.since = .distantPast
        onlyTime.until = .distantFuture
        onlyTime.untilIsNow = false
        let timeOnly = onlyTime == CallFilter(since: .distantPast, until: .distantFuture)
        if timeOnly {
            if let span = file.span, filter.since <= span.lowerBound, filter.until > span.upperBound { return .all(count) }
            // The index knows each start: no record is decoded (a call without one passes, as `CallMatcher` lets it).
            var positions: [Int32] = []
            for position in 0..<count {
                if let start = file.start(at: position), start < filter.since || start >= filter.until { continue }
                positions.append(Int32(truncatingIfNeeded: position))
            }
            return .some(positions)
        }
        let matcher = CallMatcher(filter)
        var positions: [Int32] = []
        for position in 0..<count {
            if position % 4096 == 0 { try Task.checkCancellation() }
            if let start = file.start(at: position), start < filter.since || start >= filter.until { continue }
            if let call = file.call(at: position), matcher.matches(call) { positions.append(Int32(truncatingIfNeeded: position)) }
        }
        return .some(positions)
    }

    public func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        let found: (Call) -> Bool = { $0.id == id || $0.alternateId == id }
        // Records holding the id's bytes first. Then every record: a record may have escaped
        // the id, or named none (its id is then made from its content, and is not in the file).
        let candidates = file.positions(holding: id)
        for position in candidates {
            if let call = file.call(at: position), found(call) { return call }
        }
        let tried = Set(candidates)
        for position in 0..<file.count where !tried.contains(position) {
            if position % 4096 == 0 { try Task.checkCancellation() }
            if let call = file.call(at: position), found(call) { return call }
        }
        throw ProviderError(kind: .notFound, provider: providerID, summary: "\(SafeText.sanitize(file.name)) holds no call '\(id)'",
                            advice: "check the id; `callscope list --file` lists the calls the file holds")
    }
}
