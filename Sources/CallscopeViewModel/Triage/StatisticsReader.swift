import CallscopeDomain
import Foundation

/// Reads the whole range of a filter for the statistics, folding each page or window in as it
/// arrives and reporting the figures so far (docs/ARCHITECTURE.md, "Reading for the
/// statistics"). Up to the provider's `maxRequestsInFlight` requests are on their way at once: numbered pages
/// (Vobiz) once the first page has said how many there are; time windows (VOXO) newest first,
/// taking the list's own windows where it has asked for them and the longest the provider
/// allows elsewhere. Everything goes through the segment cache the list uses, so no segment
/// is fetched twice. Cancelling the task stops it.
struct StatisticsReader: Sendable {
    let provider: any CallProvider
    let filter: CallFilter
    let generation: Int
    let cache: SegmentCache
    /// Pages this reading may ask for; past it, pages spread over the range are read for an
    /// estimate (`CallProvider.samplePages`). nil: every page.
    var budget: Int?
    /// Requests on their way at once: the provider's setting (a profile's `max_requests_in_flight`).
    var concurrency: Int { max(1, provider.maxRequestsInFlight) }
    /// Whether the range is read whole without being asked for less (`callscope stats`): the
    /// first round then goes out whole (`WindowSizing(firstRound:span:)`), and windows on their
    /// way wait behind gates, two reading at a time (`ReadTurns`): the figures fold in any order,
    /// but eight windows decoded at once would all be in memory. The strip starts with one
    /// window, to stay light over a quiet range it reads unasked, and holds nothing back: a
    /// list may join its fetches, and must not wait behind a gate.
    var readsWhole = false

    /// The figures of the whole range; a failure (other than cancellation) ends the reading
    /// with what was read kept and `failure` saying what went wrong.
    func read(_ start: StatisticsState, report: @Sendable (StatisticsState) -> Void) async -> StatisticsState {
        var state = start
        do {
            state = try await readThrowing(start, report: report)
        } catch {
            if !Task.isCancelled { state.failure = BrowserStore.message(error) }
        }
        return state
    }

    /// The same reading, ended by its failure (what was read is in the last report).
    func readThrowing(_ start: StatisticsState, report: @Sendable (StatisticsState) -> Void) async throws -> StatisticsState {
        var state = start
        try await read(into: &state, report: report)
        state.complete = state.sample == nil
        return state
    }

    private func read(into state: inout StatisticsState, report: @Sendable (StatisticsState) -> Void) async throws {
        // One way to walk a provider (`ProviderWalk`), as `calls(matching:)` walks it.
        var walk = ProviderWalk(provider.pagingStyle, filter: filter, firstRound: readsWhole ? concurrency : 1)
        var deduplicator = NeighbourDeduplicator(first: walk.firstNumber)
        if case .numberedPages(let size) = provider.pagingStyle, let (number, request) = walk.next() {
            deduplicator = NeighbourDeduplicator(first: number)
            let first = try await fetch(request)
            state.heard(first)
            fold(deduplicator.fresh(first.calls, segment: number), into: &state)
            state.total = first.reportedTotal
            report(state)
            // A short first page is the whole list; else as many pages as the total says
            // (a total that lies is bounded by the first short or empty page).
            guard !walk.received(first, for: request) else { return }
            if let budget, let total = first.reportedTotal, total > 0 {
                let lastPage = ProviderWalk.pages(total: total, size: size)
                if let sampled = provider.samplePages(filter, pages: lastPage, budget: budget) {
                    state.sample = StatisticsSample(pages: sampled.count, of: lastPage)
                    report(state)
                    walk = ProviderWalk(listedPages: sampled.filter { $0 > 1 }, size: size)
                }
            }
        }
        try await readConcurrently(&walk, deduplicator: deduplicator, into: &state, report: report)
    }

    /// Keeps `concurrency` segments on their way until the walk runs out, folding each as it
    /// comes (in any order: the figures merge, and neighbours' repeats are dropped).
    private func readConcurrently(_ walk: inout ProviderWalk, deduplicator: NeighbourDeduplicator, into state: inout StatisticsState,
                                  report: @Sendable (StatisticsState) -> Void) async throws {
        var deduplicator = deduplicator
        var progress = WindowProgress()
        let cache = self.cache
        let generation = self.generation
        try await withThrowingTaskGroup(of: (Int, SegmentRequest, Segment).self) { group in
            var running = 0
            var turns = ReadTurns(freely: 2)
            func startNext() -> Bool {
                // The list's window ending here if it asked for one; else the next size.
                guard let (number, request) = walk.next(takingWindow: { cache.window(endingAt: $0, generation: generation) }) else { return false }
                let gate = readsWhole ? turns.gate(for: number) : nil
                group.addTask { (number, request, try await ReadGate.$current.withValue(gate) { try await fetch(request) }) }
                running += 1
                return true
            }
            // Windows: one at a time while they grow, so each answer sizes the next
            // (`WindowSizing.isGrowing`); then as many as the provider allows.
            var limit: Int { walk.isGrowing ? 1 : concurrency }
            while running < limit, startNext() {}
            while running > 0, let (number, request, segment) = try await group.next() {
                running -= 1
                turns.finished(number)
                state.heard(segment)
                let window: DateInterval? = if case .window(let since, let until) = request { DateInterval(start: since, end: max(since, until)) } else { nil }
                fold(deduplicator.fresh(segment.calls, segment: number, window: window), into: &state)
                state.total = segment.reportedTotal ?? state.total
                if case .window(let since, _) = request {
                    state.backTo = progress.finished(number, since: since) ?? state.backTo
                }
                walk.received(segment, for: request)
                try Task.checkCancellation()
                report(state)
                while running < limit, startNext() {}
            }
        }
    }

    private func fetch(_ request: SegmentRequest) async throws -> Segment {
        try await cache.segment(request, generation: generation, filter: filter, from: provider)
    }

    private func fold(_ calls: [Call], into state: inout StatisticsState) {
        for call in calls {
            state.figures.add(call)
            state.groups?.add(call)
        }
    }
}

/// How far back the windows read so far reach without a gap: windows finish out of order,
/// and "back to DATE" must not skip one still on its way.
struct WindowProgress: Sendable {
    private var nextExpected = 0
    private var finishedAhead: [Int: Date] = [:]

    /// Window `number` starting at `since` finished; returns the new gap-free reach, if it moved.
    mutating func finished(_ number: Int, since: Date) -> Date? {
        finishedAhead[number] = since
        var reach: Date?
        while let start = finishedAhead.removeValue(forKey: nextExpected) {
            reach = start
            nextExpected += 1
        }
        return reach
    }
}

/// `callscope stats`: the browser's reading of a range, of every call (no request budget), so the
/// command line and the strip read alike.
public enum StatisticsReading {
    public static func whole(_ provider: any CallProvider, filter: CallFilter, groupBy: GroupField?, zone: ZoneClock, deck: RateDeck? = nil,
                             progress: @escaping @Sendable (StatisticsState) -> Void = { _ in }) async throws -> StatisticsState {
        let start = StatisticsState(generation: 0, range: filter.since...max(filter.since, filter.until), groupBy: groupBy, zone: zone, deck: deck)
        // Nothing is kept: no list shares the segments.
        var reader = StatisticsReader(provider: provider, filter: filter, generation: 0, cache: SegmentCache(maximumCalls: 0), budget: nil)
        reader.readsWhole = true
        return try await reader.readThrowing(start, report: progress)
    }
}
