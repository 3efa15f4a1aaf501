import AsyncHTTPClient
import CallscopeDomain
import CallscopeTesting
import Foundation
import NIOCore
import Testing
@testable import CallscopeMockServer

/// The mock server's own contract, checked with raw HTTP requests (no callscope client),
/// so a client bug cannot hide a server bug.
@Suite("Mock API contract")
struct MockAPIContractTests {
    func get(_ url: String, headers: [(String, String)] = []) async throws -> (Int, JSONValue?, String?) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        var body = try await response.body.collect(upTo: 64 << 20)
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        return (Int(response.status.code), try? JSONParser.parse(bytes), response.headers.first(name: "Retry-After"))
    }

    let vobizAuth = [("X-Auth-ID", MockCredentials.vobizAuthID), ("X-Auth-Token", MockCredentials.vobizAuthToken)]

    @Test func vobizEnforcesAuthAndPageSize() async throws {
        let fixture = try await MockServerFixture.start()
        let base = fixture.server.baseURL + "/api/v1/partner/cdrs"
        let (unauth, body, _) = try await get(base)
        #expect(unauth == 401)
        #expect(body?.objectValue?["status"] == .string("error"))
        #expect(body?.objectValue?["error"]?.objectValue?["code"] == .string("UNAUTHORIZED"))
        #expect(body?.objectValue?["requestId"] != nil)
        let (tooBig, tooBigBody, _) = try await get(base + "?per_page=101", headers: vobizAuth)
        #expect(tooBig == 400)
        #expect(tooBigBody?.objectValue?["error"]?.objectValue?["message"]?.text?.contains("100") == true)
        let (ok, page, _) = try await get(base + "?per_page=100&page=2", headers: vobizAuth)
        #expect(ok == 200)
        #expect(page?.objectValue?["data"]?.arrayValue?.count == 100)
        #expect(page?.objectValue?["meta"]?.objectValue?["total"] == .number("5000"))
        #expect(page?.objectValue?["meta"]?.objectValue?["page"] == .number("2"))
        let (badDate, _, _) = try await get(base + "?start_date=yesterday", headers: vobizAuth)
        #expect(badDate == 400)
        await fixture.stop()
    }

    @Test func voxoEnforcesItsLimits() async throws {
        let fixture = try await MockServerFixture.start()
        let auth = [("Authorization", "Bearer \(MockCredentials.voxoToken)")]
        let base = fixture.server.baseURL + "/call-reports?timezone=America/New_York"
        func query(_ start: String, _ end: String, _ scope: String = "") -> String {
            base + "&start=" + start.replacingOccurrences(of: " ", with: "%20") + "&end=" + end.replacingOccurrences(of: " ", with: "%20") + scope
        }
        #expect(try await get(query("2026-03-24 08:00:00", "2026-03-25 08:00:00")).0 == 401)
        #expect(try await get(query("2026-03-24 08:00:00", "2026-03-25 08:00:00"), headers: auth).0 == 200)
        #expect(try await get(query("2026-03-24 08:00:00", "2026-03-25 08:00:01"), headers: auth).0 == 400, "partner-wide: 24 h")
        #expect(try await get(query("2026-02-22 08:00:00", "2026-03-25 08:00:00", "&tenantId=37"), headers: auth).0 == 200)
        #expect(try await get(query("2026-02-22 08:00:00", "2026-03-25 08:00:01", "&tenantId=37"), headers: auth).0 == 400, "31 days")
        #expect(try await get(query("2026-03-24 08:00:00", "2026-03-25 08:00:00", "&tenantId=9999"), headers: auth).0 == 403)
        let (missing, body, _) = try await get(base, headers: auth)
        #expect(missing == 400)
        #expect(body?.objectValue?["name"] == .string("BadRequest"))
        await fixture.stop()
    }

    @Test func voxoRecordsLookLikeTheSeed() async throws {
        let fixture = try await MockServerFixture.start()
        let url = fixture.server.baseURL + "/call-reports?tenantId=37&timezone=America/Chicago&start=2026-03-24%2000:00:00&end=2026-03-25%2012:00:00"
        let (status, body, _) = try await get(url, headers: [("Authorization", "Bearer \(MockCredentials.voxoToken)")])
        #expect(status == 200)
        let records = try #require(body?.arrayValue)
        #expect(!records.isEmpty)
        let seedKeys = ["id", "time", "callerIdNumber", "callerIdName", "dialedNum", "direction", "disposition", "duration",
                        "percentJitter", "packetLoss", "qos", "uniqueId", "prevUniqueId", "whoAnswered", "recorded", "queueCall",
                        "ocn", "ani", "lata", "city", "rateCenter", "state", "jurisdiction", "local", "lec", "lecType", "spid",
                        "isTollFree", "nextUniqueId", "isInternational", "presented", "mos", "callOutcome", "afterAnswerDuration",
                        "outgoingCidNum", "billingId", "partnerId", "geolocation"]
        for record in records {
            #expect(record.objectValue?.keys == seedKeys)
        }
        await fixture.stop()
    }

    @Test func injectedRateLimitCarriesRetryAfter() async throws {
        let fixture = try await MockServerFixture.start()
        var request = HTTPClientRequest(url: fixture.server.baseURL + "/_mock/faults?fault=429:9&times=2")
        request.method = .POST
        #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code == 204)
        let url = fixture.server.baseURL + "/api/v1/partner/cdrs"
        let first = try await get(url, headers: vobizAuth)
        #expect(first.0 == 429 && first.2 == "9")
        #expect(first.1?.objectValue?["error"]?.objectValue?["code"] == .string("RATE_LIMITED"))
        #expect(try await get(url, headers: vobizAuth).0 == 429)
        #expect(try await get(url, headers: vobizAuth).0 == 200)
        // The requests served so far (three API requests; control routes are not counted).
        let counted = try await HTTPClient.shared.execute(HTTPClientRequest(url: fixture.server.baseURL + "/_mock/requests"), timeout: .seconds(5))
        let body = String(buffer: try await counted.body.collect(upTo: 1 << 10))
        #expect(body == "{\"requests\":3}\n")
        await fixture.stop()
    }
}

@Suite("mock control routes")
struct MockControlRouteTests {
    @Test func controlRoutesAreOffUnlessAskedFor() async throws {
        var configuration = MockServerConfiguration(history: .init(count: 10, anchor: 1_774_440_000))
        #expect(!configuration.controlRoutes)
        let server = try await MockServer.start(configuration)
        defer { Task { await server.stop() } }
        var request = HTTPClientRequest(url: server.baseURL + "/_mock/faults?fault=500")
        request.method = .POST
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 404)
        #expect(await server.state.faults.requestCount == 0)
        configuration.host = "0.0.0.0"
        #expect(!configuration.isLoopback)
    }
}
