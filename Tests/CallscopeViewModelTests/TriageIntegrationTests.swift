import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeViewModel

/// Statistics and groups read by the store from the mock server over HTTP.
@Suite("Triage against the mock server")
struct TriageIntegrationTests {
    @Test func statisticsReadTheWholeRangeAndAGroupNarrowsOnTheServer() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        var draft = FilterDraft()
        draft.since = "2026-03-20"
        draft.until = "2026-03-24"
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: draft, clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 30))
        store.dispatch(.openGroups)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.statistics?.complete == true })
        let state = store.snapshot
        guard case .exact(let total)? = Optional(state.count) else { Issue.record("no exact count"); return }
        let statistics = try #require(state.statistics)
        #expect(statistics.figures.calls == total, "every call of the range, not only the loaded pages")
        #expect(statistics.figures.calls > 100)
        let groups = try #require(statistics.groups)
        #expect(groups.field == .cause)
        #expect(groups.groups.values.map(\.calls).reduce(0, +) == total)
        let busy = try #require(groups.groups["USER_BUSY"])

        // Enter on a group: the filter narrows, Vobiz filters on its server (its total is the group's).
        store.dispatch(.narrowToGroup("USER_BUSY"))
        #expect(await store.waitUntil(timeout: .seconds(30)) { $0.count == .exact(busy.calls) && $0.list.reportedTotal == busy.calls })
        #expect(store.snapshot.applied.hangupCause == "USER_BUSY" && store.snapshot.groupField == nil)
        #expect(store.snapshot.serverSideFields.contains(.hangupCause))
        store.stop()
    }

    @Test func theListAndTheStatisticsFetchEachPageOnce() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        var draft = FilterDraft()
        draft.since = "2026-03-20"
        draft.until = "2026-03-24"
        let store = BrowserStore(provider: try fixture.vobiz(account: "MA_7d2e91a0"), zone: ZoneClock(identifier: "UTC")!, draft: draft,
                                 clock: ManualClock(now: fixture.anchorDate))
        let before = await fixture.faults.requestCount
        store.dispatch(.resize(height: 30))
        store.dispatch(.toggleStatistics)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.statistics?.complete == true && !$0.isLoading })
        let total = try #require(store.snapshot.list.reportedTotal)
        let requests = await fixture.faults.requestCount - before
        // The list's first pages and the statistics' pages are the same requests; the five
        // one-row requests that count the outcomes on the server come first.
        #expect(requests == (total + 99) / 100 + 5, "\(requests) requests for \(total) calls")
        #expect(store.snapshot.statistics?.figures.calls == total)
        store.stop()
    }

    @Test func voxoStatisticsTakeTheListsWindowsAndTheListCutsFromTheirs() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.voxo(scope: .tenant("37"))
        guard case .timeWindows(let longest) = client.pagingStyle else { Issue.record("VOXO reads windows"); return }
        var draft = FilterDraft()
        draft.since = "3d"
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: draft, clock: ManualClock(now: fixture.anchorDate))
        let before = await fixture.faults.requestCount
        store.dispatch(.resize(height: 30))
        store.dispatch(.toggleStatistics)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.statistics?.complete == true && !$0.isLoading })
        store.dispatch(.pageDown)
        store.dispatch(.pageDown)
        #expect(await store.waitUntil(timeout: .seconds(60)) { !$0.isLoading && !$0.visibleRows().contains(.loading) })
        let requests = await fixture.faults.requestCount - before
        // Three days in the windows a reader to the end takes (sized to a few thousand calls
        // each: memory stays flat), plus the list's first window at most: the list's later
        // windows are cut from the statistics' ones.
        let beforeWalk = await fixture.faults.requestCount
        var all = 0
        for try await batch in client.calls(matching: store.snapshot.applied) { all += batch.calls.count }
        let walkWindows = await fixture.faults.requestCount - beforeWalk
        #expect(walkWindows < Int((3 * 86_400 + longest - 1) / longest) + 4, "a quiet range grows to the longest windows: \(walkWindows)")
        // While windows grow they are asked one at a time, each sized by the answer before:
        // the statistics take the windows a walk takes, beside the list's first short windows
        // (a screenful of 15 minutes each, asked before the statistics' reach there; how many
        // depends on which answers first).
        #expect(requests <= walkWindows + 3, "\(requests) requests")
        #expect(store.snapshot.statistics?.figures.calls == all)
        store.stop()
    }

    @Test func statisticsStopWithTheirGeneration() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.voxo(scope: .tenant("37"))
        var draft = FilterDraft()
        draft.since = "20d"
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: draft, clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 30))
        store.dispatch(.toggleStatistics)
        #expect(await store.waitUntil(timeout: .seconds(30)) { ($0.statistics?.figures.calls ?? 0) > 0 })
        store.dispatch(.edit(.direction, "inbound"))
        store.dispatch(.applyFilter)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.statistics?.complete == true && $0.statistics?.generation == $0.generation })
        let figures = try #require(store.snapshot.statistics?.figures)
        #expect(figures.calls > 0)
        // Exactly the inbound calls: the old generation's reader was cancelled, not merged in.
        var inbound = 0
        for try await batch in client.calls(matching: store.snapshot.applied) { inbound += batch.calls.count }
        #expect(figures.calls == inbound)
        store.stop()
    }
}
