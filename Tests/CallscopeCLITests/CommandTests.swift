import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI
@testable import CallscopeOutput

/// The command line end to end against the mock server over HTTP, output captured.
@Suite("callscope list / show")
struct CommandTests {
    let vobizEnv = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"]
    let voxoEnv = ["VOXO_TOKEN": MockCredentials.voxoToken, "TZ": "UTC"]

    func run<Command: ParsableCommand & ProviderCommand>(
        _ type: Command.Type, _ fixture: MockServerFixture, _ args: [String], env: [String: String]
    ) async throws(CLIFailure) -> CapturedOutput {
        let output = CapturedOutput()
        let command: Command
        do {
            command = try Command.parse(args + ["--base-url", fixture.server.baseURL])
        } catch {
            throw CLIFailure("\(error)", exitCode: CallscopeExit.usage)
        }
        let context = CommandContext(environment: env, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate)
        try await command.execute(context, output: output)
        return output
    }

    func list(_ fixture: MockServerFixture, _ args: [String], env: [String: String]) async throws(CLIFailure) -> CapturedOutput {
        try await run(ListCommand.self, fixture, args, env: env)
    }

    func show(_ fixture: MockServerFixture, _ args: [String], env: [String: String]) async throws(CLIFailure) -> CapturedOutput {
        try await run(ShowCommand.self, fixture, args, env: env)
    }

    @Test func tableIsAlignedAndSanitized() async throws {
        let fixture = try await MockServerFixture.start()
        let output = try await list(fixture, ["--provider", "voxo", "--limit", "0", "--since", "3d"], env: voxoEnv)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 100)
        #expect(lines[0].hasPrefix("TIME"))
        // Every row puts the id column at the same cell, whatever the names hold.
        let idColumn = DisplayWidth.of(String(lines[0].dropLast("ID".count)))
        for line in lines.dropFirst() {
            let id = line.split(separator: " ").last ?? ""
            #expect(DisplayWidth.of(String(line.dropLast(id.count))) == idColumn, "\(line)")
        }
        #expect(!output.standardOutput.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
        #expect(output.standardOutput.contains("\\e[2J"), "hostile names are shown, escaped")
        #expect(output.standardError.contains("times in UTC"))
        await fixture.stop()
    }

    @Test func jsonAndNDJSONCarryTheNormalizedForm() async throws {
        let fixture = try await MockServerFixture.start()
        let json = try await list(fixture, ["--provider", "vobiz", "--format", "json", "--limit", "150", "--status", "failed", "--since", "20d"], env: vobizEnv)
        let array = try #require(try JSONParser.parse(Array(json.standardOutput.utf8)).arrayValue)
        #expect(array.count == 150)
        let first = try #require(array.first?.objectValue)
        #expect(first["provider"] == .string("vobiz"))
        #expect(first["status"] == .string("failed"))
        #expect(first["fields"]?.objectValue?["call_uuid"] == first["id"])
        #expect(first["startTime"]?.text?.hasSuffix("Z") == true)

        let ndjson = try await list(fixture, ["--provider", "voxo", "--format", "ndjson", "--limit", "7"], env: voxoEnv)
        let lines = ndjson.standardOutput.split(separator: "\n")
        #expect(lines.count == 7)
        for line in lines {
            let object = try #require(try JSONParser.parse(Array(line.utf8)).objectValue)
            #expect(object["provider"] == .string("voxo"))
            #expect(object.keys.count == 23)
        }
        let empty = try await list(fixture, ["--provider", "vobiz", "--format", "json", "--search", "zzz-nothing"], env: vobizEnv)
        #expect(try JSONParser.parse(Array(empty.standardOutput.utf8)) == .array([]))
        await fixture.stop()
    }

    @Test func csvIsQuotedAndFormulaSafe() async throws {
        let fixture = try await MockServerFixture.start()
        let csv = try await list(fixture, ["--provider", "voxo", "--format", "csv", "--limit", "500", "--since", "10d"], env: voxoEnv)
        let lines = csv.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == String(CallCSVFormatter.header.dropLast()))
        #expect(lines.count == 501)
        #expect(csv.standardOutput.contains("\"Müller, Jürgen\""))
        #expect(!csv.standardOutput.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\r" && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(csv.standardOutput.contains("\\e[2J"), "hostile names are exported escaped")
        #expect(CallCSVFormatter.quote("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CallCSVFormatter.quote("+44 20 7946 0123") == "'+44 20 7946 0123", "OWASP: a leading + is a formula to a spreadsheet")
        #expect(CallCSVFormatter.quote("-cmd") == "'-cmd")
        // `=` with a variation selector is one Character but still a leading `=` to a spreadsheet.
        #expect(CallCSVFormatter.quote("=\u{FE0F}1+1") == "'=\u{FE0F}1+1")
        await fixture.stop()
    }

    @Test func showReadsOneCallInFull() async throws {
        let fixture = try await MockServerFixture.start()
        let target = fixture.history.call(at: 42)
        let text = try await show(fixture, [target.uuid, "--provider", "vobiz", "--account", target.account, "--tz", "Asia/Kolkata"], env: vobizEnv)
        #expect(text.standardOutput.hasPrefix("Call \(target.uuid) (Vobiz, customer \(target.account))\n"))
        #expect(text.standardOutput.contains("Asia/Kolkata"))
        // The detail pane's words: the cause and the SIP code explained.
        #expect(text.standardOutput.contains("SIP code"))
        #expect(text.standardOutput.contains("Outcome\n  status"))
        #expect(text.standardOutput.contains("Fields as sent by Vobiz"))
        #expect(text.standardOutput.contains("ring_duration_seconds"))
        let json = try await show(fixture, [target.voxoUniqueId, "--provider", "voxo", "--format", "json"], env: voxoEnv)
        let object = try #require(try JSONParser.parse(Array(json.standardOutput.utf8)).objectValue)
        #expect(object["id"] == .string(target.uuid))
        await fixture.stop()
    }

    @Test func exitCodesAreDistinct() async throws {
        let fixture = try await MockServerFixture.start()
        // Credentials missing, then wrong.
        let missing = await #expect(throws: CLIFailure.self) { _ = try await list(fixture, ["--provider", "vobiz"], env: [:]) }
        #expect(missing?.exitCode == CallscopeExit.credentials)
        #expect(missing?.message.contains("VOBIZ_AUTH_ID") == true)
        var wrongEnv = vobizEnv
        wrongEnv["VOBIZ_AUTH_TOKEN"] = "tok-secret-value"
        let wrong = await #expect(throws: CLIFailure.self) { _ = try await list(fixture, ["--provider", "vobiz"], env: wrongEnv) }
        #expect(wrong?.exitCode == CallscopeExit.credentials)
        #expect(wrong?.message.contains("tok-secret-value") == false)
        // Usage: a bad time, an unknown zone, an end before the start — nothing is sent.
        let before = await fixture.faults.requestCount
        for args in [["--since", "abc"], ["--tz", "Mars/Olympus"], ["--since", "2026-03-20", "--until", "2026-03-01"],
                     ["--status", "ringing"], ["--min-duration", "10", "--max-duration", "5"]] {
            let usage = await #expect(throws: CLIFailure.self, "\(args)") { _ = try await list(fixture, ["--provider", "vobiz"] + args, env: vobizEnv) }
            #expect(usage?.exitCode == CallscopeExit.usage, "\(args)")
        }
        #expect(await fixture.faults.requestCount == before)
        // Not found.
        let notFound = await #expect(throws: CLIFailure.self) {
            _ = try await show(fixture, ["no-such-uuid", "--provider", "vobiz", "--account", "MA_48149cf4"], env: vobizEnv)
        }
        #expect(notFound?.exitCode == CallscopeExit.notFound)
        // The provider failing.
        await fixture.faults.inject(.status(503, retryAfterSeconds: nil), times: 3)
        let down = await #expect(throws: CLIFailure.self) { _ = try await list(fixture, ["--provider", "vobiz"], env: vobizEnv) }
        #expect(down?.exitCode == CallscopeExit.unavailable)
        await fixture.stop()
    }

    @Test func plainHTTPIsRefusedForRemoteHosts() async throws {
        let output = CapturedOutput()
        let command = try ListCommand.parse(["--provider", "vobiz", "--base-url", "http://api.vobiz.ai"])
        let failure = await #expect(throws: CLIFailure.self) {
            try await command.execute(CommandContext(environment: vobizEnv), output: output)
        }
        #expect(failure?.exitCode == CallscopeExit.usage)
        #expect(failure?.message.contains("plain HTTP") == true)
    }

    @Test func demoNeedsNoAccount() async throws {
        let output = CapturedOutput()
        let command = try ListCommand.parse(["--demo", "--limit", "20", "--format", "ndjson"])
        try await command.execute(CommandContext(environment: [:]), output: output)
        #expect(output.standardOutput.split(separator: "\n").count == 20)
    }
}
