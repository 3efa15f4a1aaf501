import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import Foundation

/// A mock API server on 127.0.0.1 (port 0) with a fixed history, and clients pointed at it.
public struct MockServerFixture: Sendable {
    /// The newest synthetic call: 2026-03-25T12:00:00Z, the day of the Vobiz documentation's sample.
    public static let anchor: Int64 = 1_774_440_000

    public let server: RunningMockServer
    public let sleeper = RecordingSleeper()

    public var history: SyntheticHistory { server.state.history }
    public var faults: MockFaultPlan { server.state.faults }
    public var anchorDate: Date { Date(timeIntervalSince1970: TimeInterval(Self.anchor)) }

    public static func start(
        calls: Int = 5_000, days: Int64 = 30, latency: Duration = .zero, vobizDialect: VobizDialect = .documented,
        impossibleValues: Bool = false, incidents: [MockIncident] = []
    ) async throws -> MockServerFixture {
        var configuration = MockServerConfiguration(history: .init(
            seed: 7, count: calls, anchor: anchor, span: days * 86_400, impossibleValues: impossibleValues, incidents: incidents))
        configuration.controlRoutes = true
        configuration.latency = latency
        configuration.vobizDialect = vobizDialect
        return MockServerFixture(server: try await MockServer.start(configuration))
    }

    /// Fast retries, so a test of three tries costs milliseconds.
    public static var quickSettings: HTTPSettings {
        var settings = HTTPSettings()
        settings.requestTimeout = .seconds(10)
        return settings
    }

    public func vobiz(account: String? = nil, token: String = MockCredentials.vobizAuthToken) throws -> VobizClient {
        VobizClient(
            configuration: VobizConfiguration(
                baseURL: try BaseURL(server.baseURL, provider: .vobiz),
                authID: MockCredentials.vobizAuthID, authToken: token, account: account),
            settings: Self.quickSettings, sleeper: sleeper)
    }

    public func voxo(scope: VoxoScope = .partner, zone: String = "America/New_York",
                     credentials: VoxoCredentials = .token(MockCredentials.voxoToken)) throws -> VoxoClient {
        VoxoClient(
            configuration: VoxoConfiguration(
                baseURL: try BaseURL(server.baseURL, provider: .voxo), scope: scope,
                credentials: credentials, zone: ZoneClock(identifier: zone) ?? ZoneClock(TimeZone(identifier: "UTC")!)),
            settings: Self.quickSettings, sleeper: sleeper)
    }

    /// A filter over the last `days` before the anchor.
    public func lastDays(_ days: Double) -> CallFilter {
        CallFilter(since: anchorDate.addingTimeInterval(-days * 86_400), until: anchorDate.addingTimeInterval(60))
    }

    public func stop() async { await server.stop() }
}

extension CallProvider {
    /// Every call of every batch, up to `limit`.
    public func collect(_ filter: CallFilter, limit: Int = .max) async throws -> [Call] {
        var calls: [Call] = []
        for try await batch in self.calls(matching: filter) {
            calls += batch.calls
            if calls.count >= limit { return Array(calls.prefix(limit)) }
        }
        return calls
    }
}
