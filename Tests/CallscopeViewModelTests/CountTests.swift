import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeViewModel

/// One count, exact or marked (docs/ARCHITECTURE.md, "Counts"): Vobiz counts whole UTC days, so
/// for a time of day (or a part matched here) its `meta.total` is only a bound until the range is
/// read; the store drives the real client against the mock server over HTTP.
@Suite("Counts that are exact or say they are not")
struct CountTests {
    static let utc = ZoneClock(identifier: "UTC")!

    func draft(since: String, until: String, trunk: String = "") -> FilterDraft {
        var draft = FilterDraft()
        draft.since = since
        draft.until = until
        draft.trunk = trunk
        return draft
    }

    /// What `list --limit 0` prints for the same filter: the truth the count must reach.
    func matching(_ client: VobizClient, _ draft: FilterDraft, now: Date) async throws -> Int {
        let filter = try draft.validate(zone: Self.utc, now: now).get()
        return try await client.collect(filter).count
    }

    /// A store on `client` with `draft`, its first screen loaded.
    func started(_ client: VobizClient, _ draft: FilterDraft, _ fixture: MockServerFixture) async -> BrowserStore {
        let store = BrowserStore(provider: client, zone: Self.utc, draft: draft, clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 20))
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.list.reportedTotal != nil && !$0.isLoading })
        return store
    }

    @Test func aTimeOfDayIsABoundUntilReadThenExact() async throws {
        let fixture = try await MockServerFixture.start(calls: 200_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        let afternoon = draft(since: "2026-03-20 12:00", until: "2026-03-20 18:00")
        let truth = try await matching(client, afternoon, now: fixture.anchorDate)
        let wholeDay = try await matching(client, draft(since: "2026-03-20", until: "2026-03-20"), now: fixture.anchorDate)
        #expect(truth > 0 && truth < wholeDay)

        let store = await started(client, afternoon, fixture)
        // The server counted the whole day: a bound, never stated as the count.
        guard case .atMost(let bound, let found) = store.snapshot.count else {
            Issue.record("a time of day on Vobiz is a bound, not \(store.snapshot.count)")
            return
        }
        #expect(bound == wholeDay && found <= truth)
        #expect(store.snapshot.count.text(zone: Self.utc).hasPrefix("≤\(wholeDay) calls"))
        #expect(store.snapshot.count.figure == "≤\(wholeDay)", "the strip shows the same figure")

        // The statistics read the range: the count is then exact, and it is what `list` prints.
        store.dispatch(.toggleStatistics)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.statistics?.complete == true })
        #expect(store.snapshot.count == .exact(truth))
        #expect(store.snapshot.statisticsProgress == nil)
        store.stop()
    }

    @Test func readingEveryPageMakesTheCountExactWithoutTheStatistics() async throws {
        let fixture = try await MockServerFixture.start(calls: 200_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        let evening = draft(since: "2026-03-20 18:00", until: "2026-03-20 23:00")
        let truth = try await matching(client, evening, now: fixture.anchorDate)
        let store = await started(client, evening, fixture)
        // Page on to the end of the day's pages, one screen at a time.
        for _ in 0..<200 where !store.snapshot.list.everyPageRead {
            store.dispatch(.pageDown)
            _ = await store.waitUntil(timeout: .seconds(30)) { !$0.isLoading }
        }
        #expect(store.snapshot.list.everyPageRead)
        #expect(store.snapshot.count == .exact(truth))
        store.stop()
    }

    @Test func wholeDaysWithServerSideFiltersAreExactAtOnceAndATrunkIsABound() async throws {
        let fixture = try await MockServerFixture.start(calls: 200_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        let days = draft(since: "2026-03-20", until: "2026-03-21")
        let store = await started(client, days, fixture)
        let truth = try await matching(client, days, now: fixture.anchorDate)
        #expect(store.snapshot.count == .exact(truth))
        #expect(store.snapshot.serverSideFields.contains(.timeRange))

        // A trunk is matched here (the API has no trunk parameter): the server's total is a bound,
        // and the sidebar's tags follow the applied filter at once, whatever applied it.
        let trunk = try #require(store.snapshot.list.loadedCalls.compactMap(\.trunk).first)
        store.dispatch(.applyFilterLine("2026-03-20 trunk:\(trunk)"))
        #expect(!store.snapshot.serverSideFields.contains(.trunk))
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.generation == 1 && $0.list.reportedTotal != nil && !$0.isLoading })
        if case .atMost = store.snapshot.count {} else { Issue.record("a trunk filter counts a bound, not \(store.snapshot.count)") }
        store.stop()
    }

    /// The status bar and the strip render the one count; VOXO's windows give a floor that the
    /// statistics may raise, never two different figures.
    @Test func theStatisticsAndTheListShareOneCountOnVoxo() {
        var h = Harness(paging: .timeWindows(maximumSeconds: 86_400))
        h.send(.resize(height: 20))
        h.state.showStatistics = true
        var statistics = StatisticsState(generation: h.state.generation, range: h.state.applied.since...h.state.applied.until, groupBy: nil, zone: Harness.zone)
        for index in 0..<4_666 { statistics.figures.add(FakeHistory.call(index)) }
        statistics.backTo = h.now.addingTimeInterval(-3 * 86_400)
        h.send(.statisticsRead(generation: h.state.generation, statistics))
        guard case .atLeast(let n, let back) = h.state.count else { Issue.record("VOXO counts a floor, not \(h.state.count)"); return }
        #expect(n == 4_666 && back == statistics.backTo)
        #expect(h.state.count.figure == "≥4666")
        #expect(h.state.count.text(zone: Harness.zone).hasPrefix("at least 4666, back to "))
        statistics.complete = true
        h.send(.statisticsRead(generation: h.state.generation, statistics))
        #expect(h.state.count == .exact(4_666))
    }

    /// For whole days Vobiz counts each outcome on its server: the strip's headline is exact after
    /// five one-row requests (and the list's first page), before a page of figures is read, and
    /// equals a full read; a time of day cannot be counted so and is read.
    @Test func theHeadlineComesFromTheServersCountsForWholeDays() async throws {
        let fixture = try await MockServerFixture.start(calls: 80_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        let month = draft(since: "2026-02-25", until: "2026-03-24")
        let filter = try month.validate(zone: Self.utc, now: fixture.anchorDate).get()
        let beforeCounting = await fixture.faults.requestCount
        let counted = try #require(try await client.countByOutcome(filter))
        let countingRequests = await fixture.faults.requestCount - beforeCounting
        #expect(countingRequests == 5, "one one-row request for the whole and one per status")
        let everything = try await client.collect(filter)
        #expect(counted.calls == everything.count && counted.calls > 15_000)
        #expect(counted.answered == everything.filter { $0.status == .answered }.count)
        #expect(counted.noAnswer == everything.filter { $0.status == .noAnswer }.count)
        #expect(counted.failed == everything.filter { $0.status == .failed }.count)
        #expect(counted.busy == everything.filter { $0.status == .busy }.count)

        // In the browser the counts come first, before the figures' pages are asked for: with the
        // list's first page, the exact headline costs six requests.
        let store = BrowserStore(provider: client, zone: Self.utc, draft: month, clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 20))
        store.dispatch(.toggleStatistics)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.outcomeCounts != nil })
        #expect(store.snapshot.outcomeCounts == counted)
        #expect(store.snapshot.count == .exact(counted.calls))
        #expect(store.snapshot.statistics?.complete != true, "before the figures are read whole")
        store.stop()

        // A time of day is not counted so: nil, and the figures are read.
        let afternoon = try draft(since: "2026-03-20 12:00", until: "2026-03-20 18:00").validate(zone: Self.utc, now: fixture.anchorDate).get()
        #expect(try await client.countByOutcome(afternoon) == nil)
    }

    /// A 20,000-call month past the request budget: the headline is exact from the server's
    /// counts, the rest of the strip is an estimate from pages spread over the month, labelled,
    /// and no more than the budget is asked without `S`, which then reads everything.
    @Test func pastTheBudgetTheStripIsALabelledEstimateUntilSReadsAll() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz()
        let month = draft(since: "2026-02-24", until: "2026-03-24")
        let filter = try month.validate(zone: Self.utc, now: fixture.anchorDate).get()
        let everything = try await client.collect(filter)
        try #require(everything.count > 15_000)
        let before = await fixture.faults.requestCount
        let store = BrowserStore(provider: client, zone: Self.utc, draft: month, clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 20))
        store.dispatch(.toggleStatistics)
        #expect(await store.waitUntil(timeout: .seconds(60)) { state in
            guard let statistics = state.statistics, let sample = statistics.sample else { return false }
            return statistics.figures.calls > 0 && statistics.failure == nil && !state.isLoading
                && statistics.progressText(zone: Self.utc, count: state.count)?.hasPrefix("estimate from \(sample.pages) of") == true
                && sample.pages == HTTPSettings.defaultRequestBudget - 5
        })
        // Let the sample finish: its figures stop growing once every sampled page is folded in.
        #expect(await store.waitUntil(timeout: .seconds(60)) { state in
            guard let statistics = state.statistics, let sample = statistics.sample else { return false }
            return statistics.figures.calls >= (sample.pages - 1) * 100
        })
        let asked = await fixture.faults.requestCount - before
        #expect(asked <= HTTPSettings.defaultRequestBudget + 1, "the budget (five counts, 45 pages) and the list's first page at most: \(asked)")
        let sampled = store.snapshot
        #expect(sampled.statistics?.complete == false)
        #expect(sampled.count == .exact(everything.count), "the count is the server's, exact")
        #expect(sampled.headline?.answered == everything.filter { $0.status == .answered }.count)
        let progress = try #require(sampled.statisticsProgress)
        #expect(progress.contains("S reads all"), "\(progress)")
        // The sums are scaled to the month and said to be estimates.
        #expect(sampled.statistics?.talkSeconds(exactCount: everything.count).estimate == true)

        store.dispatch(.readAllStatistics)
        #expect(await store.waitUntil(timeout: .seconds(120)) { $0.statistics?.complete == true })
        let whole = store.snapshot
        #expect(whole.statistics?.figures.calls == everything.count)
        #expect(whole.statistics?.sample == nil)
        #expect(whole.statistics?.talkSeconds(exactCount: everything.count).estimate == false)
        #expect(whole.statistics?.figures.talkSeconds == everything.reduce(0) { $0 + ($1.durationSeconds ?? 0) })
        store.stop()
    }
}
