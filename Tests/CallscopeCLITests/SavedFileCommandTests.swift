import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// `list --output`, then `list|show|stats --file` on what was written: every format callscope
/// writes reads back into the same calls, hostile names and numbers included.
@Suite("callscope --file and --output")
struct SavedFileCommandTests {
    let voxoEnv = ["VOXO_TOKEN": MockCredentials.voxoToken, "TZ": "UTC"]

    func run<Command: ParsableCommand & ProviderCommand>(_ type: Command.Type, _ args: [String], fixture: MockServerFixture? = nil,
                                                        env: [String: String] = ["TZ": "UTC"]) async throws(CLIFailure) -> CapturedOutput {
        let output = CapturedOutput()
        let command: Command
        do {
            command = try Command.parse(args + (fixture.map { ["--base-url", $0.server.baseURL] } ?? []))
        } catch {
            throw CLIFailure("\(error)", exitCode: CallscopeExit.usage)
        }
        let context = CommandContext(environment: env, settings: MockServerFixture.quickSettings,
                                     sleeper: fixture?.sleeper ?? RecordingSleeper(), now: fixture?.anchorDate ?? Date())
        try await command.execute(context, output: output)
        return output
    }

    /// The provider's calls as JSON, for comparing what each format kept.
    func normalized(_ json: String) throws -> [JSONObject] {
        try #require(try JSONParser.parse(Array(json.utf8)).arrayValue).compactMap(\.objectValue)
    }

    @Test func everyFormatReadsBackIntoTheSameCalls() async throws {
        let fixture = try await MockServerFixture.start()
        let directory = try TemporaryDirectory()
        let range = ["--provider", "voxo", "--since", "2d", "--limit", "0"]
        let direct = try await run(ListCommand.self, range + ["--format", "json"], fixture: fixture, env: voxoEnv).standardOutput
        let calls = try normalized(direct)
        #expect(calls.count > 300)
        #expect(direct.contains("\\\\e[2J") || direct.contains("\\u001b"), "hostile names are in the answer")
        for name in ["calls.json", "calls.ndjson", "calls.csv", "calls.json.gz", "calls.csv.gz"] {
            let path = directory.url.appendingPathComponent(name).path
            let wrote = try await run(ListCommand.self, range + ["--output", path], fixture: fixture, env: voxoEnv)
            #expect(wrote.standardError.contains("wrote \(calls.count) calls to \(path)"))
            #expect(wrote.standardOutput.isEmpty)
            let read = try await run(ListCommand.self, ["--file", path, "--limit", "0", "--format", "json"])
            if name.hasPrefix("calls.csv") {
                // CSV keeps the normalized values, not the provider's record.
                let back = try normalized(read.standardOutput)
                #expect(back.count == calls.count)
                for (original, copy) in zip(calls, back) {
                    for key in ["id", "provider", "startTime", "endTime", "status", "direction", "durationSeconds", "hangupCause", "from", "to", "mos", "cost"] {
                        #expect(original[key] == copy[key], "\(name): \(key) of \(original["id"]?.text ?? "")")
                    }
                }
            } else {
                // JSON and NDJSON keep everything: the same bytes come out again.
                #expect(read.standardOutput == direct, "\(name)")
            }
        }
        // Without --limit, an export holds the whole filter.
        let whole = directory.url.appendingPathComponent("whole.ndjson").path
        _ = try await run(ListCommand.self, ["--provider", "voxo", "--since", "2d", "--output", whole], fixture: fixture, env: voxoEnv)
        #expect(try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").count == calls.count)
        try FileManager.default.removeItem(atPath: whole)
        // Nothing but the outputs is left in the directory (no temporary files).
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["calls.csv", "calls.csv.gz", "calls.json", "calls.json.gz", "calls.ndjson"])
        await fixture.stop()
    }

    @Test func showAndStatsReadAFile() async throws {
        let directory = try TemporaryDirectory()
        let answer = MockPayloads.voxoArray({ let history = SyntheticHistory(.init(seed: 3, count: 200, anchor: 1_774_440_000, span: 86_400)); return (0..<200).map(history.call(at:)) }(),
                                            zone: ZoneClock(identifier: "America/Chicago")!)
        let path = try directory.write("day.json", String(decoding: answer, as: UTF8.self))
        let listed = try await run(ListCommand.self, ["--file", path, "--tz", "America/Chicago", "--limit", "0", "--format", "ndjson"])
        let lines = listed.standardOutput.split(separator: "\n")
        #expect(lines.count == 200)
        #expect(!listed.standardError.contains("warning"), "--tz given: nothing assumed")
        let first = try #require(try JSONParser.parse(Array(lines[0].utf8)).objectValue)
        let id = try #require(first["id"]?.text)
        let shown = try await run(ShowCommand.self, [id, "--file", path, "--tz", "America/Chicago"])
        #expect(shown.standardOutput.contains("Call \(id)"))
        let stats = try await run(StatsCommand.self, ["--file", path, "--tz", "America/Chicago"])
        #expect(stats.standardOutput.contains("calls 200"))
        // Without --tz the display zone is assumed, and said.
        let assumed = try await run(ListCommand.self, ["--file", path, "--limit", "1"])
        #expect(assumed.standardError.contains("day.json is a VOXO answer, whose times carry no zone: they were read as UTC"))
    }

    @Test func unreadableFilesExitWithTheDocumentedCodes() async throws {
        let directory = try TemporaryDirectory()
        let notCalls = try directory.write("page.html", "<html>sign in</html>")
        await #expect(throws: CLIFailure.self) { try await run(ListCommand.self, ["--file", notCalls]) }
        do {
            _ = try await run(ListCommand.self, ["--file", notCalls])
            Issue.record("a page of HTML was read as calls")
        } catch {
            #expect(error.exitCode == CallscopeExit.badData)
            #expect(error.message.contains("page.html is not a file of calls callscope reads: it looks like HTML"))
        }
        do {
            _ = try await run(ListCommand.self, ["--file", directory.path + "/missing.json"])
            Issue.record("a missing file was read")
        } catch {
            #expect(error.exitCode == CallscopeExit.notFound)
        }
        // Cut short: the calls before the cut are printed, then the failure says where it stopped.
        let answer = MockPayloads.voxoArray({ let history = SyntheticHistory(.init(seed: 3, count: 50, anchor: 1_774_440_000, span: 86_400)); return (0..<50).map(history.call(at:)) }(),
                                            zone: ZoneClock(identifier: "UTC")!)
        let cut = try directory.write("cut.json", String(decoding: answer.prefix(answer.count * 2 / 3), as: UTF8.self))
        let output = CapturedOutput()
        let command = try ListCommand.parse(["--file", cut, "--tz", "UTC", "--limit", "0", "--format", "ndjson"])
        await #expect(throws: CLIFailure.self) { try await command.execute(CommandContext(environment: [:]), output: output) }
        let printed = output.standardOutput.split(separator: "\n").count
        #expect(printed > 20 && printed < 50)
        do {
            try await command.execute(CommandContext(environment: [:]), output: CapturedOutput())
            Issue.record("a file cut short read without a failure")
        } catch {
            #expect(error.exitCode == CallscopeExit.badData)
            #expect(error.message.contains("cut.json: record \(printed + 1), at byte"))
            #expect(error.message.hasSuffix("the calls before it were read"))
        }
        // A file with no call (or no start time) reads in any zone, east or west of UTC.
        let empty = try directory.write("empty.json", "[]")
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            let none = try await run(ListCommand.self, ["--file", empty, "--limit", "0", "--format", "ndjson"], env: ["TZ": zone])
            #expect(none.standardOutput.isEmpty, "\(zone)")
        }
        // Flags that name a provider do not go with --file.
        #expect(throws: (any Error).self) { try ListCommand.parse(["--file", cut, "--demo"]) }
    }

    @Test func outputIsAtomicAndReplacesOnlyWhenComplete() async throws {
        let fixture = try await MockServerFixture.start()
        let directory = try TemporaryDirectory()
        let path = try directory.write("calls.csv", "the previous export\n")
        // The provider fails part way: the previous file stays, and no temporary file is left.
        await fixture.faults.inject(.status(503, retryAfterSeconds: nil), times: 100)
        await #expect(throws: CLIFailure.self) {
            try await run(ListCommand.self, ["--provider", "voxo", "--since", "2d", "--limit", "0", "--output", path], fixture: fixture, env: voxoEnv)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the previous export\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["calls.csv"])
        await fixture.stop()
    }
}
