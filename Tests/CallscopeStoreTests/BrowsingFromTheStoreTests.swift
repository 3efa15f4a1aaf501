import CallscopeDomain
import CallscopeStore
import CallscopeTesting
import CallscopeViewModel
import Foundation
import Testing

/// The browser over the local store: a closed range opened a second time asks nothing and the
/// status says the store answered, as of when; `r` asks the provider again.
@Suite("the local store: browsing")
struct BrowsingFromTheStoreTests {
    static let utc = ZoneClock(identifier: "UTC")!

    @Test func aSecondLookAsksNothingAndRefreshAsksAgain() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let store = try HistoryStore(path: directory.path + "/history.sqlite")
        let later = fixture.anchorDate.addingTimeInterval(86_400)
        let source = StoreSource(provider: .vobiz, baseURL: "http://127.0.0.1", identity: "tests", scope: .all, profile: nil)
        let provider = try StoredCallProvider(wrapping: try fixture.vobiz(), store: store, source: source, now: { later })
        var draft = FilterDraft()
        draft.since = "2026-03-21"
        draft.until = "2026-03-22"

        func opened() async -> BrowserStore {
            let browser = BrowserStore(provider: provider, zone: Self.utc, draft: draft, clock: ManualClock(now: later))
            browser.dispatch(.resize(height: 20))
            // The strip reads the whole range: only a range read whole is kept as held.
            browser.dispatch(.toggleStatistics)
            #expect(await browser.waitUntil(timeout: .seconds(60)) { $0.list.reportedTotal != nil && !$0.isLoading && ($0.statistics?.complete ?? !$0.showStatistics) })
            return browser
        }
        let first = await opened()
        #expect(first.snapshot.statistics?.complete == true)
        #expect(first.snapshot.storeText == nil, "the first look asks the provider")
        let before = await fixture.faults.requestCount
        let second = await opened()
        #expect(await fixture.faults.requestCount == before, "a closed range read whole is not asked again")
        #expect(second.snapshot.storeText?.hasPrefix("from store, as of ") == true, "\(second.snapshot.storeText ?? "nil")")
        #expect(second.snapshot.count == first.snapshot.count)

        second.dispatch(.refresh)
        #expect(await second.waitUntil(timeout: .seconds(60)) { $0.list.reportedTotal != nil && !$0.isLoading && ($0.statistics?.complete ?? !$0.showStatistics) })
        #expect(await fixture.faults.requestCount > before, "r asks the provider")
        #expect(second.snapshot.storeText == nil)
    }
}
