import ArgumentParser
import CallscopeMockServer
import Foundation
import Logging

/// `callscope mock-server`: both providers' APIs over a synthetic history, for demos and tests.
public struct MockServerCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(
        commandName: "mock-server",
        abstract: "Serve the VOXO and Vobiz APIs from a deterministic synthetic history."
    )

    @Option(help: "Port to listen on; 0 picks a free one and prints it.")
    public var port = 8089

    @Option(help: "Address to listen on.")
    public var host = "127.0.0.1"

    @Option(help: "Seed of the synthetic history: the same seed gives the same calls.")
    public var seed: UInt64 = 1

    @Option(help: "How many calls the history holds (generated on demand).")
    public var calls = 20_000

    @Option(help: "How many days back the history reaches.")
    public var days = 30

    @Option(help: "Time of the newest call, Unix seconds (default: now).")
    public var anchor: Int64?

    @Option(help: "Delay before every answer, in milliseconds.")
    public var latency = 0

    @Option(help: "Vobiz spelling: documented (meta, call_uuid, no-answer) or alternate (pagination, uuid, no_answer).")
    public var vobizDialect: String = "documented"

    @Flag(help: "Live: the history reaches a day past now and calls appear as the clock reaches them, so follow mode has news.")
    public var live = false

    @Flag(help: "Serve POST /_mock/faults and /_mock/expire-sessions, to inject faults into the running server, and GET /_mock/requests, the API requests served so far.")
    public var controlRoutes = false

    @Flag(help: "Put impossible numbers and times in one call of 23 (a duration of 2^63, a year of 10^12, 1e400, a SIP code of 10^20) and claim a Vobiz total of 2^63.")
    public var impossibleValues = false

    @Option(help: "Fail the next API request: 429[:retry-after], 500, 503, malformed, truncated or drop. Repeat for more; add *N to fail N requests (500*3).")
    public var fault: [String] = []

    @Option(help: ArgumentHelp("Plant an incident in the last hour: KIND:CUSTOMER, KIND one of \(MockIncident.Kind.allCases.map(\.rawValue).joined(separator: ", ")); CUSTOMER a mock account (MA_c05b3f18) or VOXO tenant (108). Repeat for more.", valueName: "kind:customer"))
    public var incident: [String] = []

    public init() {}

    public mutating func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard calls >= 0 else { throw ValidationError("--calls must be 0 or more") }
        guard (1...36_500).contains(days) else { throw ValidationError("--days must be 1 to 36500") }
        if let anchor, !(0...7_258_118_399).contains(anchor) {
            throw ValidationError("--anchor must be Unix seconds between 1970 and 2200")
        }
        guard latency >= 0 else { throw ValidationError("--latency must be 0 or more milliseconds") }
        guard VobizDialect(rawValue: vobizDialect) != nil else {
            throw ValidationError("--vobiz-dialect must be documented or alternate")
        }
        for spec in incident where MockIncident(spec: spec) == nil {
            throw ValidationError("cannot read --incident '\(spec)': use \(MockIncident.usage)")
        }
        for spec in fault where Self.parseFault(spec) == nil {
            throw ValidationError("cannot read --fault '\(spec)': use 429[:seconds], 500, 503, malformed, truncated, drop or echo:STATUS (an error that quotes the request), optionally *N")
        }
    }

    static func parseFault(_ spec: String) -> (MockFault, Int)? {
        let parts = spec.split(separator: "*")
        guard let kind = parts.first.flatMap({ MockFault(spec: String($0)) }) else { return nil }
        let times = parts.count > 1 ? Int(parts[1]) : 1
        guard let times, times > 0, parts.count <= 2 else { return nil }
        return (kind, times)
    }

    public func runAsync() async throws {
        let ahead: Int64 = live ? 86_400 : 0
        var configuration = MockServerConfiguration(history: .init(
            seed: seed, count: calls, anchor: (anchor ?? Int64(Date().timeIntervalSince1970)) + ahead, span: Int64(days) * 86_400 + ahead,
            impossibleValues: impossibleValues))
        configuration.history.incidents = incident.compactMap(MockIncident.init(spec:))
        if live {
            configuration.liveNow = { Int64(Date().timeIntervalSince1970) }
            configuration.history.incidentEnd = Int64(Date().timeIntervalSince1970)
        }
        configuration.controlRoutes = controlRoutes
        configuration.host = host
        configuration.port = port
        configuration.latency = .milliseconds(latency)
        configuration.vobizDialect = VobizDialect(rawValue: vobizDialect) ?? .documented
        let server: RunningMockServer
        do {
            server = try await MockServer.start(configuration, handleSignals: true)
        } catch {
            FileHandle.standardError.write(Data("callscope: \(error)\n".utf8))
            throw ExitCode(69)
        }
        if !configuration.isLoopback {
            FileHandle.standardError.write(Data("""
                callscope: warning: the mock server listens on \(host), reachable from other machines; \
                it accepts published demo credentials. Use --host 127.0.0.1 unless that is what you want.

                """.utf8))
        }
        for spec in fault {
            if let (kind, times) = Self.parseFault(spec) { await server.state.faults.inject(kind, times: times) }
        }
        FileHandle.standardOutput.write(Data("""
            callscope mock server listening on \(server.baseURL)
              VOXO:  VOXO_TOKEN=\(MockCredentials.voxoToken)   (or VOXO_EMAIL=\(MockCredentials.voxoEmail) VOXO_PASSWORD=\(MockCredentials.voxoPassword))
              Vobiz: VOBIZ_AUTH_ID=\(MockCredentials.vobizAuthID) VOBIZ_AUTH_TOKEN=\(MockCredentials.vobizAuthToken)
              e.g.   callscope list --provider vobiz --base-url \(server.baseURL)

            """.utf8))
        await server.waitUntilStopped()
    }
}
