import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeTesting
import Foundation
import Testing

/// The named customers' lists read as one, against the mock over HTTP: the same calls as the
/// all-customers list holds for them, newest first, each naming its customer, totals summed.
@Suite("Named customers, merged")
struct MergedCustomersTests {
    static let customers = ["MA_48149cf4", "MA_7d2e91a0", "MA_c05b3f18"]

    @Test func theMergeIsTheCustomersCallsNewestFirstWithTheirTotalsSummed() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        let merged = MergedCallSource(try Self.customers.map { ($0, try fixture.vobiz(account: $0) as any CallProvider) })
        let filter = CallFilter(since: Date(timeIntervalSince1970: 1_774_224_000), until: Date(timeIntervalSince1970: 1_774_396_800))  // 03-23 … 03-25, whole days
        var totals = 0
        var expected: [Call] = []
        for customer in Self.customers {
            let calls = try await fixture.vobiz(account: customer).collect(filter)
            totals += calls.count
            expected += calls.map { var call = $0; call.account = call.account ?? customer; return call }
        }
        expected.sort { ($0.startTime ?? .distantPast) > ($1.startTime ?? .distantPast) }
        #expect(totals > 500)

        // Pages asked out of order give what pages in order do.
        let third = try await merged.segment(.page(3), matching: filter)
        let first = try await merged.segment(.page(1), matching: filter)
        #expect(first.reportedTotal == totals, "the customers' totals, summed")
        #expect(merged.countsExactly(filter))
        var all: [Call] = []
        var page = 1
        while true {
            let segment = try await merged.segment(.page(page), matching: filter)
            all += segment.calls
            if segment.receivedCount < 100 { break }
            page += 1
        }
        #expect(all.count == totals)
        #expect(Set(all.map(\.id)) == Set(expected.map(\.id)))
        #expect(zip(all, all.dropFirst()).allSatisfy { ($0.startTime ?? .distantPast) >= ($1.startTime ?? .distantPast) }, "newest first")
        #expect(all.allSatisfy { $0.account.map(Self.customers.contains) == true }, "every row names its customer")
        #expect(third.calls.map(\.id) == Array(all[200..<300]).map(\.id))
        #expect(first.calls.map(\.id) == Array(all[0..<100]).map(\.id))

        // The detail of a merged row is its customer's single-call answer (with the SIP code).
        let row = try #require(all.first { $0.status == .failed })
        let detail = try await merged.fullDetail(of: row, within: filter, progress: { _ in })
        #expect(detail.id == row.id && detail.account == row.account && !detail.hasFullerDetail)
    }
}
