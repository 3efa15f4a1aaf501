import CallscopeDialects
import CallscopeDomain
import Foundation
import Synchronization

/// A provider read through the local store (docs/ARCHITECTURE.md, "The local store"): a range
/// that has closed (ended longer than the settling time ago) and is held whole is answered from
/// the store with no request; a closed range read from the provider is kept; an open one is
/// always asked. Offline, or when the provider cannot be reached, the store answers alone and
/// says what it holds. Nothing above knows which answered but `Segment.stored`.
public struct StoredCallProvider: CallProvider {
    public let inner: any CallProvider
    let store: HistoryStore
    let source: Int64
    /// A range is closed once its end is this long ago: the provider's records no longer change.
    let settle: TimeInterval
    let offline: Bool
    let now: @Sendable () -> Date
    /// Numbered pages of closed ranges read so far, until every page of one has come.
    let pages = PageLedger()

    public static let defaultSettle: TimeInterval = 2 * 3_600

    public init(wrapping inner: any CallProvider, store: HistoryStore, source: StoreSource, settle: TimeInterval = Self.defaultSettle,
                offline: Bool = false, now: @escaping @Sendable () -> Date = Date.init) throws(StoreError) {
        self.inner = inner
        self.store = store
        self.source = try store.sourceID(source)
        self.settle = max(0, settle)
        self.offline = offline
        self.now = now
    }

    public var providerID: ProviderID { inner.providerID }
    public var pagingStyle: PagingStyle { inner.pagingStyle }
    public var maxRequestsInFlight: Int { inner.maxRequestsInFlight }
    public var filterableFields: Set<CallFilter.Field> { inner.filterableFields }
    public func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { inner.serverSideFields(for: filter) }
    public var requestBudget: Int? { inner.requestBudget }

    /// A range the store holds is read whole (it costs no request); else as the provider samples.
    public func samplePages(_ filter: CallFilter, pages: Int, budget: Int) -> [Int]? {
        if offline || held(filter) != nil { return nil }
        return inner.samplePages(filter, pages: pages, budget: budget)
    }

    /// Exact where the store answers (every part is then applied here), else as the provider counts.
    public func countsExactly(_ filter: CallFilter) -> Bool {
        if case .numberedPages = pagingStyle, held(filter) != nil { return true }
        // Offline, a range not held whole is counted from what happens to be stored: a bound.
        if offline { return false }
        return inner.countsExactly(filter)
    }

    /// The filter as the provider is asked it (its server-side parts only: the whole answer is
    /// what the store keeps), and the text that keys what a stored range holds.
    func asked(_ filter: CallFilter) -> (filter: CallFilter, key: String) {
        let asked = filter.keeping(inner.serverSideFields(for: filter))
        return (asked, asked.partsText)
    }

    /// The end of closed history now.
    var closedBefore: Date { now().addingTimeInterval(-settle) }

    /// When `filter`'s range is closed and held whole (for its server-side parts, or for every
    /// call): as of when.
    func held(_ filter: CallFilter) -> Date? {
        guard filter.until <= closedBefore, filter.since < filter.until else { return nil }
        let range = filter.since.timeIntervalSince1970..<filter.until.timeIntervalSince1970
        // `r` asked for this range from the provider: not answered from the store until re-read.
        guard !pages.isRefreshing(range) else { return nil }
        for key in Set([asked(filter).key, ""]) {
            if let (coverage, asOf) = try? pages.coverage(key, load: { () throws(StoreError) in try store.coverage(source: source, filter: key) }),
               coverage.covers(range) {
                return asOf ?? now()
            }
        }
        return nil
    }

    public func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        if offline { return try fromStoreAlone(request, filter, reason: .offline) }
        do {
            switch request {
            case .window(let since, let until):
                return try await window(since: since, until: until, filter)
            case .page(let number):
                return try await page(number, filter)
            }
        } catch let error as ProviderError where error.kind == .network || error.kind == .timeout {
            var answer = try fromStoreAlone(request, filter, reason: .unreachable(error.summary))
            // Nothing held either: the provider's own words say more than an empty answer.
            if answer.calls.isEmpty, answer.stored?.held.isEmpty != false { throw error }
            answer.stored?.instead = .unreachable(error.summary)
            return answer
        }
    }

    // MARK: Windows (VOXO)

    private func window(since: Date, until: Date, _ filter: CallFilter) async throws -> Segment {
        var range = filter
        (range.since, range.until) = (since, until)
        let edge = closedBefore
        if let asOf = held(range) { return try windowFromStore(range, asOf: asOf) }
        let (asked, key) = asked(range)
        if until <= edge {
            let answer = try await inner.segment(.window(since: since, until: until), matching: asked)
            try keep(answer.calls, holding: since..<until, key: key)
            pages.reread(since..<until)
            return matched(answer, filter)
        }
        guard since < edge else { return try await inner.segment(.window(since: since, until: until), matching: filter) }
        // Across the edge: the closed part asked on its own, so it can be kept.
        async let open = inner.segment(.window(since: edge, until: until), matching: asked)
        let closed = try await inner.segment(.window(since: since, until: edge), matching: asked)
        try keep(closed.calls, holding: since..<edge, key: key)
        pages.reread(since..<edge)
        let recent = try await open
        return matched(Segment(calls: recent.calls + closed.calls, receivedCount: recent.receivedCount + closed.receivedCount), filter)
    }

    private func windowFromStore(_ range: CallFilter, asOf: Date) throws -> Segment {
        let (calls, oldest) = try store.calls(source: source, in: range.since..<range.until)
        let asked = CallMatcher(self.asked(range).filter)
        let answered = calls.filter(asked.matches)
        return Segment(calls: answered.filter(CallMatcher(range).matches), receivedCount: answered.count, stored: StoredAnswer(asOf: min(asOf, oldest ?? asOf)))
    }

    // MARK: Numbered pages (Vobiz)

    private func page(_ number: Int, _ filter: CallFilter) async throws -> Segment {
        guard case .numberedPages(let size) = pagingStyle else { return try await inner.segment(.page(number), matching: filter) }
        // A range reaching into the open hours: its whole closed days apart (kept), the rest asked.
        if let parts = split(filter) { return try await mergedPage(number, size: size, filter, parts) }
        guard filter.until <= closedBefore else { return try await inner.segment(.page(number), matching: filter) }
        if let asOf = held(filter) { return try pageFromStore(number, size: size, filter, stored: StoredAnswer(asOf: asOf)) }
        // Vobiz counts and pages whole UTC days: an hour of a closed day is asked as its days
        // (the same requests the provider needs for it), so the days are kept whole and the
        // next hour of them (`watch`'s baselines) costs no request.
        let days = filter.isWholeUTCDays ? filter : Self.wholeUTCDays(around: filter)
        guard days.until <= closedBefore else { return try await inner.segment(.page(number), matching: filter) }
        let (asked, key) = asked(days)
        let answer = try await inner.segment(.page(number), matching: asked)
        let complete = record(page: number, of: PagedRange(key: key, since: days.since, until: days.until), size: size, answer: answer)
        try keep(answer.calls, holding: complete ? days.since..<days.until : nil, key: key)
        if complete { pages.reread(days.since..<days.until) }
        return matched(answer, filter)
    }

    /// `filter` over the UTC days its range touches.
    static func wholeUTCDays(around filter: CallFilter) -> CallFilter {
        var days = filter
        let start = (filter.since.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        let end = (filter.until.timeIntervalSince1970 / 86_400).rounded(.up) * 86_400
        days.since = Date(timeIntervalSince1970: start)
        days.until = Date(timeIntervalSince1970: max(end, start + 86_400))
        return days
    }

    /// Keeps `calls` of `key`'s filter, and where `holding` names a range, that it is held now.
    func keep(_ calls: [Call], holding range: Range<Date>?, key: String) throws {
        try store.keep(calls, source: source, holding: range, filter: key, at: now())
        if range != nil { pages.forgetCoverage() }
    }

    /// Notes that page `number` came; true once every page of the range has (with one total).
    func record(page number: Int, of range: PagedRange, size: Int, answer: Segment) -> Bool {
        pages.read.withLock { pages in
            var read = pages[range] ?? PagesRead()
            if read.total != answer.reportedTotal { read = PagesRead(total: answer.reportedTotal) }
            read.numbers.insert(number)
            let total = answer.reportedTotal ?? 0
            let last = max(1, total / max(1, size) + (total % max(1, size) == 0 ? 0 : 1))
            let complete = answer.reportedTotal != nil && (1...last).allSatisfy(read.numbers.contains)
            pages[range] = complete ? nil : read
            return complete
        }
    }

    /// Page `number` of the stored calls, as the provider would page them: its server-side parts
    /// decide the pages and the total, every part the calls.
    func pageFromStore(_ number: Int, size: Int, _ filter: CallFilter, stored: StoredAnswer) throws -> Segment {
        let (asked, key) = self.asked(filter)
        let (listed, oldest) = try pages.listing(PagedRange(key: key, since: filter.since, until: filter.until)) { () throws(StoreError) in
            let (calls, oldest) = try store.calls(source: source, in: filter.since..<filter.until)
            return (calls.filter(CallMatcher(asked).matches), oldest)
        }
        let (first, overflow) = (number - 1).multipliedReportingOverflow(by: max(1, size))
        let slice = overflow || number < 1 || first >= listed.count ? [] : Array(listed[first..<min(listed.count, first + size)])
        var answer = stored
        if let oldest { answer.asOf = min(answer.asOf, oldest) }
        return Segment(calls: slice.filter(CallMatcher(filter).matches), reportedTotal: listed.count, receivedCount: slice.count, stored: answer)
    }

    // MARK: The store alone

    /// Offline (or the provider unreachable): what the store holds of the range, all of it,
    /// saying which ranges it holds whole.
    private func fromStoreAlone(_ request: SegmentRequest, _ filter: CallFilter, reason: StoredAnswer.Reason) throws -> Segment {
        let key = asked(filter).key
        var held = Coverage()
        var asOf: Date?
        for key in Set([key, ""]) {
            let (coverage, at) = try store.coverage(source: source, filter: key)
            for range in coverage.ranges { held.insert(range) }
            if let at { asOf = min(asOf ?? at, at) }
        }
        let answer = StoredAnswer(asOf: asOf ?? now(), instead: reason,
                                  held: held.ranges.map { Date(timeIntervalSince1970: $0.lowerBound)..<Date(timeIntervalSince1970: $0.upperBound) })
        switch request {
        case .window(let since, let until):
            var range = filter
            (range.since, range.until) = (since, until)
            var segment = try windowFromStore(range, asOf: answer.asOf)
            segment.stored = answer
            return segment
        case .page(let number):
            guard case .numberedPages(let size) = pagingStyle else { return Segment(calls: [], receivedCount: 0, stored: answer) }
            return try pageFromStore(number, size: size, filter, stored: answer)
        }
    }

    func matched(_ answer: Segment, _ filter: CallFilter) -> Segment {
        Segment(calls: answer.calls.filter(CallMatcher(filter).matches), reportedTotal: answer.reportedTotal, receivedCount: answer.receivedCount)
    }

    /// `r`: the range is read from the provider again (and kept anew). What the store holds of it
    /// stays held meanwhile, for `--offline` and for a read that is stopped before it is whole.
    public func forgetHeld(_ filter: CallFilter) {
        guard filter.since < filter.until else { return }
        pages.refresh(filter.since.timeIntervalSince1970..<filter.until.timeIntervalSince1970)
        pages.forgetListing()
    }

    // MARK: Counts and single calls

    /// From the store where the range is held (no request), else the provider's.
    public func countByOutcome(_ filter: CallFilter) async throws -> OutcomeCounts? {
        guard held(filter) != nil else { return offline ? nil : try await inner.countByOutcome(filter) }
        let matcher = CallMatcher(filter)
        let calls = try store.calls(source: source, in: filter.since..<filter.until).calls.filter(matcher.matches)
        var counts = OutcomeCounts(calls: calls.count, answered: 0, busy: 0, noAnswer: 0, failed: 0)
        for call in calls {
            switch call.status {
            case .answered: counts.answered += 1
            case .busy: counts.busy += 1
            case .noAnswer: counts.noAnswer += 1
            case .failed: counts.failed += 1
            case .other, nil: break
            }
        }
        return counts
    }

    public func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        // A window's record is the call's whole record (VOXO); a list row may not be (Vobiz).
        if offline || providerID == .voxo, let stored = try store.call(source: source, id: id) { return stored }
        if offline {
            throw ProviderError(kind: .notFound, provider: providerID, status: nil,
                                summary: "the local store holds no call '\(SafeText.sanitize(id))' for this scope, and --offline asks no provider",
                                advice: "run without --offline to ask \(providerID.displayName)")
        }
        return try await inner.call(id: id, within: filter, progress: progress)
    }

    public func fullDetail(of summary: Call, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        if offline { return try store.call(source: source, id: summary.id) ?? summary }
        if providerID == .voxo, let stored = try store.call(source: source, id: summary.id) { return stored }
        return try await inner.fullDetail(of: summary, within: filter, progress: progress)
    }
}

/// A closed range of numbered pages, by the filter parts it was asked with.
struct PagedRange: Hashable {
    let key: String
    let since: Date
    let until: Date
}

/// The pages read per range, and the last range listed from the store (a walk asks for its
/// pages one by one: the range is read and decoded once, not once a page). Shared by every copy
/// of the provider.
final class PageLedger: Sendable {
    let read = Mutex<[PagedRange: PagesRead]>([:])
    private let listed = Mutex<(range: PagedRange, calls: [Call], oldest: Date?)?>(nil)

    func forgetListing() { listed.withLock { $0 = nil } }

    /// What the store holds per filter key, read once and again only after this process kept a
    /// range: `countsExactly` asks on every render of the count, which must not cost a query.
    private let coverages = Mutex<[String: (coverage: Coverage, asOf: Date?)]>([:])

    func coverage(_ key: String, load: () throws(StoreError) -> (Coverage, Date?)) throws(StoreError) -> (Coverage, Date?) {
        try coverages.withLock { (cache) throws(StoreError) -> (Coverage, Date?) in
            if let known = cache[key] { return (known.coverage, known.asOf) }
            let (coverage, asOf) = try load()
            cache[key] = (coverage, asOf)
            return (coverage, asOf)
        }
    }

    func forgetCoverage() { coverages.withLock { $0.removeAll() } }

    /// The closed days' pages of an open range asked so far (on their way or answered), until
    /// the days are held and the store answers them.
    private let closedPages = Mutex<[PagedRange: [Int: Task<Segment, any Error>]]>([:])

    /// The task asking for page `number`: one already on its way or answered, else `start()`'s.
    func closedPage(_ range: PagedRange, _ number: Int, start: () -> Task<Segment, any Error>) -> Task<Segment, any Error> {
        closedPages.withLock { pages in
            if let running = pages[range]?[number] { return running }
            let task = start()
            pages[range, default: [:]][number] = task
            return task
        }
    }
    func forgetClosedPage(_ range: PagedRange, _ number: Int) { closedPages.withLock { $0[range]?[number] = nil } }
    func forgetClosedPages(_ range: PagedRange) { closedPages.withLock { $0[range] = nil } }

    /// Where the open part's calls end among the pages, by its filter, once a short page said it,
    /// and when: new calls move it, so it is trusted for a walk's length only (`openEndLife`).
    private let openEnds = Mutex<[PagedRange: (end: Int, at: Date)]>([:])
    static let openEndLife: TimeInterval = 15
    func openEnd(_ range: PagedRange, now: Date) -> Int? {
        openEnds.withLock { ends in ends[range].flatMap { now.timeIntervalSince($0.at) < Self.openEndLife ? $0.end : nil } }
    }
    func setOpenEnd(_ range: PagedRange, _ end: Int, at now: Date) { openEnds.withLock { $0[range] = (end, now) } }

    /// Ranges `r` asked for again, each with what has been read again of it since.
    private let refreshing = Mutex<[(range: Range<Double>, reread: Coverage)]>([])

    func refresh(_ range: Range<Double>) {
        refreshing.withLock { $0.append((range, Coverage())) }
    }

    func isRefreshing(_ range: Range<Double>) -> Bool {
        refreshing.withLock { entries in entries.contains { $0.range.overlaps(range) } }
    }

    /// `range` was read from the provider and kept: a refresh it completes is over.
    func reread(_ range: Range<Date>) {
        let seconds = range.lowerBound.timeIntervalSince1970..<range.upperBound.timeIntervalSince1970
        refreshing.withLock { entries in
            for index in entries.indices where entries[index].range.overlaps(seconds) { entries[index].reread.insert(seconds) }
            entries.removeAll { $0.reread.covers($0.range) }
        }
    }

    /// The stored calls of `range` as the provider lists them, read by `load` on first use.
    func listing(_ range: PagedRange, load: () throws(StoreError) -> ([Call], Date?)) throws(StoreError) -> ([Call], Date?) {
        try listed.withLock { (listed) throws(StoreError) -> ([Call], Date?) in
            if let listed, listed.range == range { return (listed.calls, listed.oldest) }
            let (calls, oldest) = try load()
            listed = (range, calls, oldest)
            return (calls, oldest)
        }
    }
}

struct PagesRead {
    var total: Int?
    var numbers: Set<Int> = []
}
