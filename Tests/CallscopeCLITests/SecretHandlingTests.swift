import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// Every credential mishap through `list`: the secret never appears in what callscope says,
/// and each mishap ends with a message that says what to do. (The TUI's screen and log file
/// are searched by the end-to-end tests.)
@Suite("secrets")
struct SecretHandlingTests {
    static let secret = "s3cr3t-T0KEN-value"

    func list(_ fixture: MockServerFixture, env: [String: String], baseURL: String? = nil, provider: String = "vobiz") async -> (output: CapturedOutput, failure: CLIFailure?) {
        let output = CapturedOutput()
        do {
            let command = try ListCommand.parse(["--provider", provider, "--limit", "5", "--base-url", baseURL ?? fixture.server.baseURL])
            let context = CommandContext(environment: env, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate)
            try await command.execute(context, output: output)
            return (output, nil)
        } catch let failure as CLIFailure {
            return (output, failure)
        } catch {
            return (output, CLIFailure("\(error)", exitCode: 1))
        }
    }

    func expectNoSecret(_ result: (output: CapturedOutput, failure: CLIFailure?), _ secret: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let said = result.output.standardOutput + result.output.standardError + (result.failure.map { "\($0.message)" } ?? "")
        #expect(!said.contains(secret), "the secret leaked: \(said)", sourceLocation: sourceLocation)
    }

    @Test func aTrailingCarriageReturnIsTrimmedAndTheTokenWorks() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken + "\r\n", "TZ": "UTC"]
        let result = await list(fixture, env: env)
        #expect(result.failure == nil)
        #expect(result.output.standardOutput.split(separator: "\n").count == 6)
        expectNoSecret(result, MockCredentials.vobizAuthToken)
    }

    @Test(arguments: ["\u{1B}[2J", "\n", "\u{7}", "\r\r", "\u{85}"])
    func aControlCharacterInsideIsRefusedByName(_ inside: String) async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": Self.secret + inside + "x", "TZ": "UTC"]
        let result = await list(fixture, env: env)
        let failure = try #require(result.failure)
        #expect(failure.exitCode == CallscopeExit.credentials)
        #expect(failure.message.contains("VOBIZ_AUTH_TOKEN holds a control character"))
        expectNoSecret(result, Self.secret)
        #expect(await fixture.faults.requestCount == 0, "nothing was sent")
    }

    @Test func aRefusedTokenIsNotQuoted() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": Self.secret, "TZ": "UTC"]
        let result = await list(fixture, env: env)
        let failure = try #require(result.failure)
        #expect(failure.exitCode == CallscopeExit.credentials)
        #expect(failure.message.contains("Vobiz rejected the credentials (401)"))
        #expect(failure.message.contains("check VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN"))
        expectNoSecret(result, Self.secret)
    }

    @Test func aVoxoPasswordWithALineFeedInsideIsRefused() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let env = ["VOXO_EMAIL": MockCredentials.voxoEmail, "VOXO_PASSWORD": Self.secret + "\nmore", "TZ": "UTC"]
        let result = await list(fixture, env: env, provider: "voxo")
        let failure = try #require(result.failure)
        #expect(failure.exitCode == CallscopeExit.credentials)
        #expect(failure.message.contains("VOXO_PASSWORD"))
        expectNoSecret(result, Self.secret)
    }

    @Test func aLoginAnswerCutShortIsNeverQuoted() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        await fixture.faults.inject(.malformed, times: 1)
        let env = ["VOXO_EMAIL": MockCredentials.voxoEmail, "VOXO_PASSWORD": MockCredentials.voxoPassword, "TZ": "UTC"]
        let result = await list(fixture, env: env, provider: "voxo")
        let failure = try #require(result.failure)
        #expect(failure.message.contains("login answer"))
        #expect(!failure.message.contains("Bad Gateway"), "no byte of a login answer is quoted")
        expectNoSecret(result, MockCredentials.voxoPassword)
    }

    @Test func aBaseURLWithAPasswordIsRefusedWithoutRepeatingIt() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"]
        for url in ["https://ops:\(Self.secret)@api.vobiz.ai", "http://ops:\(Self.secret)@example.com/x", "ops:\(Self.secret)@api.vobiz.ai",
                    "https://admin:\(Self.secret)#x@api.voxo.co", "http://u:\(Self.secret)/w@127.0.0.1", "https://u:\(Self.secret)?q@h"] {
            let result = await list(fixture, env: env, baseURL: url)
            let failure = try #require(result.failure)
            #expect(failure.exitCode == CallscopeExit.usage || failure.exitCode == CallscopeExit.credentials || failure.exitCode == 78 || failure.exitCode == 64)
            #expect(failure.message.contains("user name or password"))
            expectNoSecret(result, Self.secret)
        }
    }
}
