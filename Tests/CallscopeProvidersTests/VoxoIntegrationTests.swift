import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeProviders

/// The VOXO client against the mock server over real HTTP on 127.0.0.1.
@Suite("VOXO over HTTP")
struct VoxoIntegrationTests {
    @Test func partnerWideReadsOneDayWindowsNewestFirst() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        let client = try fixture.voxo(scope: .partner)
        let filter = fixture.lastDays(3)
        var scanned: [Date] = []
        var calls: [Call] = []
        for try await batch in client.calls(matching: filter) {
            calls += batch.calls
            if let back = batch.scannedBackTo { scanned.append(back) }
        }
        #expect(await fixture.faults.requestCount == 6, "3 days and a minute, sparse: 1 h, 4 h, 16 h, then windows of at most 24 h")
        #expect(scanned == scanned.sorted(by: >))
        #expect(Set(calls.map(\.id)).count == calls.count, "no call twice at window edges")
        let starts = calls.compactMap(\.startTime)
        #expect(starts.count == calls.count)
        #expect(starts == starts.sorted(by: >))
        // Exactly the history's calls in the range, with the right instants.
        let history = fixture.history
        let expected = history.indices(since: Int64(filter.since.timeIntervalSince1970), until: Int64(filter.until.timeIntervalSince1970))
        #expect(calls.count == expected.count)
        for (call, index) in zip(calls, expected) {
            #expect(call.id == history.call(at: index).uuid)
            #expect(call.startTime?.timeIntervalSince1970 == TimeInterval(history.call(at: index).start))
        }
        await fixture.stop()
    }

    @Test func longRangeIsSplitAndNeverSentOverTheLimit() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 60)
        let client = try fixture.voxo(scope: .tenant("37"), zone: "Europe/Dublin")
        let calls = try await client.collect(fixture.lastDays(45))
        #expect(await fixture.faults.requestCount == 6, "45 sparse days: 1 h growing fourfold (4 h, 16 h, 64 h, 256 h) to the 31-day limit")
        #expect(!calls.isEmpty)
        #expect(calls.allSatisfy { $0.account == "37" })
        await fixture.stop()
    }

    @Test func theMockRefusesAnOverLimitWindow() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.voxo(scope: .partner)
        let zone = ZoneClock(identifier: "America/New_York")!
        let wide = VoxoWindowPlanner(zone: zone, limitSeconds: 2 * 86_400)
            .window(endingAt: fixture.anchorDate, notBefore: fixture.anchorDate.addingTimeInterval(-2 * 86_400))
        let error = await #expect(throws: ProviderError.self) { _ = try await client.fetchWindow(try #require(wide)) }
        #expect(error?.kind == .rejected)
        #expect(error?.status == 400)
        #expect(error?.description.contains("24 hour") == true)
        await fixture.stop()
    }

    @Test func everyFilterRunsOnTheClient() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.voxo(scope: .billingCode("BC-EAST"))
        #expect(client.serverSideFields(for: fixture.lastDays(1)) == [.timeRange])
        let base = fixture.lastDays(4)
        let all = try await client.collect(base)
        let named = try #require(all.first { ($0.callerName?.count ?? 0) > 6 })
        let namePart = String(try #require(named.callerName).dropFirst(2).prefix(4))
        var checks: [(String, CallFilter, (Call) -> Bool)] = []
        var f = base; f.direction = .outbound
        checks.append(("direction", f, { $0.direction == .outbound }))
        f = base; f.status = .busy
        checks.append(("status", f, { $0.status == .busy }))
        f = base; f.from = named.from
        checks.append(("from", f, { $0.from == named.from }))
        f = base; f.to = named.to
        checks.append(("to", f, { ($0.to ?? "").contains(named.to ?? "?") }))
        f = base; f.minDuration = 300
        checks.append(("minDuration", f, { ($0.durationSeconds ?? 0) >= 300 }))
        f = base; f.maxDuration = 0
        checks.append(("maxDuration", f, { ($0.durationSeconds ?? 0) == 0 }))
        f = base; f.search = namePart
        checks.append(("search", f, { $0.callerName?.lowercased().contains(namePart.lowercased()) == true }))
        for (name, filter, predicate) in checks {
            let got = try await client.collect(filter)
            #expect(!got.isEmpty, "\(name) matched nothing")
            #expect(got.allSatisfy(predicate), "\(name)")
            #expect(got.count == all.filter(CallMatcher(filter).matches).count, "\(name)")
        }
        await fixture.stop()
    }

    @Test func logsInAndLogsInAgainOnceWhenTheTokenExpires() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.voxo(credentials: .login(email: MockCredentials.voxoEmail, password: MockCredentials.voxoPassword))
        _ = try await client.collect(fixture.lastDays(0.5))
        #expect(await fixture.faults.requestCount == 4, "login, then 1 h, 4 h and the last 7 h")
        await fixture.server.state.expireVoxoSessions()
        _ = try await client.collect(fixture.lastDays(0.5))
        #expect(await fixture.faults.requestCount == 9, "rejected, login again, retried, then the other two windows")
        await fixture.stop()
    }

    @Test func wrongPasswordNamesTheVariables() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.voxo(credentials: .login(email: MockCredentials.voxoEmail, password: "hunter2-wrong"))
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(0.5)) }
        #expect(error?.kind == .credentials)
        #expect(error?.description.contains("VOXO_EMAIL and VOXO_PASSWORD") == true)
        #expect(error?.description.contains("hunter2") == false)
        let badToken = try fixture.voxo(credentials: .token("tok-wrong"))
        let tokenError = await #expect(throws: ProviderError.self) { _ = try await badToken.collect(fixture.lastDays(0.5)) }
        #expect(tokenError?.kind == .credentials)
        #expect(tokenError?.description.contains("VOXO_TOKEN") == true)
        await fixture.stop()
    }

    @Test func findsACallByUniqueIdWithOneNarrowRequest() async throws {
        let fixture = try await MockServerFixture.start()
        let client = try fixture.voxo(scope: .partner)
        let target = fixture.history.call(at: 1_200)
        let call = try await client.call(id: target.voxoUniqueId, within: fixture.lastDays(30))
        #expect(call.id == target.uuid)
        #expect(await fixture.faults.requestCount == 1)
        await fixture.stop()
    }

    @Test func findsACallByIdSearchingBackwards() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 10)
        let client = try fixture.voxo(scope: .partner)
        let target = fixture.history.call(at: 700)  // about three and a half days back
        let call = try await client.call(id: target.uuid, within: fixture.lastDays(7))
        #expect(call.callerName == target.callerName)
        #expect(await fixture.faults.requestCount == 4)
        let missing = await #expect(throws: ProviderError.self) { _ = try await client.call(id: "not-a-call", within: fixture.lastDays(2)) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.description.contains("--since") == true)
        await fixture.stop()
    }

    @Test func retriesThenReportsServerFailures() async throws {
        let fixture = try await MockServerFixture.start()
        await fixture.faults.inject(.status(429, retryAfterSeconds: 2))
        let client = try fixture.voxo(scope: .tenant("52"))
        _ = try await client.collect(fixture.lastDays(1))
        #expect(fixture.sleeper.delays == [.seconds(2)])
        await fixture.faults.inject(.status(503, retryAfterSeconds: nil), times: 3)
        let error = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1)) }
        #expect(error?.kind == .server)
        #expect(error?.description.contains("VOXO") == true)
        await fixture.faults.inject(.malformed)
        let malformed = await #expect(throws: ProviderError.self) { _ = try await client.collect(fixture.lastDays(1)) }
        #expect(malformed?.kind == .malformedResponse)
        await fixture.stop()
    }
}
