import CallscopeDomain
import Foundation
import Logging

public struct VobizConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let defaultBaseURL = "https://api.vobiz.ai"
    /// The API's maximum page size, used for every bulk read.
    public static let maximumPerPage = 100

    public var baseURL: BaseURL
    /// The partner id (`X-Auth-ID`). Not secret, but kept out of messages all the same.
    public var authID: String
    /// `X-Auth-Token`: secret.
    public var authToken: String
    /// The customer (`customer_auth_id`); nil reads every customer's calls.
    public var account: String?

    public init(baseURL: BaseURL, authID: String, authToken: String, account: String?) {
        self.baseURL = baseURL
        self.authID = authID
        self.authToken = authToken
        self.account = account
        // Whatever is sent is registered, so no echo of it can leave the process.
        SecretRedactor.shared.register(authToken)
    }

    /// Where to look when Vobiz refuses the credentials (a profile names its own source).
    public var credentialHint = "check VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN"

    public var description: String { "Vobiz \(baseURL) account \(account ?? "all") (token redacted)" }
    public var debugDescription: String { description }
}

/// The Vobiz Partner CDR API (as its API documentation describes it): pages of 100 by number, every filter on the server.
public final class VobizClient: CallProvider {
    public let configuration: VobizConfiguration
    let http: ProviderHTTP
    let mapper: VobizRecordMapper

    public var providerID: ProviderID { .vobiz }
    /// Everything is sent to the server except a search that is not a number: Vobiz searches
    /// number fields only, so names and ids are matched on the client. The exact time of day
    /// is re-checked on the client too: the API takes whole dates.
    public func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> {
        // The API has no trunk parameter: a trunk is matched here, on each page's rows.
        var fields = Set(CallFilter.Field.allCases).subtracting([.trunk])
        if let search = filter.search, !Self.isNumberSearch(search) { fields.remove(.search) }
        return fields
    }

    /// `meta.total` counts the whole UTC dates sent: exact only when the range is whole UTC days
    /// and every other part runs on the server (docs/ARCHITECTURE.md, "Counts").
    public func countsExactly(_ filter: CallFilter) -> Bool {
        filter.isWholeUTCDays && filter.activeFields.isSubset(of: serverSideFields(for: filter))
    }

    /// Five one-row requests at once, the whole filter and each status, whose `meta.total`s are the
    /// counts (docs/ARCHITECTURE.md, "Counts"): exact at once, whatever the range holds. Only for
    /// a filter Vobiz counts exactly and that names no status.
    public func countByOutcome(_ filter: CallFilter) async throws -> OutcomeCounts? {
        guard countsExactly(filter), filter.status == nil else { return nil }
        func total(_ status: CallStatus?) async throws -> Int? {
            var narrowed = filter
            narrowed.status = status
            return try await fetchPage(1, filter: narrowed, perPage: 1).page.total
        }
        async let calls = total(nil)
        async let answered = total(.answered)
        async let busy = total(.busy)
        async let noAnswer = total(.noAnswer)
        async let failed = total(.failed)
        guard let c = try await calls, let a = try await answered, let b = try await busy, let n = try await noAnswer, let f = try await failed else {
            return nil
        }
        return OutcomeCounts(calls: c, answered: a, busy: b, noAnswer: n, failed: f)
    }

    /// `+91`, `9876`, `(555) 0100`: digits with number punctuation, however short, are what
    /// Vobiz's number-field search answers; scanning them on the client would read every page.
    static func isNumberSearch(_ text: String) -> Bool {
        text.contains(where: \.isASCIIDigit) && text.allSatisfy { $0.isASCIIDigit || " +-().".contains($0) }
    }

    /// A number as the API stores it: digits, with the leading `+` of E.164 kept.
    static func numberQuery(_ text: String) -> String {
        let digits = text.filter(\.isASCIIDigit)
        return text.trimmingCharacters(in: " ").hasPrefix("+") ? "+" + digits : digits
    }

    public init(
        configuration: VobizConfiguration,
        settings: HTTPSettings = HTTPSettings(),
        sleeper: any RetrySleeper = ClockSleeper(),
        logger: Logger = Logger(label: "callscope.vobiz", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.http = ProviderHTTP(provider: .vobiz, settings: settings, sleeper: sleeper, logger: logger, describeErrorBody: VobizAnswers.describeErrorBody)
        self.mapper = VobizRecordMapper(account: configuration.account)
    }


    var listPath: String {
        if let account = configuration.account {
            return "/api/v1/partner/accounts/\(QueryString.pathSegment(account))/cdrs"
        }
        return "/api/v1/partner/cdrs"
    }

    /// The query a filter becomes.
    ///
    /// The API takes whole dates; like every time it shows, they are read as UTC, so the
    /// dates sent are the UTC days covering the range and the client trims to the instants.
    /// (The count `meta.total` is therefore exact for ranges of whole UTC days.)
    static func queryItems(for filter: CallFilter, page: Int, perPage: Int) -> [(String, String)] {
        var items: [(String, String)] = [("page", String(page)), ("per_page", String(perPage))]
        let first = Int64(filter.since.timeIntervalSince1970.rounded(.down))
        // `until` is exclusive: the last second that can hold a call is until - 1 s.
        let last = Int64(filter.until.timeIntervalSince1970.rounded(.up)) - 1
        items.append(("start_date", LocalDateTime(civilSeconds: first).dateString))
        items.append(("end_date", LocalDateTime(civilSeconds: last).dateString))
        if let d = filter.direction { items.append(("call_direction", d.description)) }
        if let s = filter.status { items.append(("status", s.description)) }
        if let f = filter.from { items.append(("from_number", numberQuery(f))) }
        if let t = filter.to { items.append(("to_number", numberQuery(t))) }
        if let c = filter.hangupCause { items.append(("hangup_cause", c)) }
        if let m = filter.minDuration { items.append(("min_duration", String(m))) }
        if let m = filter.maxDuration { items.append(("max_duration", String(m))) }
        if let q = filter.search, isNumberSearch(q) { items.append(("search", q)) }
        return items
    }

    /// One page of the list, mapped, unfiltered on the client.
    public func fetchPage(_ page: Int, filter: CallFilter, perPage: Int = VobizConfiguration.maximumPerPage) async throws(ProviderError) -> (calls: [Call], page: VobizPage) {
        // (Rows that are not objects carry no call; everything else maps, ids or not.)
        let url = configuration.baseURL.string + listPath + "?" + QueryString.encode(Self.queryItems(for: filter, page: page, perPage: perPage))
        let reply = try await get(url, what: "list calls", callID: nil)
        do {
            return try VobizAnswers.page(reply.body, mapper: mapper)
        } catch {
            throw malformed(reply, error.description)
        }
    }

    public var pagingStyle: PagingStyle { .numberedPages(size: VobizConfiguration.maximumPerPage) }
    public var maxRequestsInFlight: Int { http.settings.maxRequestsInFlight }
    public var requestBudget: Int? { http.settings.requestBudget }

    public func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .page(let number) = request else {
            throw ProviderError(kind: .configuration, provider: .vobiz, summary: "Vobiz pages by number, not by time window", advice: "")
        }
        let (calls, page) = try await fetchPage(number, filter: filter)
        let matcher = CallMatcher(filter)
        return Segment(calls: calls.filter(matcher.matches), reportedTotal: page.total, receivedCount: page.rowCount)
    }

    public func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        if let account = configuration.account {
            return try await fetchDetail(id: id, account: account)
        }
        // No customer known: the single-call endpoint needs one, and `search` covers number
        // fields only, so read the all-customers list over the range and match the id here.
        // Where the row names its customer, ask for the full record; else the row is the answer.
        let range = CallFilter(since: filter.since, until: filter.until)
        for try await batch in calls(matching: range) {
            if let back = batch.scannedBackTo { progress(back) }
            guard let row = batch.calls.first(where: { $0.id == id }) else { continue }
            if let account = row.account {
                return try await fetchDetail(id: id, account: account)
            }
            return row
        }
        throw ProviderError(
            kind: .notFound, provider: .vobiz, status: nil,
            summary: "Vobiz has no call '\(id)' in any customer's calls from \(ISO8601.format(filter.since)) to \(ISO8601.format(filter.until))",
            advice: "check the UUID, widen --since, or give the customer with --account")
    }

    /// A row of the all-customers list that names its customer opens the single-call
    /// endpoint for that customer directly, with no scan of the list.
    public func fullDetail(of summary: Call, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        if let account = summary.account { return try await fetchDetail(id: summary.id, account: account) }
        return try await call(id: summary.id, within: filter, progress: progress)
    }

    public func fetchDetail(id: String, account: String) async throws(ProviderError) -> Call {
        let url = configuration.baseURL.string + "/api/v1/partner/accounts/\(QueryString.pathSegment(account))/cdrs/\(QueryString.pathSegment(id))"
        let reply = try await get(url, what: "read call \(id)", callID: id)
        var call: Call
        do {
            call = try VobizAnswers.detail(reply.body, mapper: mapper)
        } catch {
            throw malformed(reply, error.description)
        }
        if call.account == nil { call.account = account }
        // This is the full record: whatever it lacks, there is nothing fuller to ask for.
        call.hasFullerDetail = false
        return call
    }

    func get(_ url: String, what: String, callID: String?) async throws(ProviderError) -> HTTPReply {
        let headers = [("X-Auth-ID", configuration.authID), ("X-Auth-Token", configuration.authToken), ("Accept", "application/json")]
        let reply = try await http.send(.get, url: url, headers: headers, what: what)
        let advice = RefusalAdvice(
            credentials: configuration.credentialHint,
            forbidden: "the partner may not be allowed to view CDRs, or this customer is not under the partner; ask Vobiz or check --account",
            notFound: callID == nil ? "check --account" : "check the UUID and --account",
            rejected: "check the filters")
        if let failure = ReplyClassifier.failure(
            status: reply.status, body: reply.body, provider: .vobiz, what: what,
            missing: callID.map { "no call '\($0)'" } ?? "no such customer",
            advice: advice, describe: VobizAnswers.describeErrorBody) {
            throw failure
        }
        return reply
    }

    func malformed(_ reply: HTTPReply, _ reason: String) -> ProviderError {
        ProviderError(
            kind: .malformedResponse, provider: .vobiz, status: reply.status,
            summary: "Vobiz sent an answer callscope cannot read (\(reason)); it starts '\(ProviderError.excerpt(reply.bodyText, limit: 60))'",
            advice: "try again; if it persists, check --base-url points at the Vobiz API")
    }
}
