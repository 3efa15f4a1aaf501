import CallscopeDomain
import Foundation

/// The lazy paged list (docs/ARCHITECTURE.md, "Layers and data flow"): segments in order, newest first, rows fetched only
/// near the viewport, far segments dropped so memory stays bounded. A pure value: it
/// says which segments to fetch; the runtime fetches them and hands the answers back.
public struct CallList: Sendable {
    public let paging: PagingStyle
    public let range: (since: Date, until: Date)
    public private(set) var segments: [ListSegment] = []
    /// Row index where each segment starts; `rowStarts[i + 1] - rowStarts[i]` is its size.
    private var rowStarts: [Int] = [0]
    /// Numbered paging: the provider's total, once the first page said it.
    public private(set) var reportedTotal: Int?
    /// Numbered paging, for a total that proved wrong (an empty page inside it): the highest
    /// page known to hold calls and the lowest known to be empty. The end lies between them and
    /// is looked for by halves (`nextEndProbe`).
    public private(set) var lastFullPage = 0
    public private(set) var firstEmptyPage: Int?
    /// Rows up to the end of a short page, once one was seen: the list ends there.
    private var knownEnd: Int?
    /// Numbered paging: how many calls matched on each page answered so far, kept when the page
    /// is dropped, so the count knows when every page was read and how many matched in all.
    private var matchedByPage: [Int: Int] = [:]
    /// Windowed paging: the walk of the range's windows, newest first, with the screen rule
    /// (a quick first screen, then windows sized by their answers; docs/ARCHITECTURE.md,
    /// "Walking a provider"): the next older one is asked when the rows run out.
    private var walk: ProviderWalk?
    /// Windowed paging: where the next (older) window ends.
    public var frontier: Date { walk?.windowCursor ?? range.until }
    /// Most segments' worth of rows (100 each) held in memory at once.
    public let maximumLoadedSegments: Int
    /// Ids of segments holding calls, so eviction never walks every segment.
    private var loadedIDs: Set<Int> = []
    /// Rows the last look wanted loaded: never evicted, or the list would fetch them again.
    private var protectedRows: Range<Int> = 0..<0
    /// The newest call start seen, so a follow poll adds only what is newer.
    public private(set) var newestSeen: Date?
    /// Where the local store answered a segment instead of the provider: the oldest reading,
    /// and why the provider was not asked, if it was not (docs/ARCHITECTURE.md, "The local store").
    public private(set) var stored: StoredAnswer?
    private var nextSegmentID = 1
    private var indexByID: [Int: Int] = [:]

    public init(paging: PagingStyle, since: Date, until: Date, maximumLoadedSegments: Int = 12) {
        self.paging = paging
        self.range = (since, until)
        self.maximumLoadedSegments = max(3, maximumLoadedSegments)
        switch paging {
        case .numberedPages:
            // One page, until its answer says how many there are.
            segments = [makeSegment(.page(1), rowCount: 1)]
            rebuildRowStarts()
        case .timeWindows:
            walk = ProviderWalk(paging, filter: CallFilter(since: since, until: until), rule: WindowSizing.screen)
        }
    }

    // MARK: Rows

    /// Rows the list has now (placeholders included), not counting the "older calls" row.
    public var rowCount: Int { rowStarts[rowStarts.count - 1] }

    /// Windowed paging: whether older windows remain to be read (or the last is on its way).
    public var hasMoreWindows: Bool {
        if case .timeWindows = paging { return frontier > range.since || (segments.last?.isLoading ?? false) }
        return false
    }

    /// Windowed paging: whether a window not yet asked for remains.
    var hasUnrequestedWindows: Bool {
        if case .timeWindows = paging { return frontier > range.since }
        return false
    }

    /// Numbered paging: calls that matched on the pages answered so far.
    public var callsFoundOnPages: Int { matchedByPage.values.reduce(0, +) }

    /// Numbered paging: whether every page the total spans has been answered at least once, so
    /// `callsFoundOnPages` counts every matching call.
    public var everyPageRead: Bool {
        guard case .numberedPages(let size) = paging, size > 0, let total = reportedTotal else { return false }
        let pages = total == 0 ? 0 : ProviderWalk.pages(total: total, size: size)
        guard matchedByPage.count >= pages else { return false }
        return (0..<pages).allSatisfy { matchedByPage[$0 + 1] != nil }
    }

    /// Rows to show, the "older calls" row of a windowed list included.
    public var displayRowCount: Int { rowCount + (hasMoreWindows ? 1 : 0) }

    /// The segment holding `row`, and the row's offset inside it.
    public func locate(row: Int) -> (segment: Int, offset: Int)? {
        guard row >= 0, row < rowCount else { return nil }
        // The last start at or before `row`.
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if rowStarts[mid] <= row { lo = mid } else { hi = mid - 1 }
        }
        // Skip empty segments that share the start.
        var index = lo
        while index < segments.count - 1, rowStarts[index + 1] <= row { index += 1 }
        return (index, row - rowStarts[index])
    }

    public func rowStart(ofSegment index: Int) -> Int { rowStarts[index] }

    /// What row `row` shows.
    public enum Row: Sendable {
        case call(Call)
        case loading
        case failed(String)
        /// The windowed list's last row: more history to read, back to the frontier.
        case older(backTo: Date, loading: Bool)
    }

    public func row(_ row: Int) -> Row? {
        if row == rowCount, hasMoreWindows {
            return .older(backTo: frontier, loading: segments.last?.isLoading ?? false)
        }
        guard let (segment, offset) = locate(row: row) else { return nil }
        switch segments[segment].load {
        case .loaded(let calls): return offset < calls.count ? .call(calls[offset]) : .loading
        case .failed(let message): return .failed(message)
        case .unloaded, .loading, .evicted: return .loading
        }
    }

    /// The row showing the call with this id, among loaded segments.
    public func row(ofCallID id: String) -> Int? {
        for (index, segment) in segments.enumerated() {
            if let calls = segment.calls, let offset = calls.firstIndex(where: { $0.id == id }) {
                return rowStarts[index] + offset
            }
        }
        return nil
    }

    /// Every loaded call, in list order.
    public var loadedCalls: [Call] { segments.flatMap { $0.calls ?? [] } }

    // MARK: What to fetch

    /// Segments to fetch so rows `visible` and a horizon beyond them in the direction of
    /// travel are loaded. Marks them loading, so none is asked for twice.
    public mutating func requestsNeeded(visible: Range<Int>, movingDown: Bool, horizon: Int) -> [(id: Int, request: SegmentRequest)] {
        let ahead = movingDown ? horizon : horizon / 4
        let behind = movingDown ? horizon / 4 : horizon
        let wanted = max(0, visible.lowerBound - behind)..<max(visible.upperBound + ahead, visible.lowerBound + 1)
        protectedRows = wanted
        var result: [(id: Int, request: SegmentRequest)] = []
        if rowCount > 0, let first = locate(row: min(wanted.lowerBound, rowCount - 1)) {
            var index = first.segment
            while index < segments.count, rowStarts[index] < wanted.upperBound {
                if segments[index].isPlaceholderRun {
                    // Only the wanted pages of a run become segments of their own.
                    index = splitRun(at: index, row: max(wanted.lowerBound, rowStarts[index]))
                }
                if segments[index].needsFetch {
                    segments[index].load = .loading
                    result.append((segments[index].id, segments[index].request))
                }
                index += 1
            }
        }
        // Windowed: read the next older window when the wanted rows run past what is read.
        if hasUnrequestedWindows, wanted.upperBound >= rowCount, !(segments.last?.isLoading ?? false), let (_, request) = walk?.next() {
            var segment = makeSegment(request, rowCount: 0)
            segment.load = .loading
            segments.append(segment)
            rebuildRowStarts()
            result.append((segment.id, request))
        }
        return result
    }

    /// The next segment to read past the loaded ones after `row` (for a search that found
    /// nothing loaded), marked loading.
    public mutating func nextUnloaded(after row: Int) -> [(id: Int, request: SegmentRequest)] {
        let start = locate(row: max(0, min(row, rowCount - 1)))?.segment ?? 0
        for candidate in start..<segments.count where segments[candidate].needsFetch {
            let index = segments[candidate].isPlaceholderRun ? splitRun(at: candidate, row: rowStarts[candidate]) : candidate
            segments[index].load = .loading
            return [(segments[index].id, segments[index].request)]
        }
        if segments.contains(where: \.isLoading) { return [] }
        return requestsNeeded(visible: rowCount..<(rowCount + 1), movingDown: true, horizon: 0)
    }

    /// Marks one segment as being fetched; nil if it needs no fetch or is already on its way.
    /// A placeholder run gives up its page nearest the side the caller comes from.
    public mutating func startLoading(segmentAt candidate: Int, fromEnd: Bool = false) -> (id: Int, request: SegmentRequest)? {
        guard segments.indices.contains(candidate), segments[candidate].needsFetch else { return nil }
        var index = candidate
        if segments[candidate].isPlaceholderRun {
            index = splitRun(at: candidate, row: fromEnd ? rowStarts[candidate + 1] - 1 : rowStarts[candidate])
        }
        segments[index].load = .loading
        return (segments[index].id, segments[index].request)
    }

    /// Every segment that failed, back to unloaded so the next look fetches it again.
    public mutating func resetFailed() {
        for index in segments.indices {
            if case .failed = segments[index].load { segments[index].load = .unloaded }
        }
    }

    // MARK: Answers

    /// Puts a fetched segment in place. Calls already shown in a neighbouring segment (pages
    /// shift when new calls arrive) are dropped. Returns false for a segment that is not
    /// waiting for an answer (a late or repeated one).
    @discardableResult
    public mutating func receive(_ answer: Segment, segmentID: Int) -> Bool {
        guard let index = indexByID[segmentID], segments[index].isLoading else { return false }
        if let answered = answer.stored { stored = stored?.including(answered) ?? answered }
        var neighbours = Set<String>()
        for other in [index - 1, index + 1] where segments.indices.contains(other) {
            for call in segments[other].calls ?? [] { neighbours.insert(call.id) }
        }
        var seen = Set<String>()
        let calls = answer.calls.filter { !neighbours.contains($0.id) && seen.insert($0.id).inserted }
        segments[index].load = .loaded(calls)
        segments[index].rowCount = calls.count
        loadedIDs.insert(segmentID)
        if let newest = calls.lazy.compactMap(\.startTime).max(), newest > (newestSeen ?? .distantPast) { newestSeen = newest }
        switch paging {
        case .numberedPages(let size):
            let total = answer.reportedTotal ?? reportedTotal
            if case .page(let number) = segments[index].request, !segments[index].followOverlay {
                matchedByPage[number] = calls.count
            }
            if case .page(let number) = segments[index].request {
                if answer.receivedCount >= size {
                    lastFullPage = max(lastFullPage, number)
                } else if answer.receivedCount == 0, number > 1 {
                    firstEmptyPage = min(firstEmptyPage ?? .max, number)
                } else {
                    // A short page: the end is right after it.
                    lastFullPage = max(lastFullPage, number)
                    firstEmptyPage = min(firstEmptyPage ?? .max, number + 1)
                }
            }
            if case .page(let number) = segments[index].request, answer.receivedCount < size {
                // A short page is the last, whatever the total said: a claimed 2^63 with ten
                // calls must not leave 10^7 empty pages to fetch one after another.
                let (before, overflow) = (number - 1).multipliedReportingOverflow(by: size)
                if !overflow, answer.receivedCount > 0 { knownEnd = min(knownEnd ?? .max, before + answer.receivedCount) }
            }
            settle(total: total, size: size)
        case .timeWindows:
            // The oldest window sizes the next (asked again after eviction, it sizes it as it
            // did); a window above it, or a follow poll's, says nothing about the history past
            // the frontier.
            if index == segments.count - 1 { walk?.received(answer, for: segments[index].request) }
        }
        rebuildRowStarts()
        return true
    }

    /// A numbered list's total, learned after its first page came without one (a saved file
    /// shown from its first records while it was indexed). Returns whether it was news.
    @discardableResult
    mutating func learn(total: Int) -> Bool {
        guard case .numberedPages(let size) = paging, reportedTotal == nil else { return false }
        settle(total: total, size: size)
        rebuildRowStarts()
        return reportedTotal != nil
    }

    /// Takes `claimed` as the total as far as the pages allow (what they proved holds against
    /// every later claim of the same total), and lays the pages out for it.
    private mutating func settle(total claimed: Int?, size: Int) {
        var total = claimed
        if let empty = firstEmptyPage {
            let (cap, overflow) = (empty - 1).multipliedReportingOverflow(by: size)
            if !overflow { total = min(total ?? cap, cap) }
        }
        if let end = knownEnd { total = min(total ?? end, end) }
        if let total, total != reportedTotal {
            reportedTotal = total
            layOutPages(total: total, size: size)
        }
    }

    /// Whether a numbered list's end is unknown: its total proved wrong and pages remain
    /// between the last known full one and the first known empty one.
    public var endIsUncertain: Bool {
        guard let empty = firstEmptyPage else { return false }
        return empty - lastFullPage > 1
    }

    /// The next page to ask while looking for the end of a numbered list by halves, marked
    /// loading: a claimed total of 2^63 over ten real pages takes some 25 requests, not 10^7.
    public mutating func nextEndProbe() -> [(id: Int, request: SegmentRequest)] {
        guard case .numberedPages(let size) = paging else { return [] }
        // Each turn halves the gap; a page already here narrows it without a request.
        for _ in 0..<64 {
            guard endIsUncertain, let empty = firstEmptyPage else { return [] }
            let page = lastFullPage + (empty - lastFullPage) / 2
            guard let index = segments.indices.first(where: { index in
                guard case .page(let first) = segments[index].request else { return false }
                return (first..<(first + segments[index].pageCount)).contains(page)
            }) else { return [] }
            guard case .page(let first) = segments[index].request else { return [] }
            let target = segments[index].isPlaceholderRun ? splitRun(at: index, row: rowStarts[index] + (page - first) * size) : index
            switch segments[target].load {
            case .loading:
                return []
            case .loaded(let calls):
                if calls.isEmpty { firstEmptyPage = page } else { lastFullPage = max(lastFullPage, page) }
            case .unloaded, .evicted, .failed:
                return startLoading(segmentAt: target).map { [$0] } ?? []
            }
        }
        return []
    }

    public mutating func fail(_ message: String, segmentID: Int) {
        guard let index = indexByID[segmentID], segments[index].isLoading else { return }
        segments[index].load = .failed(message)
        if segments[index].rowCount == 0 { segments[index].rowCount = 1 }
        rebuildRowStarts()
    }

    /// New calls from a follow-mode poll go on top as a segment of their own: only calls
    /// newer than any seen (and not already shown), whatever has been evicted since.
    /// Returns how many rows were added above everything else.
    public mutating func prepend(_ calls: [Call], reportedTotal total: Int?) -> Int {
        let known = Set(segments.prefix(2).flatMap { $0.calls ?? [] }.map(\.id))
        let floor = newestSeen ?? .distantPast
        var seen = Set<String>()
        let fresh = calls.filter { call in
            guard let start = call.startTime, start > floor else { return false }
            return !known.contains(call.id) && seen.insert(call.id).inserted
        }
        guard !fresh.isEmpty else { return 0 }
        let newest = fresh.compactMap(\.startTime).max() ?? floor
        // A window that fetches these calls again once evicted; on numbered lists, an overlay
        // of page 1.
        // Calls here start after `floor` (whole seconds), so the window starts a second later.
        var segment = makeSegment(.window(since: floor.addingTimeInterval(1), until: newest.addingTimeInterval(1)), rowCount: fresh.count)
        segment.load = .loaded(fresh)
        if case .numberedPages = paging { segment.followOverlay = true }
        segments.insert(segment, at: 0)
        loadedIDs.insert(segment.id)
        newestSeen = newest
        if case .numberedPages(let size) = paging, var total {
            // New calls move the end on by as many rows: what the pages proved moves with it,
            // so a total that lied before is not believed again.
            let shiftedPages = fresh.count / max(1, size) + 1
            if let end = knownEnd { knownEnd = end + fresh.count }
            if let empty = firstEmptyPage { firstEmptyPage = empty + shiftedPages }
            if let empty = firstEmptyPage { total = min(total, (empty - 1) * size) }
            if let end = knownEnd { total = min(total, end) }
            // The server's pages have shifted by the new calls: lay them out for the new total.
            reportedTotal = total
            layOutPages(total: total, size: size)
        }
        rebuildRowStarts()
        return fresh.count
    }

    /// Drops the loaded segments farthest from `around` until the rows held fit the budget
    /// (`maximumLoadedSegments` × 100). Rows the last look wanted and empty segments stay.
    /// Evicted segments keep their row counts, so nothing below moves — except follow
    /// overlays of a numbered list, which go whole. Returns how many rows went above `row`,
    /// so the caller can keep the selection on the same call.
    @discardableResult
    public mutating func evict(around row: Int) -> Int {
        let budget = maximumLoadedSegments * 100
        var held = loadedIDs.reduce(0) { sum, id in sum + (indexByID[id].map { segments[$0].rowCount } ?? 0) }
        guard held > budget, let center = locate(row: min(max(row, 0), max(rowCount - 1, 0)))?.segment else { return 0 }
        let candidates = loadedIDs.compactMap { id -> Int? in
            guard let index = indexByID[id], segments[index].rowCount > 0 else { return nil }
            let rows = rowStarts[index]..<rowStarts[index + 1]
            return rows.overlaps(protectedRows) ? nil : index
        }.sorted { abs($0 - center) > abs($1 - center) }
        var removed: [Int] = []
        var removedAbove = 0
        for index in candidates where held > budget {
            held -= segments[index].rowCount
            segments[index].load = .evicted
            loadedIDs.remove(segments[index].id)
            if segments[index].followOverlay {
                removed.append(index)
                if index < center { removedAbove += segments[index].rowCount }
            }
        }
        for index in removed.sorted(by: >) { segments.remove(at: index) }
        if coalescePlaceholderPages() || !removed.isEmpty { rebuildRowStarts() }
        return removedAbove
    }

    /// Evicted and never-asked pages side by side become one placeholder run again, so reading
    /// through 10^6 rows keeps a few dozen segments, not 10^4 (every split and every answer
    /// walks them all). Only whole pages merge: a run's rows are its pages times the page size.
    /// Returns whether anything merged.
    private mutating func coalescePlaceholderPages() -> Bool {
        guard case .numberedPages(let size) = paging else { return false }
        func isPlaceholder(_ segment: ListSegment) -> Bool {
            guard !segment.followOverlay, segment.needsFetch, case .page = segment.request else { return false }
            let (rows, overflow) = segment.pageCount.multipliedReportingOverflow(by: size)
            return !overflow && segment.rowCount == rows
        }
        var merged: [ListSegment] = []
        merged.reserveCapacity(segments.count)
        for segment in segments {
            if let last = merged.last, isPlaceholder(last), isPlaceholder(segment),
               case .page(let first) = last.request, case .page(let next) = segment.request,
               first.addingReportingOverflow(last.pageCount) == (next, false) {
                merged[merged.count - 1].pageCount += segment.pageCount
                merged[merged.count - 1].rowCount += segment.rowCount
                merged[merged.count - 1].load = .unloaded
            } else {
                merged.append(segment)
            }
        }
        guard merged.count < segments.count else { return false }
        segments = merged
        return true
    }

    public var loadedSegmentCount: Int { loadedIDs.count }

    // MARK: Layout

    /// Lays the numbered pages out for `total` rows: loaded, loading and failed pages keep
    /// their place; pages never asked for form placeholder runs (memory independent of the
    /// total, which `Plausible` caps anyway).
    private mutating func layOutPages(total: Int, size: Int) {
        let size = max(1, size)
        let pages = ProviderWalk.pages(total: total, size: size)
        let lastPageRows = total - size * (pages - 1)
        let live = segments.prefix { if case .page = $0.request { return false } else { return true } }.count
        var laidOut: [ListSegment] = []
        var covered = 0
        for var segment in segments[live...] where covered < pages {
            if covered + segment.pageCount > pages { segment.pageCount = pages - covered }
            laidOut.append(segment)
            covered += segment.pageCount
        }
        if covered < pages {
            var run = makeSegment(.page(covered + 1), rowCount: 0)
            run.pageCount = pages - covered
            laidOut.append(run)
        }
        var firstPage = 1
        for i in laidOut.indices {
            defer { firstPage += laidOut[i].pageCount }
            guard laidOut[i].calls == nil, !laidOut[i].isLoading else { continue }
            // Failed and evicted pages keep their rows, so nothing below them moves.
            switch laidOut[i].load {
            case .failed, .evicted: continue
            case .unloaded, .loading, .loaded: break
            }
            let holdsLast = firstPage + laidOut[i].pageCount - 1 == pages
            laidOut[i].rowCount = holdsLast ? (laidOut[i].pageCount - 1) * size + lastPageRows : laidOut[i].pageCount * size
        }
        segments = Array(segments[..<live]) + laidOut
        loadedIDs = Set(segments.filter { $0.calls != nil }.map(\.id))
    }

    /// Splits the placeholder run at `index` so the page holding `row` is a segment of its
    /// own; returns that segment's index. Row counts stay, so no row moves.
    private mutating func splitRun(at index: Int, row: Int) -> Int {
        guard segments.indices.contains(index), segments[index].isPlaceholderRun,
              case .page(let firstPage) = segments[index].request,
              case .numberedPages(let size) = paging else { return index }
        let run = segments[index]
        let offset = min(max(0, (row - rowStarts[index]) / max(1, size)), run.pageCount - 1)
        var pieces: [ListSegment] = []
        if offset > 0 {
            var before = makeSegment(.page(firstPage), rowCount: offset * size)
            before.pageCount = offset
            pieces.append(before)
        }
        let pageRows = min(size, run.rowCount - offset * size)
        pieces.append(makeSegment(.page(firstPage + offset), rowCount: pageRows))
        let afterPages = run.pageCount - offset - 1
        if afterPages > 0 {
            var after = makeSegment(.page(firstPage + offset + 1), rowCount: run.rowCount - offset * size - pageRows)
            after.pageCount = afterPages
            pieces.append(after)
        }
        segments.replaceSubrange(index...index, with: pieces)
        rebuildRowStarts()
        return index + (offset > 0 ? 1 : 0)
    }

    private mutating func makeSegment(_ request: SegmentRequest, rowCount: Int) -> ListSegment {
        defer { nextSegmentID += 1 }
        return ListSegment(id: nextSegmentID, request: request, load: .unloaded, rowCount: rowCount)
    }

    public func index(ofSegmentID id: Int) -> Int? { indexByID[id] }

    private mutating func rebuildRowStarts() {
        var starts = [0]
        starts.reserveCapacity(segments.count + 1)
        var total = 0
        for segment in segments {
            total += segment.rowCount
            starts.append(total)
        }
        rowStarts = starts
        if indexByID.count != segments.count || segments.first.map({ indexByID[$0.id] != 0 }) ?? false
            || segments.last.map({ indexByID[$0.id] != segments.count - 1 }) ?? false {
            indexByID = Dictionary(uniqueKeysWithValues: segments.enumerated().map { ($1.id, $0) })
        }
    }
}
