import CallscopeDomain
import Foundation
import Logging

/// Whose calls a VOXO request covers.
public enum VoxoScope: Sendable, Hashable {
    case tenant(String)
    case billingCode(String)
    /// Every CDR of the partner: 24-hour windows.
    case partner

    var isPartnerWide: Bool { self == .partner }

    var queryItems: [(String, String)] {
        switch self {
        case .tenant(let id): return [("tenantId", id)]
        case .billingCode(let code): return [("billingCode", code)]
        case .partner: return []
        }
    }

    var account: String? {
        switch self {
        case .tenant(let id): return id
        case .billingCode(let code): return code
        case .partner: return nil
        }
    }
}

/// How to authenticate to VOXO. The secret is never part of any description.
public enum VoxoCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    case token(String)
    case login(email: String, password: String)

    public var description: String {
        switch self {
        case .token: return "VOXO token (redacted)"
        case .login(let email, _): return "VOXO login \(email) (password redacted)"
        }
    }

    public var debugDescription: String { description }

    /// The variables to point a user at when VOXO refuses them.
    var hint: String {
        switch self {
        case .token: return "check VOXO_TOKEN"
        case .login: return "check VOXO_EMAIL and VOXO_PASSWORD"
        }
    }
}

public struct VoxoConfiguration: Sendable {
    public static let defaultBaseURL = "https://api.voxo.co"

    public var baseURL: BaseURL
    public var scope: VoxoScope
    public var credentials: VoxoCredentials
    /// The request zone: `start`/`end` are sent in it and `time` is read in it.
    public var zone: ZoneClock
    /// Where to look when VOXO refuses the credentials (a profile names its own source).
    public var credentialHint: String

    public init(baseURL: BaseURL, scope: VoxoScope, credentials: VoxoCredentials, zone: ZoneClock) {
        self.baseURL = baseURL
        self.scope = scope
        self.credentials = credentials
        self.zone = zone
        self.credentialHint = credentials.hint
        // Whatever is sent is registered, so no echo of it can leave the process.
        switch credentials {
        case .token(let token): SecretRedactor.shared.register(token)
        case .login(_, let password): SecretRedactor.shared.register(password)
        }
    }
}

/// VOXO call reports (as its API documentation describes it): windows newest first, every filter on the client.
public final class VoxoClient: CallProvider {
    public let configuration: VoxoConfiguration
    let http: ProviderHTTP
    let session: VoxoSession
    let planner: VoxoWindowPlanner
    let mapper: VoxoRecordMapper

    public var providerID: ProviderID { .voxo }
    /// VOXO filters nothing on its server: it only takes the time range.
    public func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }
    /// VOXO's records carry no hangup cause and no trunk, so such a filter would match nothing.
    public var filterableFields: Set<CallFilter.Field> { Set(CallFilter.Field.allCases).subtracting([.hangupCause, .trunk]) }

    public init(
        configuration: VoxoConfiguration,
        settings: HTTPSettings = HTTPSettings(),
        sleeper: any RetrySleeper = ClockSleeper(),
        logger: Logger = Logger(label: "callscope.voxo", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.http = ProviderHTTP(provider: .voxo, settings: settings, sleeper: sleeper, logger: logger, describeErrorBody: VoxoAnswers.describeErrorBody)
        self.session = VoxoSession(credentials: configuration.credentials)
        self.planner = VoxoWindowPlanner(zone: configuration.zone, scope: configuration.scope)
        self.mapper = VoxoRecordMapper(zone: configuration.zone, account: configuration.scope.account)
    }


    /// Every call in one window, newest first, unfiltered.
    public func fetchWindow(_ window: VoxoWindow) async throws(ProviderError) -> [Call] {
        var query = configuration.scope.queryItems
        query += [("start", window.start.description), ("end", window.end.description), ("timezone", configuration.zone.identifier)]
        let url = configuration.baseURL.string + "/call-reports?" + QueryString.encode(query)
        // Decoded as the body arrives; the decoder of the attempt that answered is the one kept.
        var decoder: VoxoStreamDecoder?
        let reply = try await authorizedGet(url, what: "list calls") { [mapper] in
            let fresh = VoxoStreamDecoder(mapper: mapper)
            decoder = fresh
            return fresh
        }
        guard let decoder else { throw malformed(reply, JSONParseError(offset: 0, reason: "no body")) }
        switch decoder.finish() {
        case .success(let calls): return calls
        case .failure(let error): throw malformed(HTTPReply(status: reply.status, body: decoder.opening), error)
        }
    }

    public var pagingStyle: PagingStyle { .timeWindows(maximumSeconds: planner.limitSeconds) }
    public var maxRequestsInFlight: Int { http.settings.maxRequestsInFlight }
    public var requestBudget: Int? { http.settings.requestBudget }

    /// The calls in `since ..< until` that match, newest first; split into requests VOXO
    /// accepts if the span is over its limit.
    public func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .window(let since, let until) = request else {
            throw ProviderError(kind: .configuration, provider: .voxo, summary: "VOXO reads time windows, not numbered pages", advice: "")
        }
        // Window edges may reach past the span (kept out of repeated DST hours): trim to it.
        var inSpan = filter
        inSpan.since = max(filter.since, since)
        inSpan.until = min(filter.until, until)
        let matcher = CallMatcher(inSpan)
        var calls: [Call] = []
        var received = 0
        var seen: Set<String> = []
        // Filtered as they are taken, so a window of 100,000 calls is not copied twice.
        for window in planner.windows(since: since, until: until) {
            let answer = try await fetchWindow(window)
            seen.reserveCapacity(seen.count + answer.count)
            for call in answer where seen.insert(call.id).inserted {
                received += 1
                if matcher.matches(call) { calls.append(call) }
            }
        }
        return Segment(calls: calls, receivedCount: received)
    }

    public func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        // A uniqueId carries its start: fetch only the hour around it.
        if let unique = VoxoUniqueId(id) {
            let around = planner.window(endingAt: unique.date.addingTimeInterval(3600), notBefore: unique.date.addingTimeInterval(-3600))
            if let around, let found = try await fetchWindow(around).first(where: { Self.call($0, hasID: id) }) {
                return found
            }
        }
        for window in planner.windows(since: filter.since, until: filter.until) {
            try Task.checkCancellation()
            progress(window.since)
            if let found = try await fetchWindow(window).first(where: { Self.call($0, hasID: id) }) {
                return found
            }
        }
        let zone = configuration.zone
        throw ProviderError(
            kind: .notFound, provider: .voxo,
            summary: "VOXO has no call '\(id)' between \(zone.local(filter.since)) and \(zone.local(filter.until)) \(zone.identifier)",
            advice: "check the id, or widen the search with --since")
    }

    static func call(_ call: Call, hasID id: String) -> Bool {
        // The mapper keeps a uniqueId that is not the id as the alternate id.
        call.id == id || call.alternateId == id
    }

    func authorizedGet(_ url: String, what: String, streamingInto makeConsumer: (() -> any ByteStreamConsumer)? = nil) async throws(ProviderError) -> HTTPReply {
        var token = try await session.token(using: self)
        var reply = try await http.send(.get, url: url, headers: headers(token: token), what: what, streamingInto: makeConsumer)
        if reply.status == 401, await session.canLogInAgain(afterRejecting: token) {
            token = try await session.refreshToken(using: self, rejected: token)
            reply = try await http.send(.get, url: url, headers: headers(token: token), what: what, streamingInto: makeConsumer)
        }
        try check(reply, what: what)
        return reply
    }

    func headers(token: String) -> [(String, String)] {
        [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"), ("Accept", "application/json")]
    }

    /// `POST /authentication` with the local strategy; returns the access token.
    func logIn(email: String, password: String) async throws(ProviderError) -> String {
        let body = JSONWriter.encode(.object(JSONObject([
            ("strategy", .string("local")), ("email", .string(email)), ("password", .string(password)),
        ])))
        let reply = try await http.send(
            .post, url: configuration.baseURL.string + "/authentication",
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: body, what: "log in", quotingErrors: false)
        // Never quoted, at any status: a gateway may echo the password, the answer may hold a token.
        try check(reply, what: "log in", describe: ProviderErrorBody.unquoted)
        // The login answer holds the token: never quote it, not even its first bytes.
        guard let token = VoxoAnswers.accessToken(reply.body) else {
            // (Nothing of the body is quoted: it may hold a token under another name.)
            throw ProviderError(
                kind: .malformedResponse, provider: .voxo, status: reply.status,
                summary: "VOXO's login answer is not the JSON with an accessToken that the API documents (\(reply.body.count) bytes)",
                advice: "try again; if it persists, check --base-url points at the VOXO API")
        }
        SecretRedactor.shared.register(token)
        return token
    }

    func check(_ reply: HTTPReply, what: String, describe: ([UInt8]) -> ProviderErrorBody = VoxoAnswers.describeErrorBody) throws(ProviderError) {
        let advice = RefusalAdvice(
            credentials: configuration.credentialHint,
            forbidden: "the user needs the account admin, reports admin or partner admin role for this scope",
            notFound: "check --base-url and --tenant",
            rejected: "check the scope (--tenant / --billing-code) and the time range")
        if let failure = ReplyClassifier.failure(
            status: reply.status, body: reply.body, provider: .voxo, what: what, advice: advice, describe: describe) {
            throw failure
        }
    }

    func malformed(_ reply: HTTPReply, _ error: JSONParseError) -> ProviderError {
        ProviderError(
            kind: .malformedResponse, provider: .voxo, status: reply.status,
            summary: "VOXO sent an answer that is not valid JSON (\(error)); it starts '\(ProviderError.excerpt(reply.bodyText, limit: 60))'",
            advice: "try again; if it persists, check --base-url points at the VOXO API")
    }
}

/// Holds the access token; logs in at most once per rejected token, however many requests
/// ask at the same time.
actor VoxoSession {
    let credentials: VoxoCredentials
    private var current: String?
    private var login: Task<String, any Error>?

    init(credentials: VoxoCredentials) {
        self.credentials = credentials
        if case .token(let token) = credentials { current = token }
    }

    func token(using client: VoxoClient) async throws(ProviderError) -> String {
        if let current { return current }
        return try await refreshToken(using: client, rejected: nil)
    }

    func canLogInAgain(afterRejecting token: String) -> Bool {
        if case .login = credentials { return true }
        return false
    }

    func refreshToken(using client: VoxoClient, rejected: String?) async throws(ProviderError) -> String {
        if let current, current != rejected { return current }
        guard case .login(let email, let password) = credentials else {
            throw ProviderError(kind: .credentials, provider: .voxo, status: 401, summary: "VOXO rejected the token (401)", advice: credentials.hint)
        }
        let task: Task<String, any Error>
        if let login {
            task = login
        } else {
            task = Task { try await client.logIn(email: email, password: password) }
            login = task
        }
        // Only the waiter of this very login clears it: a newer one may have started meanwhile.
        defer { if login == task { login = nil } }
        do {
            let token = try await task.value
            current = token
            return token
        } catch let error as ProviderError {
            throw error
        } catch {
            throw .cancelled(.voxo)
        }
    }
}
