import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// The mock's impossible values (a duration of 2^63, a year of 10^12, 1e400, a SIP code of
/// 10^20, a Vobiz total of 2^63) through `list` in every format and `show` in both: no trap,
/// exit 0, and each value shown as sent.
@Suite("impossible values through the command line")
struct ImpossibleValueTests {
    func run<Command: ParsableCommand & ProviderCommand>(
        _ type: Command.Type, _ fixture: MockServerFixture, _ args: [String], env: [String: String]
    ) async throws -> CapturedOutput {
        let output = CapturedOutput()
        let command = try Command.parse(args + ["--base-url", fixture.server.baseURL])
        let context = CommandContext(environment: env, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate)
        try await command.execute(context, output: output)
        return output
    }

    static let env: [String: [String: String]] = [
        "vobiz": ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"],
        "voxo": ["VOXO_TOKEN": MockCredentials.voxoToken, "TZ": "UTC"],
    ]

    @Test(arguments: ["voxo", "vobiz"])
    func everyFormatOfListAndShowSurvives(_ provider: String) async throws {
        let fixture = try await MockServerFixture.start(calls: 400, days: 2, impossibleValues: true)
        defer { Task { await fixture.stop() } }
        let env = try #require(Self.env[provider])
        let range = ["--provider", provider, "--since", "3d", "--limit", "0"]
        let json = try await run(ListCommand.self, fixture, range + ["--format", "json"], env: env)
        let calls = try #require(try JSONParser.parse(Array(json.standardOutput.utf8)).arrayValue)
        #expect(calls.count == 400)
        #expect(json.standardOutput.contains(provider == "voxo" ? "\"duration\":9223372036854775807" : "\"duration_seconds\":9223372036854775807"),
                "the impossible value is kept verbatim in fields")
        #expect(json.standardOutput.contains("1e400"))
        for format in ["table", "csv", "ndjson"] {
            let output = try await run(ListCommand.self, fixture, range + ["--format", format], env: env)
            #expect(output.standardOutput.split(whereSeparator: \.isNewline).count >= 400, "\(format)")
        }
        // Every hostile call, shown in both formats.
        let hostile = (0..<400).filter { $0 % 23 == 11 }.map { fixture.history.call(at: $0) }
        for call in hostile {
            var args = [call.uuid, "--provider", provider, "--since", "3d"]
            if provider == "vobiz" { args += ["--account", call.account] }
            let text = try await run(ShowCommand.self, fixture, args, env: env)
            #expect(text.standardOutput.contains("Fields as sent"))
            #expect(text.standardOutput.contains("Not used"), "\(call.impossible.map { "\($0)" } ?? "") is named as not used")
            let json = try await run(ShowCommand.self, fixture, args + ["--format", "json"], env: env)
            #expect((try? JSONParser.parse(Array(json.standardOutput.utf8))) != nil)
        }
    }

    @Test func aTotalOfTwoToTheSixtyThreeIsReadAsTheCap() async throws {
        let fixture = try await MockServerFixture.start(calls: 300, days: 2, impossibleValues: true)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz()
        let page = try await client.fetchPage(1, filter: fixture.lastDays(3))
        #expect(page.page.total == Plausible.maximumTotal)
        // The walk ends on the first short page, not after 10^7 requests.
        var batches = 0
        for try await _ in client.calls(matching: fixture.lastDays(3)) { batches += 1 }
        #expect(batches <= 5)
    }
}
