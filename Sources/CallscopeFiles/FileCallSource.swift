import CallscopeDialects
import CallscopeDomain
import Foundation
import Synchronization

/// A saved file behind the same protocol as the provider clients, so the list, the detail,
/// find, filters, statistics and export work on it unchanged. It reads as numbered pages with
/// an exact total. The whole file, unfiltered, is paged straight from the index, decoding only
/// the page asked for; a time range is answered from the index's start times; any other filter
/// decodes every record once and keeps the positions that match. A large file opened head
/// first answers its first page from its first records while a thread of its own indexes it
/// (docs/ARCHITECTURE.md, "Saved files").
public final class FileCallSource: SettlingCallSource {
    /// What was known of the file when it opened: final when it was indexed at once; its head's
    /// (the span of its first and last calls, no problem yet) when it opened head first.
    public let summary: SavedFileSummary
    public static let pageSize = 200
    /// Files this large open head first, when asked to: smaller ones are indexed in a few milliseconds.
    public static let headFirstBytes = 4 << 20
    private let head: FileHead?
    private let index: BackgroundIndex
    /// The zone the file's days are told in (its VOXO times were read in it).
    private let zone: ZoneClock
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

    /// A file already indexed.
    public init(file: SavedFile, zone: ZoneClock) {
        summary = file.summary
        head = nil
        index = BackgroundIndex(built: file)
        self.zone = zone
    }

    private init(_ detected: DetectedFile, zone: ZoneClock, headFirstAbove: Int, indexRunner: @escaping BackgroundIndex.Runner = BackgroundIndex.onDispatch) {
        self.zone = zone
        let build: @Sendable () -> SavedFile = { SavedFile(detected, zone: zone) }
        if detected.bytes.count >= headFirstAbove, let head = FileHead.read(detected, zone: zone, records: Self.pageSize) {
            self.head = head
            summary = head.summary
            index = BackgroundIndex(building: build, runner: indexRunner)
        } else {
            let file = build()
            head = nil
            summary = file.summary
            index = BackgroundIndex(built: file)
        }
    }

    /// Opens the file at `path`. `zone`: the zone a VOXO answer was requested in. With
    /// `headFirst` (the browser), a large file in time order is shown from its first records at
    /// once and indexed behind them; otherwise it is indexed before this returns.
    public static func open(path: String, zone: ZoneClock, headFirst: Bool) throws(SavedFileError) -> FileCallSource {
        FileCallSource(try DetectedFile.open(path: path), zone: zone, headFirstAbove: headFirst ? headFirstBytes : .max)
    }

    /// A file already in memory (tests), opened as `open` opens one: head first from
    /// `headFirstAbove` bytes, its index's pass run by `indexRunner` (tests hold it back).
    static func read(_ contents: [UInt8], name: String, zone: ZoneClock, headFirstAbove: Int = .max,
                     indexRunner: @escaping BackgroundIndex.Runner = BackgroundIndex.onDispatch) throws(SavedFileError) -> FileCallSource {
        FileCallSource(try DetectedFile.read(contents, name: name), zone: zone, headFirstAbove: headFirstAbove, indexRunner: indexRunner)
    }

    /// The calls `open` would show first for `contents`, read from its first `records` records,
    /// and the span it would take from its first and last calls (nil when it would be indexed
    /// first): the fuzzer holds them against the index.
    public static func head(of contents: [UInt8], name: String, zone: ZoneClock, records: Int) -> (calls: [Call], span: ClosedRange<Date>?)? {
        guard let detected = try? DetectedFile.read(contents, name: name) else { return nil }
        return FileHead.read(detected, zone: zone, records: records).map { ($0.calls, $0.summary.span) }
    }

    /// Whether the first page was read from the file's first records, before the index.
    public var openedHeadFirst: Bool { head != nil }

    public var isSettled: Bool { index.builtFile != nil }

    /// The file, indexed (waiting while it is being indexed).
    public func indexedFile() async -> SavedFile { await index.file() }

    public var providerID: ProviderID { summary.provider }
    public var pagingStyle: PagingStyle { .numberedPages(size: Self.pageSize) }

    /// Every part is applied here, on this machine.
    public func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [] }
    /// A file is read here whole, so its totals count exactly the calls that match.
    public func countsExactly(_ filter: CallFilter) -> Bool { true }

    public func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .page(let page) = request, page >= 1 else {
            throw ProviderError(kind: .configuration, provider: providerID, summary: "a saved file is read in numbered pages", advice: "")
        }
        if page == 1, let head, index.builtFile == nil, Self.isTimeOnly(filter), Self.covers(filter, head.summary.span) {
            // The whole file, still being indexed: its first records are its first page; the
            // total comes once it is indexed (`settled()`).
            return Segment(calls: head.calls, reportedTotal: nil, receivedCount: head.calls.count)
        }
        let file = await index.file()
        let positions = try matching(filter, in: file)
        let (first, overflow) = (page - 1).multipliedReportingOverflow(by: Self.pageSize)
        guard !overflow, first < positions.count else {
            return Segment(calls: [], reportedTotal: positions.count, receivedCount: 0)
        }
        let end = min(positions.count, first + Self.pageSize)
        var calls: [Call] = []
        calls.reserveCapacity(end - first)
        for row in first..<end {
            if let call = file.call(at: positions[row]) { calls.append(call) }
        }
        return Segment(calls: calls, reportedTotal: positions.count, receivedCount: calls.count)
    }

    /// The positions of the calls `filter` matches, newest first.
    func matching(_ filter: CallFilter, in file: SavedFile) throws -> Positions {
        if let cached = recentMatches.withLock({ recent in recent.last { $0.filter == filter } }) { return cached.positions }
        let positions = try computeMatching(filter, in: file)
        recentMatches.withLock { recent in
            recent.removeAll { $0.filter == filter }
            recent.append((filter, positions))
            if recent.count > Self.rememberedFilters { recent.removeFirst() }
        }
        return positions
    }

    /// Whether `filter`'s range holds every call of `span`.
    private static func covers(_ filter: CallFilter, _ span: ClosedRange<Date>?) -> Bool {
        guard let span else { return false }
        return filter.since <= span.lowerBound && filter.until > span.upperBound
    }

    /// Whether `filter` asks for nothing but a time range.
    private static func isTimeOnly(_ filter: CallFilter) -> Bool {
        var onlyTime = filter
        onlyTime.since = .distantPast
        onlyTime.until = .distantFuture
        onlyTime.untilIsNow = false
        return onlyTime == CallFilter(since: .distantPast, until: .distantFuture)
    }

    private func computeMatching(_ filter: CallFilter, in file: SavedFile) throws -> Positions {
        let count = file.count
        if Self.isTimeOnly(filter) {
            if Self.covers(filter, file.span) { return .all(count) }
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
        let file = await index.file()
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
        throw ProviderError(kind: .notFound, provider: providerID, summary: "\(SafeText.sanitize(summary.name)) holds no call '\(id)'",
                            advice: "check the id; `callscope list --file` lists the calls the file holds")
    }

    /// Once indexed: whether the first page shown from the head stands (the file was newest
    /// first throughout), whether its calls reach outside the days its first and last calls
    /// gave (the range a file opens with is those whole days), and where reading stopped. A file
    /// indexed at once has nothing to add.
    public func settled() async -> SourceSettlement {
        let file = await index.file()
        guard let head, let shown = head.summary.span else { return SourceSettlement(earlierAnswersStand: true) }
        let name = SafeText.sanitize(summary.name)
        let stands = file.keepsStoredOrder && file.count >= head.calls.count
        var notice: String?
        let days = file.span.map { (first: zone.day(of: $0.lowerBound), last: zone.day(of: $0.upperBound)) }
        if let days, days.first < zone.day(of: shown.lowerBound) || days.last > zone.day(of: shown.upperBound) {
            notice = "\(name) is not in time order throughout: its calls run from \(days.first) to \(days.last), "
                + "beyond the days its first and last calls gave (widen the range to see them all)"
        } else if !stands {
            notice = "\(name) is not in time order throughout: its calls are shown sorted now"
        }
        return SourceSettlement(earlierAnswersStand: stands, notice: notice, problem: file.problem)
    }
}
