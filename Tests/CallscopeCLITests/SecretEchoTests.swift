import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import CallscopeCLI

/// Providers and gateways echo requests in their errors: a 401 naming the token, a 403 quoting
/// X-Auth-Token, a proxy's 502 page with the Authorization header, a login's 5xx echoing the
/// password. The mock server's `echo:STATUS` fault answers so; nothing callscope says may hold
/// the secret or its first 12 characters (docs/ARCHITECTURE.md, "Secrets").
@Suite("secrets echoed by a provider or gateway")
struct SecretEchoTests {
    static let statuses = [401, 403, 500, 502, 503]

    enum Credential: String, CaseIterable, Sendable {
        case vobizToken, voxoToken, voxoLogin

        var secret: String {
            switch self {
            case .vobizToken: return MockCredentials.vobizAuthToken
            case .voxoToken: return MockCredentials.voxoToken
            case .voxoLogin: return MockCredentials.voxoPassword
            }
        }

        var provider: String { self == .vobizToken ? "vobiz" : "voxo" }

        var environment: [String: String] {
            switch self {
            case .vobizToken: return ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": secret]
            case .voxoToken: return ["VOXO_TOKEN": secret]
            case .voxoLogin: return ["VOXO_EMAIL": MockCredentials.voxoEmail, "VOXO_PASSWORD": secret]
            }
        }
    }

    /// Runs one command line; returns everything it said, stdout, stderr and the failure.
    func run(_ fixture: MockServerFixture, _ credential: Credential, _ arguments: [String]) async -> String {
        let output = CapturedOutput()
        let context = CommandContext(environment: credential.environment.merging(["TZ": "UTC"]) { $1 },
                                     settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate)
        let common = ["--provider", credential.provider, "--base-url", fixture.server.baseURL]
        var failure = ""
        do {
            switch arguments[0] {
            case "list": try await ListCommand.parse(Array(arguments.dropFirst()) + common).execute(context, output: output)
            case "show": try await ShowCommand.parse(Array(arguments.dropFirst()) + common).execute(context, output: output)
            default: try await StatsCommand.parse(Array(arguments.dropFirst()) + common).execute(context, output: output)
            }
        } catch let error as CLIFailure {
            failure = error.message
        } catch {
            failure = "\(error)"
        }
        return output.standardOutput + "\n" + output.standardError + "\n" + failure
    }

    static func expectNothingOf(_ secret: String, in said: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!said.contains(secret), "\(what): the secret leaked:\n\(said)", sourceLocation: sourceLocation)
        #expect(!said.contains(String(secret.prefix(12))), "\(what): the secret's start leaked:\n\(said)", sourceLocation: sourceLocation)
    }

    @Test(arguments: Credential.allCases)
    func noCommandQuotesAnEchoedSecret(_ credential: Credential) async throws {
        let fixture = try await MockServerFixture.start(calls: 200, days: 2)
        defer { Task { await fixture.stop() } }
        let commands = [["list", "--limit", "5"], ["show", "call-that-is-not-there", "--since", "1d"], ["stats", "--since", "1d"]]
        for status in Self.statuses {
            for command in commands {
                await fixture.faults.clear()
                // Enough for every retry of a 5xx.
                await fixture.faults.inject(.echo(status), times: 20)
                let said = await run(fixture, credential, command)
                #expect(said.contains(String(status)) || said.contains("credentials") || said.contains("refused"),
                        "\(command[0]) at \(status) says what happened:\n\(said)")
                Self.expectNothingOf(credential.secret, in: said, "\(credential) \(command[0]) at \(status)")
            }
        }
    }

    /// The echo really carries the secret: without the redactor the tests above would fail.
    @Test func theEchoQuotesTheRequestsCredentials() async throws {
        let fixture = try await MockServerFixture.start(calls: 10, days: 1)
        defer { Task { await fixture.stop() } }
        await fixture.faults.inject(.echo(502))
        var request = URLRequest(url: URL(string: fixture.server.baseURL + "/call-reports")!)
        request.setValue("Bearer " + MockCredentials.voxoToken, forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        let page = String(decoding: data, as: UTF8.self)
        #expect(page.contains("Bearer " + MockCredentials.voxoToken))
        // Past the 200 characters a client quotes of a page, so a cut there would keep its start.
        #expect(try #require(page.range(of: MockCredentials.voxoToken)).lowerBound.utf16Offset(in: page) > 150)
    }

    @Test func profilesCheckQuotesNoEchoedSecret() async throws {
        let fixture = try await MockServerFixture.start(calls: 10, days: 1)
        defer { Task { await fixture.stop() } }
        let home = try TemporaryDirectory(prefix: "callscope-echo")
        _ = try home.write("callscope/config.toml", """
            [profiles.acme]
            provider = "vobiz"
            base_url = "\(fixture.server.baseURL)"
            auth_id = "\(MockCredentials.vobizAuthID)"
            token_env = "ACME_TOKEN"
            """, mode: 0o600)
        let context = CommandContext(environment: ["XDG_CONFIG_HOME": home.path, "ACME_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"],
                                     settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate)
        for status in Self.statuses {
            await fixture.faults.clear()
            await fixture.faults.inject(.echo(status), times: 20)
            let output = CapturedOutput()
            var failure = ""
            do { try await ProfilesCheckCommand.parse([]).execute(context, output: output) } catch let error as CLIFailure { failure = error.message } catch { failure = "\(error)" }
            let said = output.standardOutput + output.standardError + failure
            #expect(said.contains("acme"))
            Self.expectNothingOf(MockCredentials.vobizAuthToken, in: said, "profiles check at \(status)")
        }
    }

    @Test func theRedactorReplacesEveryFormAndTheBearerBeforeIt() {
        let redactor = SecretRedactor()
        redactor.register("p@ss \"w0rd\"x")
        redactor.register("abc")
        #expect(redactor.redact("Authorization: Bearer p@ss \"w0rd\"x!") == "Authorization: [secret]!")
        #expect(redactor.redact(#"{"password":"p@ss \"w0rd\"x"}"#) == #"{"password":"[secret]"}"#)
        #expect(redactor.redact("q=p%40ss%20%22w0rd%22x") == "q=[secret]")
        #expect(redactor.redact("abc stays: too short to be a secret") == "abc stays: too short to be a secret")
        #expect(redactor.redact("") == "")
    }
}
