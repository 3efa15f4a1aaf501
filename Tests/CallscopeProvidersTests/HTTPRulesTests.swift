import CallscopeDomain
import Testing
@testable import CallscopeProviders

@Suite("Retry rules and base URLs")
struct HTTPRulesTests {
    let policy = RetryPolicy()

    @Test func retriesOnlyWhatMayHelp() {
        #expect(policy.delay(after: .status(500, retryAfter: nil), attempt: 1, jitter: 0) == .milliseconds(250))
        #expect(policy.delay(after: .status(503, retryAfter: nil), attempt: 2, jitter: 1) == .milliseconds(1000))
        #expect(policy.delay(after: .transportFailure, attempt: 1, jitter: 1) == .milliseconds(500))
        #expect(policy.delay(after: .status(500, retryAfter: nil), attempt: 3, jitter: 0) == nil, "three tries at most")
        for code in [400, 401, 403, 404, 409, 422] {
            #expect(policy.delay(after: .status(code, retryAfter: nil), attempt: 1, jitter: 0.5) == nil)
        }
    }

    @Test func honoursRetryAfterWithACap() {
        #expect(policy.delay(after: .status(429, retryAfter: .seconds(7)), attempt: 1, jitter: 0.9) == .seconds(7))
        #expect(policy.delay(after: .status(429, retryAfter: .seconds(3600)), attempt: 1, jitter: 0) == .seconds(30))
        #expect(policy.delay(after: .status(429, retryAfter: nil), attempt: 1, jitter: 0) == .milliseconds(250))
        #expect(RetryPolicy.parseRetryAfter("2") == .seconds(2))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT") == nil)
        // Absurd values are clamped, never trapped on.
        #expect(RetryPolicy.parseRetryAfter("99999999999999999999") == .seconds(86_400))
        #expect(policy.delay(after: .status(429, retryAfter: RetryPolicy.parseRetryAfter("1e300")), attempt: 1, jitter: 0) == .seconds(30))
    }

    @Test func backoffStaysWithinBounds() {
        for attempt in 1...2 {
            for jitter in stride(from: 0.0, through: 1.0, by: 0.25) {
                let d = policy.backoff(attempt: attempt, jitter: jitter)
                let full = policy.baseDelay * (1 << (attempt - 1))
                #expect(d >= full / 2 && d <= full)
            }
        }
        #expect(policy.backoff(attempt: 30, jitter: 1) == policy.maximumDelay)
    }

    @Test func secretsStayOutOfDescriptions() throws {
        let config = VobizConfiguration(baseURL: try BaseURL("https://api.vobiz.ai", provider: .vobiz), authID: "PA_1", authToken: "tok-XYZ", account: nil)
        #expect(!String(describing: config).contains("tok-XYZ"))
        #expect(!String(reflecting: config).contains("tok-XYZ"))
        #expect(!String(describing: VoxoCredentials.token("tok-ABC")).contains("tok-ABC"))
        #expect(!String(describing: VoxoCredentials.login(email: "a@b", password: "pw-123")).contains("pw-123"))
    }

    @Test func baseURLsMustBeHTTPSUnlessLoopback() throws {
        #expect(try BaseURL("https://api.vobiz.ai/", provider: .vobiz).string == "https://api.vobiz.ai")
        #expect(try BaseURL("http://127.0.0.1:8089", provider: .vobiz).string == "http://127.0.0.1:8089")
        #expect(try BaseURL("http://localhost:1", provider: .voxo).string == "http://localhost:1")
        #expect(try BaseURL("http://[::1]:9", provider: .voxo).string == "http://[::1]:9")
        for bad in ["http://api.voxo.co", "http://127.0.0.1.evil.com", "ftp://x", "api.voxo.co", "https://"] {
            let error = #expect(throws: ProviderError.self, "\(bad)") { try BaseURL(bad, provider: .voxo) }
            #expect(error?.kind == .configuration)
        }
        let plain = #expect(throws: ProviderError.self) { try BaseURL("http://api.voxo.co", provider: .voxo) }
        #expect(plain?.description.contains("https") == true)
        let userInfo = #expect(throws: ProviderError.self) { try BaseURL("https://me:pa55word@api.voxo.co", provider: .voxo) }
        #expect(userInfo?.description.contains("pa55word") == false)
    }

    @Test func queryValuesAreEscaped() {
        #expect(QueryString.encode([("from_number", "+91 98"), ("start", "2026-03-01 00:00:00"), ("x", "a&b=c/é")])
                == "from_number=%2B91%2098&start=2026-03-01%2000%3A00%3A00&x=a%26b%3Dc%2F%C3%A9")
    }

    @Test func vobizQuerySendsEveryFilter() throws {
        var filter = CallFilter(since: ISO8601.parse("2026-03-01T10:00:00Z")!, until: ISO8601.parse("2026-04-01T00:00:00Z")!)
        filter.direction = .inbound
        filter.status = .noAnswer
        filter.from = "+919876"
        filter.to = "555"
        filter.hangupCause = "NO_ANSWER"
        filter.minDuration = 10
        filter.maxDuration = 3600
        filter.search = "+91 98"
        let items = Dictionary(uniqueKeysWithValues: VobizClient.queryItems(for: filter, page: 3, perPage: 100))
        // The UTC days covering the range; `until` is exclusive.
        #expect(items == [
            "page": "3", "per_page": "100", "start_date": "2026-03-01", "end_date": "2026-03-31",
            "call_direction": "inbound", "status": "no-answer", "from_number": "+919876", "to_number": "555",
            "hangup_cause": "NO_ANSWER", "min_duration": "10", "max_duration": "3600", "search": "+91 98",
        ])
        #expect(VobizClient.numberQuery("+1 (555) 010-0100") == "+15550100100")
        // Vobiz searches number fields only: a name or id is matched on the client instead.
        filter.search = "王小明"
        #expect(!VobizClient.queryItems(for: filter, page: 1, perPage: 100).contains { $0.0 == "search" })
        let vobiz = try VobizClient(configuration: VobizConfiguration(
            baseURL: BaseURL("https://api.vobiz.ai", provider: .vobiz), authID: "id", authToken: "tok", account: nil))
        #expect(!vobiz.serverSideFields(for: filter).contains(.search))
        #expect(vobiz.serverSideFields(for: filter).contains(.from))
        filter.search = "98765"
        #expect(vobiz.serverSideFields(for: filter) == Set(CallFilter.Field.allCases).subtracting([.trunk]), "the API has no trunk parameter")
    }
}
