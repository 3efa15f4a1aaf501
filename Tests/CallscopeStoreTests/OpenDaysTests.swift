import CallscopeDomain
import CallscopeProviders
import CallscopeStore
import CallscopeTesting
import Foundation
import Testing

/// A Vobiz range reaching into the open hours ("the last 3 days"): its closed days are kept and,
/// the second time, answered from the store, while the open part is asked; the pages are the
/// provider's, call for call.
@Suite("the local store: closed days of an open range")
struct OpenDaysTests {
    static func ids(_ calls: [Call]) -> [String] { calls.map(\.id) }

    /// The mock's Vobiz through a store, an hour after its newest call (the day before the
    /// anchor's has closed, the anchor's has not), and the last `days` days up to then.
    static func lastDays(_ days: Double, _ fixture: MockServerFixture, in directory: TemporaryDirectory) throws
        -> (provider: StoredCallProvider, filter: CallFilter, now: Date) {
        let now = fixture.anchorDate.addingTimeInterval(3_600)
        let store = try HistoryStore(path: directory.path + "/history.sqlite")
        let source = StoreSource(provider: .vobiz, baseURL: "http://127.0.0.1", identity: "tests", scope: .all, profile: nil)
        let provider = try StoredCallProvider(wrapping: try fixture.vobiz(), store: store, source: source, now: { now })
        var filter = CallFilter(since: fixture.anchorDate.addingTimeInterval(-days * 86_400), until: now)
        filter.untilIsNow = true
        return (provider, filter, now)
    }

    @Test func theClosedDaysAreKeptAndTheOpenPartAsked() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let (provider, filter, now) = try Self.lastDays(3, fixture, in: directory)
        let direct = try await fixture.vobiz().collect(filter)
        try #require(direct.count > 600)

        let first = try await provider.collect(filter)
        #expect(Self.ids(first) == Self.ids(direct), "the pages are the provider's, call for call")

        let before = await fixture.faults.requestCount
        var batches: [CallBatch] = []
        for try await batch in provider.calls(matching: filter) { batches.append(batch) }
        let asked = await fixture.faults.requestCount - before
        #expect(Self.ids(batches.flatMap(\.calls)) == Self.ids(direct))
        // The open part (the anchor's day so far: under two pages) is asked; the closed days are not.
        let openCalls = direct.filter { ($0.startTime ?? .distantPast) >= Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400) }.count
        #expect(asked <= openCalls / 100 + 2, "\(asked) requests for \(openCalls) open calls")
        #expect(batches.last?.stored != nil, "the closed days come from the store")
        #expect(batches.first?.reportedTotal == direct.count || batches.first?.reportedTotal ?? 0 >= direct.count)

        // A narrower filter over the same days: its closed days from the store too, filtered here.
        var failed = filter
        failed.status = .failed
        let beforeFailed = await fixture.faults.requestCount
        let narrowed = try await provider.collect(failed)
        #expect(Self.ids(narrowed) == Self.ids(direct.filter { $0.status == .failed }))
        #expect(await fixture.faults.requestCount - beforeFailed <= 2, "only the open part is asked")
    }
}

extension OpenDaysTests {
    /// A provider claiming 2^63 calls for each part: the seam is placed by the short pages, and
    /// no call is listed twice or left out.
    @Test func claimedTotalsThatLieNeitherRepeatNorLoseCalls() async throws {
        let fixture = try await MockServerFixture.start(calls: 250, days: 2, impossibleValues: true)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let (provider, filter, _) = try Self.lastDays(2, fixture, in: directory)
        let direct = try await fixture.vobiz().collect(filter)
        for look in 1...2 {
            let read = try await provider.collect(filter)
            #expect(Self.ids(read) == Self.ids(direct), "look \(look): \(read.count) calls against \(direct.count)")
            // Pages asked out of order, as the list's search for the end asks them.
            var byPage: [String] = []
            for number in [1_000_000, 500, 3, 1, 2, 4, 5] {
                byPage += try await provider.segment(.page(number), matching: filter).calls.map(\.id)
            }
            #expect(Set(byPage).count == byPage.count, "look \(look): no call twice")
        }
    }
}
