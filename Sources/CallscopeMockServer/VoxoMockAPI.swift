import CallscopeDomain
import Foundation

/// VOXO's contract (as its API documentation describes it) over the synthetic history: `POST /authentication` and
/// `GET /call-reports`, Feathers-style errors, the 31-day / 24-hour limits enforced.
struct VoxoMockAPI: Sendable {
    let state: MockState

    func authenticate(_ request: MockRequest) async -> MockReply {
        guard let object = (try? JSONParser.parse(request.body))?.objectValue,
              object["strategy"]?.text == "local",
              object["email"]?.text == MockCredentials.voxoEmail,
              object["password"]?.text == MockCredentials.voxoPassword
        else {
            return error(401, "NotAuthenticated", "Invalid login")
        }
        let token = await state.issueVoxoSession()
        return .json(.object(JSONObject([
            ("accessToken", .string(token)),
            ("authentication", .object(JSONObject([("strategy", .string("local"))]))),
            ("user", .object(JSONObject([
                ("id", .number("1001")), ("email", .string(MockCredentials.voxoEmail)),
                ("tenantId", .number(String(SyntheticHistory.voxoTenants[0]))), ("timezone", .string("America/New_York")),
            ]))),
        ])))
    }

    func callReports(_ request: MockRequest) async -> MockReply {
        guard let auth = request.header("authorization"), auth.hasPrefix("Bearer "),
              await state.isValidVoxoToken(String(auth.dropFirst(7)))
        else {
            return error(401, "NotAuthenticated", "jwt expired or missing")
        }
        let zoneName = request.query["timezone"] ?? "America/Chicago"
        guard let zone = ZoneClock(identifier: zoneName) else {
            return error(400, "BadRequest", "Invalid timezone: \(zoneName)")
        }
        guard let startText = request.query["start"], let endText = request.query["end"],
              let start = TimeSpec.localDateTime(startText), let end = TimeSpec.localDateTime(endText)
        else {
            return error(400, "BadRequest", "start and end are required as YYYY-MM-DD HH:MM:SS")
        }
        guard end >= start else { return error(400, "BadRequest", "end must not be before start") }
        let tenant = request.query["tenantId"]
        let billingCode = request.query["billingCode"]
        let limit: Int64 = tenant == nil && billingCode == nil ? 86_400 : 31 * 86_400
        if end.civilSeconds - start.civilSeconds > limit {
            return error(400, "BadRequest", limit == 86_400
                ? "Data for partner admin requests is limited to a 24 hour period"
                : "The max range allowed between start and end is 31 days")
        }
        let tenantFilter: Int?
        if let tenant {
            guard let id = Int(tenant), SyntheticHistory.voxoTenants.contains(id) else {
                return error(403, "Forbidden", "You do not have access to tenant \(tenant)")
            }
            tenantFilter = id
        } else {
            tenantFilter = nil
        }
        if let billingCode, !SyntheticHistory.voxoTenants.map(SyntheticHistory.voxoBillingCode).contains(billingCode) {
            return error(403, "Forbidden", "Unknown billing code \(billingCode)")
        }
        let since = Int64(zone.instant(from: start).timeIntervalSince1970)
        let until = Int64(zone.instant(from: end).timeIntervalSince1970) + 1  // `end` is inclusive
        let visibleUntil = state.visibleUntil(until)
        let key = "\(zoneName)|\(since)|\(visibleUntil)|\(tenant ?? "")|\(billingCode ?? "")"
        if let body = await state.cachedVoxoAnswer(key: key) { return MockReply(status: 200, body: body) }
        let history = state.history
        let calls = history.indices(since: since, until: visibleUntil).lazy.map(history.call(at:)).filter { call in
            (tenantFilter == nil || call.voxoTenant == tenantFilter) && (billingCode == nil || call.voxoBillingCode == billingCode)
        }
        let body = MockPayloads.voxoArray(calls, zone: zone)
        await state.storeVoxoAnswer(body, key: key)
        return MockReply(status: 200, body: body)
    }

    func error(_ code: Int, _ name: String, _ message: String) -> MockReply {
        let className = name.replacingOccurrences(of: "([a-z])([A-Z])", with: "$1-$2", options: .regularExpression).lowercased()
        return .json(.object(JSONObject([
            ("name", .string(name)), ("message", .string(message)), ("code", .number(String(code))),
            ("className", .string(className)), ("errors", .object(JSONObject())),
        ])), status: code)
    }
}
