import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// Profiles from config.toml end to end: the command line reads the file, runs the secret
/// commands, and talks to the mock server over HTTP.
@Suite("Profiles and config.toml")
struct ProfileTests {
    let home: TemporaryDirectory
    init() throws { home = try TemporaryDirectory(prefix: "callscope-profiles") }

    /// Writes config.toml (mode 600 unless said) under this test's XDG_CONFIG_HOME.
    func writeConfig(_ text: String, mode: Int = 0o600) throws -> String {
        try home.write("callscope/config.toml", text, mode: mode)
    }

    func context(_ fixture: MockServerFixture, env: [String: String] = [:]) -> CommandContext {
        CommandContext(environment: ["XDG_CONFIG_HOME": home.path, "TZ": "UTC"].merging(env) { $1 },
                       settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate)
    }

    func list(_ fixture: MockServerFixture, _ args: [String], env: [String: String] = [:]) async throws(CLIFailure) -> CapturedOutput {
        let output = CapturedOutput()
        let command: ListCommand
        do { command = try ListCommand.parse(args) } catch { throw CLIFailure("\(error)", exitCode: CallscopeExit.usage) }
        try await command.execute(context(fixture, env: env), output: output)
        return output
    }

    func failure(_ body: () async throws(CLIFailure) -> Void) async -> CLIFailure? {
        do { try await body(); return nil } catch { return error }
    }

    func twoProfiles(_ fixture: MockServerFixture) throws -> String {
        let token = try home.script("token", "echo '\(MockCredentials.vobizAuthToken)'")
        return """
        default_profile = "acme"

        [profiles.acme]
        provider = "vobiz"
        base_url = "\(fixture.server.baseURL)"
        auth_id = "\(MockCredentials.vobizAuthID)"
        token_command = ["\(token)"]
        zone = "Asia/Kolkata"
        since = "2d"

        [profiles.voxo-37]
        provider = "voxo"
        base_url = "\(fixture.server.baseURL)"
        tenant = 37
        token_env = "TOKEN_37"
        """
    }

    @Test func theDefaultProfileIsReadWithItsZoneSinceAndSecretCommand() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try writeConfig(try twoProfiles(fixture))
        let output = try await list(fixture, ["--limit", "5"])
        #expect(output.standardOutput.hasPrefix("TIME"))
        #expect(output.standardError.contains("from Vobiz, all customers, times in Asia/Kolkata"))
        // Flags win over the profile: zone, scope; the environment is used where the profile names nothing.
        let flagged = try await list(fixture, ["--profile", "acme", "--tz", "UTC", "--account", "MA_48149cf4", "--limit", "1"])
        #expect(flagged.standardError.contains("customer MA_48149cf4, times in UTC"))
        let voxo = try await list(fixture, ["--profile", "voxo-37", "--limit", "1"], env: ["TOKEN_37": MockCredentials.voxoToken])
        #expect(voxo.standardError.contains("VOXO, tenant 37, times in UTC"))
        // --provider without --profile goes by flags and environment alone, as before profiles.
        let plain = try await list(fixture, ["--provider", "voxo", "--base-url", fixture.server.baseURL, "--limit", "1"], env: ["VOXO_TOKEN": MockCredentials.voxoToken])
        #expect(plain.standardError.contains("VOXO, all partner calls"))
    }

    /// `CALLSCOPE_PROFILE` picks the profile when `--profile` does not; `--provider` still means
    /// flags alone; a name that is not there says where it came from.
    @Test func callscopeProfileInTheEnvironmentPicksTheProfile() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try writeConfig(try twoProfiles(fixture))
        let environment = ["CALLSCOPE_PROFILE": "voxo-37", "TOKEN_37": MockCredentials.voxoToken]
        let picked = try await list(fixture, ["--limit", "1"], env: environment)
        #expect(picked.standardError.contains("VOXO, tenant 37"), "\(picked.standardError)")
        let typed = try await list(fixture, ["--profile", "acme", "--limit", "1"], env: environment)
        #expect(typed.standardError.contains("from Vobiz, all customers"))
        let flags = try await list(fixture, ["--provider", "voxo", "--base-url", fixture.server.baseURL, "--limit", "1"],
                                   env: environment.merging(["VOXO_TOKEN": MockCredentials.voxoToken]) { $1 })
        #expect(flags.standardError.contains("VOXO, all partner calls"))
        let stale = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--limit", "1"], env: ["CALLSCOPE_PROFILE": "old"]) }
        #expect(stale?.exitCode == CallscopeExit.usage)
        #expect(stale?.message.hasPrefix("no profile 'old' (from CALLSCOPE_PROFILE) in") == true, "\(stale?.message ?? "")")
    }

    @Test func aProfileWithoutASecretSourceFallsBackToTheEnvironment() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try writeConfig("[profiles.v]\nprovider = \"voxo\"\nbase_url = \"\(fixture.server.baseURL)\"\n")
        let output = try await list(fixture, ["--profile", "v", "--limit", "1"], env: ["VOXO_TOKEN": MockCredentials.voxoToken])
        #expect(output.standardOutput.hasPrefix("TIME"))
        let missing = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "v"]) }
        #expect(missing?.exitCode == CallscopeExit.credentials)
        #expect(missing?.message.contains("profile 'v' names no token") == true)
    }

    @Test func usageAndConfigErrorsSayWhereAndWhat() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try writeConfig(try twoProfiles(fixture))
        let unknown = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "nope"]) }
        #expect(unknown?.exitCode == CallscopeExit.usage)
        #expect(unknown?.message.hasSuffix("the profiles are acme, voxo-37") == true)
        let mismatch = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "acme", "--provider", "voxo"]) }
        #expect(mismatch?.exitCode == CallscopeExit.usage)

        let path = try writeConfig("[profiles.a]\nprovider = \"vobiz\"\nzone = [1]\n")
        let malformed = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "a"]) }
        #expect(malformed?.exitCode == CallscopeExit.config)
        #expect(malformed?.message == "\(path):3, key 'profiles.a.zone': must be a string in quotes, not a array")
    }

    @Test func aVoxoLoginProfileSignsInWithItsPasswordCommand() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let password = try home.script("password", "echo '\(MockCredentials.voxoPassword)'")
        _ = try writeConfig("""
        [profiles.login]
        provider = "voxo"
        base_url = "\(fixture.server.baseURL)"
        tenant = 37
        email = "\(MockCredentials.voxoEmail)"
        password_command = ["\(password)"]
        """)
        let output = try await list(fixture, ["--profile", "login", "--limit", "2"])
        #expect(output.standardOutput.hasPrefix("TIME"))
        #expect(output.standardError.contains("VOXO, tenant 37"))
    }

    @Test func aRefusedTokenCommandNamesTheProfileNotTheSecret() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let wrong = try home.script("wrong", "echo 'not-the-token-123'")
        let failing = try home.script("failing", "echo 'gpg: no secret key' >&2; exit 2")
        _ = try writeConfig("""
        [profiles.wrong]
        provider = "vobiz"
        base_url = "\(fixture.server.baseURL)"
        auth_id = "\(MockCredentials.vobizAuthID)"
        token_command = ["\(wrong)"]
        [profiles.failing]
        provider = "vobiz"
        base_url = "\(fixture.server.baseURL)"
        auth_id = "\(MockCredentials.vobizAuthID)"
        token_command = ["\(failing)", "vobiz/acme"]
        """)
        let refused = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "wrong"]) }
        #expect(refused?.exitCode == CallscopeExit.credentials)
        #expect(refused?.message.contains("check auth_id and the token_command of profile 'wrong'") == true)
        #expect(refused?.message.contains("not-the-token") == false)
        let failed = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "failing"]) }
        #expect(failed?.exitCode == CallscopeExit.credentials)
        #expect(failed?.message == "the token_command of profile 'failing' failed with exit status 2 and said: gpg: no secret key: run it by hand to see why")
    }

    @Test func anInlineSecretInALooseFileIsRefused() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let path = try writeConfig("[profiles.v]\nprovider = \"voxo\"\nbase_url = \"\(fixture.server.baseURL)\"\ntoken = \"\(MockCredentials.voxoToken)\"\n", mode: 0o640)
        let refused = await failure { () async throws(CLIFailure) in _ = try await list(fixture, ["--profile", "v"]) }
        #expect(refused?.exitCode == CallscopeExit.credentials)
        #expect(refused?.message.contains("chmod 600 \(path)") == true)
        #expect(refused?.message.contains(MockCredentials.voxoToken) == false)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try await list(fixture, ["--profile", "v", "--limit", "1"]).standardOutput.hasPrefix("TIME"))
    }

    @Test func profilesListsWhereSecretsComeFromNeverTheSecrets() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try writeConfig(try twoProfiles(fixture) + "\nextra = 1\n")
        let output = CapturedOutput()
        try ProfilesCommand.parse([]).execute(context(fixture), output: output)
        #expect(output.standardOutput == """
           NAME     PROVIDER  SCOPE          ZONE          SECRET FROM
        *  acme     Vobiz     all customers  Asia/Kolkata  token_command
           voxo-37  VOXO      tenant 37      -             token_env TOKEN_37
        (* default_profile)

        """)
        #expect(!output.standardOutput.contains(home.path), "no command text")
        #expect(output.standardError.contains("unknown key 'extra'"))
    }

    @Test func profilesCheckReportsEachProfileAndExitsWithTheWorst() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let wrong = try home.script("wrong", "echo 'nope'")
        _ = try writeConfig(try twoProfiles(fixture) + """

        [profiles.refused]
        provider = "vobiz"
        base_url = "\(fixture.server.baseURL)"
        auth_id = "\(MockCredentials.vobizAuthID)"
        token_command = ["\(wrong)"]

        [profiles.down]
        provider = "voxo"
        base_url = "http://127.0.0.1:1"
        token_env = "TOKEN_37"
        """)
        let output = CapturedOutput()
        let check = try ProfilesCheckCommand.parse([])
        let failure = await failure { () async throws(CLIFailure) in
            try await check.execute(context(fixture, env: ["TOKEN_37": MockCredentials.voxoToken]), output: output)
        }
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("acme     reachable "))
        #expect(lines[2].hasPrefix("down     unreachable "))
        #expect(lines[3].hasPrefix("refused  credentials refused "))
        #expect(lines[3].contains("check auth_id and the token_command of profile 'refused'"))
        #expect(lines[4].hasPrefix("voxo-37  reachable "))
        #expect(lines[1].contains(" ms"))
        #expect(failure?.exitCode == CallscopeExit.unavailable)
        #expect(failure?.message == "2 of 4 profiles failed the check")

        let one = CapturedOutput()
        try await ProfilesCheckCommand.parse(["voxo-37"]).execute(context(fixture, env: ["TOKEN_37": MockCredentials.voxoToken]), output: one)
        #expect(one.standardOutput.split(separator: "\n").count == 2)
    }

    @Test func demoSwitchesStayOnTheDemoServer() async throws {
        let options = try ProviderOptions.parse(["--demo"])
        let context = CommandContext(environment: ["TZ": "UTC"], settings: MockServerFixture.quickSettings, sleeper: RecordingSleeper())
        let setup = try SessionSetup.resolve(options, context: context, warnings: { _ in })
        let session = try await ProviderSession.open(setup, context: context)
        defer { Task { await session.close() } }
        #expect(session.profile == "demo-vobiz")
        let connector = session.connector(config: nil, baseZone: setup.zone)
        #expect(Set(connector.profiles.map(\.name)) == ["demo-voxo", "demo-vobiz"])
        let narrowed = try await connector.connect(.init(profile: "demo-vobiz", scope: .account("MA_48149cf4")))
        let window = CallFilter(since: context.now.addingTimeInterval(-86_400), until: context.now)
        let page = try await narrowed.provider.segment(.page(1), matching: window)
        #expect(page.calls.allSatisfy { $0.account == "MA_48149cf4" })
        let voxo = try await connector.connect(.init(profile: "demo-voxo"))
        #expect(voxo.provider.providerID == .voxo)
        _ = try await voxo.provider.segment(.window(since: window.since, until: window.until), matching: window)
    }
}
