import CallscopeConfig
import CallscopeTesting
import Foundation
import Testing

@Suite struct SecretResolverTests {
    let folder: TemporaryDirectory
    let config: ConfigFile

    init() throws {
        folder = try TemporaryDirectory(prefix: "callscope-secrets")
        config = try ConfigFile.parse("", path: "/c.toml", ownerOnly: true)
    }

    func resolve(_ source: SecretSource, environment: [String: String] = [:], timeout: Duration = .seconds(15), config: ConfigFile? = nil) async throws(SecretError) -> String {
        let resolver = SecretResolver(environment: environment, command: SecretCommand(timeout: timeout))
        return try await resolver.secret(source, key: "token", profile: "acme", config: config ?? self.config)
    }

    func failure(_ source: SecretSource, timeout: Duration = .seconds(15), config: ConfigFile? = nil) async -> SecretError? {
        do {
            _ = try await resolve(source, timeout: timeout, config: config)
            return nil
        } catch {
            return error
        }
    }

    @Test func commandOutputIsTheSecretWithOneNewlineTrimmed() async throws {
        let script = try folder.script("ok", "echo 's3cret-value'")
        #expect(try await resolve(.command([script])) == "s3cret-value")
    }

    @Test func argumentsArePassedWithoutAShell() async throws {
        let script = try folder.script("args", "printf '%s|' \"$@\"")
        #expect(try await resolve(.command([script, "a b", "$HOME", ";x"])) == "a b|$HOME|;x|")
    }

    @Test func failingCommandShowsStatusAndStderrNeverStdout() async throws {
        let script = try folder.script("fails", "echo 'half-a-secret-on-stdout'; echo 'gpg: decryption failed' >&2; exit 3")
        let error = try #require(await failure(.command([script, "vault/path"])))
        #expect(error.description.contains("token_command of profile 'acme' failed with exit status 3"))
        #expect(error.description.contains("gpg: decryption failed"))
        #expect(!error.description.contains("half-a-secret"))
        #expect(!error.description.contains("vault/path"))
    }

    @Test func commandPrintingNothingIsACredentialsError() async throws {
        let script = try folder.script("silent", "exit 0")
        #expect(try #require(await failure(.command([script]))).description.contains("printed nothing"))
    }

    @Test func standardInputIsClosed() async throws {
        // `cat` would wait forever on an inherited terminal; with stdin closed it ends at once.
        let script = try folder.script("reads", "cat")
        #expect(try #require(await failure(.command([script]))).description.contains("printed nothing"))
    }

    @Test func hangingCommandIsStoppedAtTheTimeout() async throws {
        let pidFile = folder.url.appendingPathComponent("pid").path
        let script = try folder.script("hangs", "echo $$ > '\(pidFile)'; exec sleep 300")
        let error = try #require(await failure(.command([script]), timeout: .milliseconds(300)))
        #expect(error.description.contains("did not finish within"))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0, "the command was left running")
    }

    @Test func controlCharacterIsRefusedNamingTheSource() async throws {
        let script = try folder.script("escape", "printf 'ab\\033[31mcd\\n'")
        let error = try #require(await failure(.command([script])))
        #expect(error.description.contains("token_command of profile 'acme' holds a control character"))
        #expect(!error.description.contains("ab"))
    }

    @Test func missingProgramSaysSo() async throws {
        let error = try #require(await failure(.command(["callscope-no-such-program-xyz"])))
        #expect(error.description.contains("could not start 'callscope-no-such-program-xyz'"))
    }

    @Test func commandRunsOncePerProcess() async throws {
        let counter = folder.url.appendingPathComponent("count").path
        let script = try folder.script("counts", "echo x >> '\(counter)'; echo tok3n-value")
        let resolver = SecretResolver(environment: [:])
        for _ in 0..<3 {
            #expect(try await resolver.secret(.command([script]), key: "token", profile: "a", config: config) == "tok3n-value")
        }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "x\n")
    }

    @Test func concurrentRequestsShareOneRun() async throws {
        let counter = folder.url.appendingPathComponent("count").path
        let script = try folder.script("slow", "echo x >> '\(counter)'; sleep 0.2; echo tok3n-value")
        let resolver = SecretResolver(environment: [:])
        let config = self.config
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await resolver.secret(.command([script]), key: "token", profile: "a", config: config) } }
            for try await value in group { #expect(value == "tok3n-value") }
        }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "x\n")
    }

    @Test func environmentSource() async throws {
        #expect(try await resolve(.environment("TOKEN_37"), environment: ["TOKEN_37": "abc\r\n"]) == "abc")
        let error = try #require(await failure(.environment("TOKEN_37")))
        #expect(error.description == "the token_env TOKEN_37 of profile 'acme' names $TOKEN_37, which is not set: export it, or change the profile")
    }

    @Test func inlineSecretInAFileOthersMayReadIsRefused() async throws {
        let path = try folder.write("config.toml", "[profiles.acme]\nprovider = \"voxo\"\ntoken = \"inline-secret\"\n", mode: 0o644)
        let loose = try #require(try ConfigFile.load(path: path, required: true))
        #expect(!loose.ownerOnly)
        let error = try #require(await failure(.inline("inline-secret"), config: loose))
        #expect(error.isLoosePermission)
        #expect(error.description.contains("chmod 600 \(path)"))
        #expect(!error.description.contains("inline-secret"))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let tight = try #require(try ConfigFile.load(path: path, required: true))
        #expect(tight.ownerOnly)
        #expect(try await resolve(.inline("inline-secret"), config: tight) == "inline-secret")
    }
}
