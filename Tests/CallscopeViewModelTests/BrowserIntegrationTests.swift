import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeViewModel

/// The store driving the real clients against the mock server over HTTP on 127.0.0.1.
@Suite("Browsing the mock server")
struct BrowserIntegrationTests {
    /// Whole UTC days, so Vobiz's count is exact.
    func wholeDays(_ fixture: MockServerFixture? = nil) -> FilterDraft {
        var draft = FilterDraft()
        draft.since = "2026-03-20"
        draft.until = "2026-03-24"
        return draft
    }

    @Test func vobizPagesFiltersFindsAndOpens() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(fixture),
                                 clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 30))
        #expect(await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) && $0.list.rowCount > 30 })
        guard case .exact(let total) = store.snapshot.count else { Issue.record("no exact count"); return }
        // The server's own count for the same days and customer.
        let history = fixture.history
        let range = history.indices(since: 1_773_964_800, until: 1_774_396_800)
        let expected = range.filter { SyntheticHistory.accountSlot(of: $0, accounts: 4) == 1 }.count
        #expect(total == expected)
        // Scroll ten screens: rows come in, one request per page.
        for _ in 0..<10 { store.dispatch(.pageDown) }
        #expect(await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) })
        let pagesTouched = (store.snapshot.selection + store.snapshot.prefetchHorizon) / 100 + 1
        #expect(await fixture.faults.requestCount <= pagesTouched + 1)
        // A filter: only inbound calls, counted by the server.
        store.dispatch(.edit(.direction, "inbound"))
        store.dispatch(.applyFilter)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.generation == 1 && !$0.visibleRows().contains(.loading) && $0.list.rowCount > 0 })
        #expect(store.snapshot.list.loadedCalls.allSatisfy { $0.direction == .inbound })
        guard case .exact(let inbound) = store.snapshot.count else { Issue.record("no count"); return }
        #expect(inbound < total)
        // Find a number two pages down; it loads what it needs.
        let target = try #require(store.snapshot.list.loadedCalls.last)
        let number = String(try #require(target.to).suffix(7))
        store.dispatch(.find(number, forward: true))
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.selectedCall.map { ($0.to ?? "").hasSuffix(number) || ($0.from ?? "").hasSuffix(number) } ?? false })
        // Open it: the single-call endpoint adds what the list does not have.
        store.dispatch(.openSelected)
        #expect(await store.waitUntil(timeout: .seconds(60)) { if case .loaded(let c) = $0.detail { return c.sipResponseCode != nil } else { return false } })
        store.stop()
        await fixture.stop()
    }

    @Test func eachProviderSaysWhereEachFilterRuns() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 30)
        let vobiz = BrowserStore(provider: try fixture.vobiz(), zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(fixture),
                                 clock: ManualClock(now: fixture.anchorDate))
        #expect(vobiz.snapshot.isServerSide(.from) && vobiz.snapshot.isServerSide(.status) && vobiz.snapshot.isServerSide(.since))
        vobiz.dispatch(.edit(.search, "王小明"))
        vobiz.dispatch(.applyFilter)
        #expect(!vobiz.snapshot.isServerSide(.search), "Vobiz searches number fields only")
        vobiz.dispatch(.edit(.search, "98765"))
        vobiz.dispatch(.applyFilter)
        #expect(vobiz.snapshot.isServerSide(.search))
        let voxo = BrowserStore(provider: try fixture.voxo(), zone: ZoneClock(identifier: "UTC")!, clock: ManualClock(now: fixture.anchorDate))
        #expect(voxo.snapshot.isServerSide(.since))
        for field in [FilterDraft.Field.direction, .status, .from, .to, .hangupCause, .minDuration, .maxDuration, .search] {
            #expect(!voxo.snapshot.isServerSide(field), "\(field)")
        }
        // VOXO applies them here: the answer holds only matching calls.
        voxo.dispatch(.edit(.status, "busy"))
        voxo.dispatch(.applyFilter)
        #expect(await voxo.waitUntil(timeout: .seconds(30)) { $0.generation == 1 && !$0.isLoading && !$0.list.loadedCalls.isEmpty })
        #expect(voxo.snapshot.list.loadedCalls.allSatisfy { $0.status == .busy })
        vobiz.stop()
        voxo.stop()
        await fixture.stop()
    }

    @Test func vobizFailureKeepsRowsAndRetries() async throws {
        let fixture = try await MockServerFixture.start(calls: 5_000, days: 30)
        let client = try fixture.vobiz()
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(fixture),
                                 clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 20))
        #expect(await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) && !$0.isLoading })
        let loaded = store.snapshot.list.loadedCalls.count
        await fixture.faults.inject(.status(500, retryAfterSeconds: nil), times: 3)
        store.dispatch(.jump(toRow: 450))
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.status.lastError?.contains("500") == true })
        #expect(store.snapshot.list.loadedCalls.count >= loaded, "what was loaded stays")
        store.dispatch(.retry)
        #expect(await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) && $0.status.lastError == nil && !$0.visibleRows().contains { if case .failed = $0 { return true } else { return false } } })
        store.stop()
        await fixture.stop()
    }

    @Test func voxoReadsBackWindowByWindowAndFindsCallsByUniqueId() async throws {
        let fixture = try await MockServerFixture.start(calls: 30_000, days: 10)
        let client = try fixture.voxo(scope: .tenant("37"))
        var draft = FilterDraft()
        draft.since = "3d"
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "America/New_York")!, draft: draft,
                                 clock: ManualClock(now: fixture.anchorDate))
        store.dispatch(.resize(height: 25))
        #expect(await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) && !$0.isLoading && $0.list.rowCount >= 25 })
        if case .atLeast = store.snapshot.count {} else { Issue.record("VOXO counts 'at least' while reading") }
        store.dispatch(.bottom)
        // Three days of 30,000 calls over real HTTP: a generous deadline for a loaded 2-core machine.
        #expect(await store.waitUntil(timeout: .seconds(60)) { if case .exact = $0.count { return $0.activity != .seekingEnd } else { return false } })
        let all = store.snapshot.list
        let expected = fixture.history.indices(since: fixture.history.configuration.anchor - 3 * 86_400, until: fixture.history.configuration.anchor + 1)
            .filter { fixture.history.call(at: $0).voxoTenant == 37 }.count
        #expect(all.rowCount == expected)
        // A call older than the range, by its uniqueId: one narrow request finds it.
        let old = fixture.history.call(at: 20_000)
        store.dispatch(.open(id: old.voxoUniqueId))
        #expect(await store.waitUntil(timeout: .seconds(60)) { if case .loaded(let c) = $0.detail { return c.id == old.uuid } else { return false } })
        store.stop()
        await fixture.stop()
    }
}

