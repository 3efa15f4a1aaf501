import CallscopeDomain
import Foundation

/// Vobiz's Partner CDR contract (as its API documentation describes it) over the synthetic history: the customer list,
/// the global list, the single call; every documented filter applied on the server;
/// `per_page` ≤ 100; errors as `{"status":"error","error":{code,message,details},"requestId"}`.
struct VobizMockAPI: Sendable {
    let state: MockState
    var dialect: VobizDialect = .documented

    func list(_ request: MockRequest, account: String?) async -> MockReply {
        if let denied = authenticate(request) { return denied }
        let slot: Int?
        if let account {
            guard let found = SyntheticHistory.vobizAccounts.firstIndex(of: account) else {
                return error(404, "ACCOUNT_NOT_FOUND", "No customer account '\(account)' under this partner")
            }
            slot = found
        } else {
            slot = nil
        }
        let q = request.query
        guard let page = Int(q["page"] ?? "1"), (1...10_000_000).contains(page) else {
            return error(400, "VALIDATION_ERROR", "page must be an integer from 1 to 10000000")
        }
        guard let perPage = Int(q["per_page"] ?? "20"), (1...100).contains(perPage) else {
            return error(400, "VALIDATION_ERROR", "per_page must be between 1 and 100")
        }
        let filter: ServerFilter
        switch ServerFilter.parse(q) {
        case .success(let f): filter = f
        case .failure(let message): return error(400, "VALIDATION_ERROR", message.text)
        }
        let history = state.history
        let range = history.indices(since: filter.since ?? Int64.min / 2, until: state.visibleUntil(filter.until ?? Int64.max / 2))
        var selection: VobizSelection
        if let slot, history.incidentHour != nil {
            // Calls an incident added belong to its customer whatever their index: no rotation.
            selection = .explicit(range.filter { history.slot(of: $0) == slot }.map { Int32($0) })
        } else if let slot {
            selection = .account(slot: slot, accounts: SyntheticHistory.vobizAccounts.count, range: range)
        } else {
            selection = .range(range)
        }
        if filter.needsScan {
            let key = "\(account ?? "*")|\(range)|\(filter.cacheKey)"
            if let cached = await state.cachedSelection(key: key) {
                selection = .explicit(cached)
            } else {
                // Scanned outside the state actor, so other requests are not held up.
                let base = selection
                var matches: [Int32] = []
                for position in 0..<base.count {
                    let index = base[position]
                    if filter.matches(history.call(at: index)) { matches.append(Int32(index)) }
                }
                await state.storeSelection(matches, key: key)
                selection = .explicit(matches)
            }
        }
        let total = history.configuration.impossibleValues ? Int.max : selection.count
        let calls = selection.indices(page: page, perPage: perPage).map(history.call(at:))
        return MockReply(status: 200, body: MockPayloads.vobizList(calls, dialect: dialect, total: total, page: page, perPage: perPage))
    }

    func detail(_ request: MockRequest, account: String, uuid: String) async -> MockReply {
        if let denied = authenticate(request) { return denied }
        guard let slot = SyntheticHistory.vobizAccounts.firstIndex(of: account) else {
            return error(404, "ACCOUNT_NOT_FOUND", "No customer account '\(account)' under this partner")
        }
        guard let index = state.history.index(ofUUID: uuid),
              state.history.startTime(of: index) < state.visibleUntil(.max),
              state.history.slot(of: index) == slot
        else {
            return error(404, "CDR_NOT_FOUND", "No CDR with call_uuid '\(uuid)' for this account")
        }
        let call = state.history.call(at: index)
        return .json(ProviderRecords.withImpossibleValues(ProviderRecords.vobizDetail(call), call))
    }

    func authenticate(_ request: MockRequest) -> MockReply? {
        guard request.header("x-auth-id") == MockCredentials.vobizAuthID,
              request.header("x-auth-token") == MockCredentials.vobizAuthToken
        else {
            return error(401, "UNAUTHORIZED", "Invalid or missing X-Auth-ID / X-Auth-Token")
        }
        return nil
    }

    func error(_ status: Int, _ code: String, _ message: String) -> MockReply {
        var reply = MockReply.json(.object(JSONObject([
            ("status", .string("error")),
            ("error", .object(JSONObject([("code", .string(code)), ("message", .string(message)), ("details", .null)]))),
            ("requestId", .string("req_mock_\(code.lowercased())")),
        ])), status: status)
        if status == 429 { reply.retryAfterSeconds = 1 }
        return reply
    }
}

struct FilterMessage: Error { let text: String }

/// The server-side filters of the Vobiz list endpoints.
struct ServerFilter: Sendable {
    var since: Int64?
    var until: Int64?
    var direction: String?
    var status: String?
    var fromDigits: String?
    var toDigits: String?
    var hangupCause: String?
    var minDuration: Int?
    var maxDuration: Int?
    var search: String?
    var context: String?

    var needsScan: Bool {
        direction != nil || status != nil || fromDigits != nil || toDigits != nil || hangupCause != nil
            || minDuration != nil || maxDuration != nil || search != nil || context != nil
    }

    var cacheKey: String {
        "\(direction ?? "")|\(status ?? "")|\(fromDigits ?? "")|\(toDigits ?? "")|\(hangupCause ?? "")|\(minDuration ?? -1)|\(maxDuration ?? -1)|\(search ?? "")|\(context ?? "")"
    }

    static func parse(_ q: [String: String]) -> Result<ServerFilter, FilterMessage> {
        var f = ServerFilter()
        if let s = q["start_date"] {
            guard let d = TimeSpec.localDate(s) else { return .failure(FilterMessage(text: "start_date must be YYYY-MM-DD")) }
            f.since = d.civilSeconds
        }
        if let s = q["end_date"] {
            guard let d = TimeSpec.localDate(s) else { return .failure(FilterMessage(text: "end_date must be YYYY-MM-DD")) }
            f.until = d.civilSeconds + 86_400
        }
        if let d = q["call_direction"] {
            guard d == "inbound" || d == "outbound" else { return .failure(FilterMessage(text: "call_direction must be inbound or outbound")) }
            f.direction = d
        }
        if let s = q["status"] {
            let normalized = s.replacingOccurrences(of: "_", with: "-")
            guard ["answered", "no-answer", "busy", "failed"].contains(normalized) else {
                return .failure(FilterMessage(text: "status must be answered, no-answer, busy or failed"))
            }
            f.status = normalized
        }
        f.fromDigits = q["from_number"].map(digits)
        f.toDigits = q["to_number"].map(digits)
        f.hangupCause = q["hangup_cause"]?.uppercased()
        if let m = q["min_duration"] {
            guard let v = Int(m), v >= 0 else { return .failure(FilterMessage(text: "min_duration must be a whole number of seconds")) }
            f.minDuration = v
        }
        if let m = q["max_duration"] {
            guard let v = Int(m), v >= 0 else { return .failure(FilterMessage(text: "max_duration must be a whole number of seconds")) }
            f.maxDuration = v
        }
        f.search = q["search"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        f.context = q["context"]
        return .success(f)
    }

    func matches(_ c: SyntheticCall) -> Bool {
        if let direction, c.direction.description != direction { return false }
        if let status, c.status.description != status { return false }
        if let fromDigits, !Self.digits(c.from).contains(fromDigits) { return false }
        if let toDigits, !Self.digits(c.to).contains(toDigits) { return false }
        if let hangupCause, c.hangupCause != hangupCause { return false }
        if let minDuration, c.talkSeconds < minDuration { return false }
        if let maxDuration, c.talkSeconds > maxDuration { return false }
        if let context, context != "sip-trunking" { return false }
        if let search {
            // "Free-text search across number fields", in the API documentation: numbers only.
            let searchDigits = Self.digits(search)
            guard !searchDigits.isEmpty, Self.digits(c.from).contains(searchDigits) || Self.digits(c.to).contains(searchDigits) else { return false }
        }
        return true
    }

    static func digits(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init))
    }
}
