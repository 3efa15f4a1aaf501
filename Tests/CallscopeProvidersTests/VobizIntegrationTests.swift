import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeProviders

/// The Vobiz client against the mock server over real HTTP on 127.0.0.1.
@Suite("Vobiz over HTTP")
struct VobizIntegrationTests {
    @Test func pagesOfOneHundredNewestFirst() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.vobiz()
        let calls = try await client.collect(fixture.lastDays(7), limit: 250)
        #expect(calls.count == 250)
        #expect(await fixture.faults.requestCount == 3, "250 rows are three pages of 100")
        #expect(Set(calls.map(\.id)).count == 250)
        let starts = calls.compactMap(\.startTime)
        #expect(starts == starts.sorted(by: >))
        #expect(await fixture.server.state.lastUserAgent == "callscope/\(CallscopeVersion.string)")
        await fixture.stop()
    }

    @Test func readsEveryPageToTheEnd() async throws {
        let fixture = try await MockServerFixture.start(calls: 600, days: 3)
        let client = try fixture.vobiz(account: "MA_48149cf4")
        var batches = 0
        var total: Int?
        var calls: [Call] = []
        for try await batch in client.calls(matching: fixture.lastDays(5)) {
            batches += 1
            total = batch.reportedTotal
            calls += batch.calls
        }
        #expect(total == 150, "the customer holds one pair in four")
        #expect(calls.count == 150)
        #expect(batches == 2)
        #expect(calls.allSatisfy { $0.account == "MA_48149cf4" })
        await fixture.stop()
    }

    @Test func everyFilterIsAppliedByTheServer() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.vobiz()
        let base = fixture.lastDays(3)
        let all = try await client.collect(base)
        var baseTotal: Int?
        for try await batch in client.calls(matching: base) { baseTotal = batch.reportedTotal; break }
        let unfilteredTotal = try #require(baseTotal)
        let sample = try #require(all.first { $0.status == .answered && ($0.durationSeconds ?? 0) > 30 })
        var filters: [(String, CallFilter, (Call) -> Bool)] = []
        var f = base; f.direction = .inbound
        filters.append(("direction", f, { $0.direction == .inbound }))
        f = base; f.status = .noAnswer
        filters.append(("status", f, { $0.status == .noAnswer }))
        f = base; f.from = try #require(sample.from)
        filters.append(("from", f, { $0.from == sample.from }))
        f = base; f.to = try #require(sample.to)
        filters.append(("to", f, { $0.to == sample.to }))
        f = base; f.hangupCause = "USER_BUSY"
        filters.append(("hangupCause", f, { $0.hangupCause == "USER_BUSY" }))
        f = base; f.minDuration = 600
        filters.append(("minDuration", f, { ($0.durationSeconds ?? 0) >= 600 }))
        f = base; f.maxDuration = 5
        filters.append(("maxDuration", f, { ($0.durationSeconds ?? 0) <= 5 }))
        let digits = String(try #require(sample.to).filter(\.isNumber).suffix(6))
        f = base; f.search = digits
        filters.append(("search", f, { ($0.from ?? "").filter(\.isNumber).contains(digits) || ($0.to ?? "").filter(\.isNumber).contains(digits) }))
        for (name, filter, predicate) in filters {
            var reported: Int?
            var got: [Call] = []
            for try await batch in client.calls(matching: filter) {
                reported = reported ?? batch.reportedTotal
                got += batch.calls
            }
            #expect(!got.isEmpty, "\(name) matched nothing")
            #expect(got.allSatisfy(predicate), "\(name) let a non-matching call through")
            #expect(got.count == all.filter(predicate).count, "\(name) lost calls")
            // Filtered on the server: its count is of the filtered calls, not of everything.
            #expect((reported ?? .max) < unfilteredTotal, "\(name) was not applied on the server")
        }
        // A search that is no number is matched on the client: Vobiz searches numbers only.
        f = base; f.search = sample.id
        #expect(!client.serverSideFields(for: f).contains(.search))
        #expect(try await client.collect(f).map(\.id) == [sample.id])
        await fixture.stop()
    }

    @Test func singleCallDetailWithAndWithoutAccount() async throws {
        let fixture = try await MockServerFixture.start()
        let listed = try #require(try await fixture.vobiz(account: "MA_c05b3f18").collect(fixture.lastDays(1), limit: 5).last)
        let withAccount = try fixture.vobiz(account: "MA_c05b3f18")
        let detail = try await withAccount.call(id: listed.id, within: fixture.lastDays(1))
        #expect(detail.id == listed.id)
        #expect(detail.sipResponseCode != nil)
        #expect(detail.fields["ring_duration_seconds"] != nil)
        #expect(detail.fields["hangup_initiator"] != nil)
        #expect(detail.account == "MA_c05b3f18")
        // No customer given: found by reading the all-customers list, whose rows (as
        // documented) do not name the customer, so the row is the answer.
        let global = try fixture.vobiz()
        let row = try await global.call(id: listed.id, within: fixture.lastDays(1))
        #expect(row.id == listed.id)
        #expect(row.status == detail.status)
        #expect(row.fields.keys.contains("call_uuid") && row.sipResponseCode == nil)
        await fixture.stop()
    }

    @Test func readsTheAlternateSpellingOverHTTP() async throws {
        let fixture = try await MockServerFixture.start(calls: 800, days: 3, vobizDialect: .alternate)
        let client = try fixture.vobiz()
        var totals: [Int?] = []
        var calls: [Call] = []
        for try await batch in client.calls(matching: fixture.lastDays(5)) {
            totals.append(batch.reportedTotal)
            calls += batch.calls
        }
        #expect(calls.count == 800)
        #expect(totals == Array(repeating: 800, count: 8), "pagination.total read; has_next ends the walk")
        #expect(calls.allSatisfy { $0.fields["uuid"] != nil && $0.fields["call_uuid"] == nil })
        #expect(calls.contains { $0.status == .noAnswer && $0.fields["status"] == .string("no_answer") })
        var noAnswer = fixture.lastDays(5)
        noAnswer.status = .noAnswer
        let filtered = try await client.collect(noAnswer)
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.status == .noAnswer })
        await fixture.stop()
    }

    @Test func aRowThatNamesItsCustomerOpensTheSingleCallEndpointDirectly() async throws {
        let fixture = try await MockServerFixture.start(calls: 800, days: 3, vobizDialect: .alternate)
        let client = try fixture.vobiz()
        let page = try await client.fetchPage(3, filter: fixture.lastDays(5))
        let row = try #require(page.calls.first)
        #expect(row.account != nil && row.hasFullerDetail && row.sipResponseCode == nil)
        let before = await fixture.faults.requestCount
        let full = try await client.fullDetail(of: row, within: fixture.lastDays(5), progress: { _ in })
        #expect(await fixture.faults.requestCount == before + 1, "one request, no scan of the list")
        #expect(full.id == row.id && full.sipResponseCode != nil && full.hangupInitiator != nil && !full.hasFullerDetail)
        await fixture.stop()
    }

    @Test func aShortNumberSearchGoesToTheServer() {
        var filter = CallFilter(since: Date(timeIntervalSince1970: 0), until: Date(timeIntervalSince1970: 86_400))
        filter.search = "+91"
        #expect(VobizClient.queryItems(for: filter, page: 1, perPage: 100).contains { $0.0 == "search" && $0.1 == "+91" })
        filter.search = "Zoë"
        #expect(!VobizClient.queryItems(for: filter, page: 1, perPage: 100).contains { $0.0 == "search" })
    }

    @Test func anUndocumentedStatusIsAnErrorNotAnEmptyAnswer() {
        let advice = RefusalAdvice(credentials: "c", forbidden: "f", notFound: "n", rejected: "r")
        for status in [100, 302, 304] {
            let error = ReplyClassifier.failure(status: status, body: Array("[]".utf8), provider: .vobiz, what: "list calls", advice: advice, describe: VobizAnswers.describeErrorBody)
            #expect(error?.kind == .server, "\(status)")
            #expect(error?.description.contains("HTTP \(status)") == true)
        }
        #expect(ReplyClassifier.failure(status: 204, body: [], provider: .voxo, what: "x", advice: advice, describe: VoxoAnswers.describeErrorBody) == nil)
    }

    @Test func wrongCredentialsSayWhichVariablesToCheck() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.vobiz(token: "s3cret-wrong-token")
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1)) }
        #expect(error?.kind == .credentials)
        #expect(error?.status == 401)
        #expect(error?.description.contains("VOBIZ_AUTH_TOKEN") == true)
        #expect(error?.description.contains("s3cret") == false, "no secret in messages")
        #expect(await fixture.faults.requestCount == 1, "401 is never retried")
        await fixture.stop()
    }

    @Test func unknownCallAndUnknownAccountAre404() async throws {
        let fixture = try await MockServerFixture.start(calls: 500)
        let client = try fixture.vobiz(account: "MA_48149cf4")
        let missing = await #expect(throws: ProviderError.self) { _ = try await client.call(id: "no-such-call", within: fixture.lastDays(1)) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.description.contains("no-such-call") == true)
        #expect(missing?.providerCode == "CDR_NOT_FOUND")
        let stranger = try fixture.vobiz(account: "MA_nobody")
        let noAccount = await #expect(throws: ProviderError.self) { _ = try await stranger.collect(fixture.lastDays(1)) }
        #expect(noAccount?.kind == .notFound)
        #expect(noAccount?.description.contains("--account") == true)
        await fixture.stop()
    }

    @Test func waitsForRetryAfterThenSucceeds() async throws {
        let fixture = try await MockServerFixture.start()
        await fixture.faults.inject(.status(429, retryAfterSeconds: 7))
        let client = try fixture.vobiz()
        let calls = try await client.collect(fixture.lastDays(1), limit: 10)
        #expect(calls.count == 10)
        #expect(fixture.sleeper.delays == [.seconds(7)])
        #expect(await fixture.faults.requestCount == 2)
        await fixture.stop()
    }

    @Test func threeServerErrorsGiveUpClearly() async throws {
        let fixture = try await MockServerFixture.start()
        await fixture.faults.inject(.status(500, retryAfterSeconds: nil), times: 3)
        let client = try fixture.vobiz()
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1)) }
        #expect(error?.kind == .server)
        #expect(error?.status == 500)
        #expect(error?.description.contains("3 times") == true)
        #expect(error?.description.contains("INTERNAL_ERROR") == true)
        #expect(await fixture.faults.requestCount == 3)
        #expect(fixture.sleeper.delays.count == 2)
        await fixture.stop()
    }

    @Test func htmlInsteadOfJSONIsReportedNotRetried() async throws {
        let fixture = try await MockServerFixture.start()
        await fixture.faults.inject(.malformed)
        let client = try fixture.vobiz()
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1)) }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.description.contains("HTML") == true)
        #expect(error?.description.contains("<html>") == true)
        #expect(await fixture.faults.requestCount == 1)
        await fixture.stop()
    }

    @Test func truncatedBodyIsRetriedThenReported() async throws {
        let fixture = try await MockServerFixture.start()
        await fixture.faults.inject(.truncated)
        let client = try fixture.vobiz()
        #expect(try await client.collect(fixture.lastDays(1), limit: 5).count == 5, "one cut body, then a good one")
        await fixture.faults.inject(.truncated, times: 3)
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1), limit: 5) }
        #expect(error?.kind == .network)
        #expect(error?.description.contains("3 tries") == true)
        await fixture.stop()
    }

    @Test func droppedConnectionsAreRetried() async throws {
        let fixture = try await MockServerFixture.start()
        await fixture.faults.inject(.drop, times: 2)
        let client = try fixture.vobiz()
        #expect(try await client.collect(fixture.lastDays(1), limit: 5).count == 5)
        #expect(await fixture.faults.requestCount == 3)
        await fixture.stop()
    }

    @Test func connectionRefusedNamesTheAddress() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.vobiz()
        await fixture.stop()
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1)) }
        #expect(error?.kind == .network)
        #expect(error?.description.contains(fixture.server.baseURL) == true)
        #expect(error?.description.contains("--base-url") == true)
    }

    @Test func cancellationStopsTheRequest() async throws {
        // An answer 30 s away: a cancelled request ends long before it, even on a loaded machine.
        let fixture = try await MockServerFixture.start(latency: .seconds(30))
        let client = try fixture.vobiz()
        let task = Task { try await client.collect(fixture.lastDays(1)) }
        // Wait until the request is in flight, then cancel it.
        let deadline = ContinuousClock.now + .seconds(10)
        while await fixture.faults.requestCount == 0, ContinuousClock.now < deadline { await Task.yield() }
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        let error = #expect(throws: ProviderError.self) { try result.get() }
        #expect(error?.kind == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(20), "cancelled long before the 30 s latency")
        await fixture.stop()
    }
}
