import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Synchronization
import Testing
@testable import CallscopeCLI

/// `callscope watch` against the mock server over HTTP: a clean week is OK (exit 0), a planted
/// incident is CRITICAL (exit 2) and named; the plugin's first line carries performance data;
/// the JSON has its documented keys; a second look at closed days asks nothing.
@Suite("callscope watch")
struct WatchCommandTests {
    /// A profile that names the mock's four customers, so each is read on its own.
    func environment(_ fixture: MockServerFixture, _ folder: TemporaryDirectory) throws -> [String: String] {
        var environment = try NamedCustomersProfile.write(in: folder.path, baseURL: fixture.server.baseURL,
                                                          names: ["Acme", "Globex", "Initech", "Umbrella"])
        environment["LANG"] = "C.UTF-8"
        return environment
    }

    /// Eight days, 200 calls an hour: 50 per customer and hour.
    static func start(_ incidents: [MockIncident] = []) async throws -> MockServerFixture {
        try await MockServerFixture.start(calls: 8 * 24 * 200, days: 8, incidents: incidents)
    }

    func watch(_ fixture: MockServerFixture, _ folder: TemporaryDirectory, _ extra: [String] = [],
               clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: TimeInterval(MockServerFixture.anchor + 1)) },
               looks: Int = .max) async throws -> (code: Int32, output: CapturedOutput) {
        let command = try WatchCommand.parse(["--profile", "mock", "--named-customers", "--tz", "UTC"] + extra)
        let output = CapturedOutput()
        // A day after the newest call: every window has closed, so the store keeps them.
        let context = CommandContext(environment: try environment(fixture, folder), settings: MockServerFixture.quickSettings,
                                     sleeper: fixture.sleeper, now: fixture.anchorDate.addingTimeInterval(86_400))
        let code = await command.run(context, output: output, clock: clock, sleep: { _ in }, looks: looks)
        return (code, output)
    }

    @Test func aCleanWeekIsOKAndSaysSoWithPerformanceData() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        let (code, output) = try await watch(fixture, folder, ["--once"])
        #expect(code == 0, "\(output.standardOutput)\(output.standardError)")
        let first = try #require(output.standardOutput.split(separator: "\n").first)
        #expect(first.hasPrefix("OK: Vobiz, named customers, merged normal, 11:00–12:00 UTC: "))
        #expect(first.contains(" | calls=") && first.contains(";;;0 normal_calls=") && first.contains(" asr=") && first.contains("%;;;0;100"))
        #expect(!output.standardOutput.contains("CRITICAL") && !output.standardOutput.contains("WARNING"))
    }

    @Test func aPlantedASRDropIsCriticalAndNamesCustomerCauseAndTrunk() async throws {
        let fixture = try await Self.start([MockIncident(kind: .asrDrop, slot: 2)])
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        let (code, output) = try await watch(fixture, folder, ["--once"])
        #expect(code == 2)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("CRITICAL: ") == true)
        #expect(lines.first?.contains("customer MA_c05b3f18: ASR") == true, "\(lines.first ?? "")")
        #expect(lines.contains { $0.contains("what changed: failures NO_ROUTE_DESTINATION") && $0.contains("on trunk_7") })
        #expect(lines.contains { $0.contains("calls: callscope list --profile mock --account MA_c05b3f18 --tz UTC --since '2026-03-25 11:00:01'") })
    }

    /// Every incident the mock plants is found on its customer, by the rule that names it.
    @Test(arguments: [
        (MockIncident.Kind.asrDrop, ["asr", "ner", "cause"]), (.shortBurst, ["short-burst"]), (.wangiri, ["wangiri"]),
        (.highRisk, ["high-risk"]), (.sequential, ["sequential"]),
    ])
    func everyPlantedIncidentIsFoundOnItsCustomer(_ kind: MockIncident.Kind, _ expected: [String]) async throws {
        let fixture = try await Self.start([MockIncident(kind: kind, slot: 3)])
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        let (code, output) = try await watch(fixture, folder, ["--once", "--format", "json"])
        #expect(code == 2, "\(output.standardOutput.prefix(600))")
        let root = try #require(try JSONParser.parse(Array(output.standardOutput.utf8)).objectValue)
        let alerts = try #require(root["alerts"]?.arrayValue).compactMap(\.objectValue)
        let found = alerts.first { expected.contains($0["kind"]?.text ?? "") && $0["group"]?.text == "MA_e6a4d722" }
        #expect(found != nil, "\(kind.rawValue): \(alerts.map { "\($0["kind"]?.text ?? "") \($0["group"]?.text ?? "")" })")
        #expect(found?["severity"]?.text == "critical")
        #expect(!alerts.contains { $0["dimension"]?.text == "customer" && $0["group"]?.text != "MA_e6a4d722" },
                "no other customer alerts: \(alerts.map { $0["headline"]?.text ?? "" })")
    }

    @Test func theJSONHasItsDocumentedKeysAndTheSecondLookAsksNothing() async throws {
        let fixture = try await Self.start([MockIncident(kind: .shortBurst, slot: 1)])
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        let (code, output) = try await watch(fixture, folder, ["--once", "--format", "json"])
        #expect(code == 2)
        let root = try #require(try JSONParser.parse(Array(output.standardOutput.utf8)).objectValue)
        #expect(root["status"]?.text == "CRITICAL")
        let alerts = try #require(root["alerts"]?.arrayValue)
        let burst = try #require(alerts.first { $0.objectValue?["kind"]?.text == "short-burst" }?.objectValue)
        #expect(burst["group"]?.text == "MA_7d2e91a0")
        #expect(burst["dimension"]?.text == "customer")
        #expect(burst["severity"]?.text == "critical")
        for key in ["metric", "now", "normal", "spread", "headline", "changed", "also", "calls", "list"] { #expect(burst[key] != nil, "\(key)") }
        #expect(burst["list"]?.text?.contains("--account MA_7d2e91a0") == true)
        #expect(burst["list"]?.text?.contains("--max-duration 6") == true)

        let before = await fixture.faults.requestCount
        let (again, _) = try await watch(fixture, folder, ["--once", "--format", "json"])
        #expect(again == 2)
        #expect(await fixture.faults.requestCount == before, "closed days come from the local store")
    }

    @Test func repeatingPrintsWhatIsNewAndAsksOnlyForTheNewMinutes() async throws {
        let fixture = try await Self.start([MockIncident(kind: .shortBurst, slot: 1)])
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        // A manual clock: the first look ends an hour before the incident's end, the second at it.
        let times = Mutex([MockServerFixture.anchor - 3_600 + 1, MockServerFixture.anchor + 1])
        let clock: @Sendable () -> Date = {
            Date(timeIntervalSince1970: TimeInterval(times.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }))
        }
        let (_, output) = try await watch(fixture, folder, ["--every", "60s"], clock: clock, looks: 2)
        let text = output.standardOutput
        #expect(text.hasPrefix("OK: "), "the hour before the burst is normal: \(text.prefix(200))")
        #expect(text.contains("12:00 NEW CRITICAL  short-burst  customer MA_7d2e91a0"))
    }
}
