import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// What `list`, `show` and `stats` say is true: the closing line never names a number of
/// matches `--limit 0` would not print; nothing goes to stdout before the first answer; the
/// table and text follow the locale (7 bits where it is not UTF-8).
@Suite("the command line says only what is true")
struct ListTruthTests {
    static let account = "MA_7d2e91a0"

    func run<Command: ParsableCommand & ProviderCommand>(
        _ type: Command.Type, _ fixture: MockServerFixture, _ args: [String], locale: String = "C.UTF-8", provider: String = "vobiz"
    ) async -> (output: CapturedOutput, failure: CLIFailure?) {
        let output = CapturedOutput()
        let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken,
                   "VOXO_TOKEN": MockCredentials.voxoToken, "TZ": "UTC", "LANG": locale]
        do {
            let command = try Command.parse(args + ["--provider", provider, "--base-url", fixture.server.baseURL])
            try await command.execute(CommandContext(environment: env, settings: MockServerFixture.quickSettings,
                                                     sleeper: fixture.sleeper, now: fixture.anchorDate), output: output)
            return (output, nil)
        } catch let failure as CLIFailure {
            return (output, failure)
        } catch {
            return (output, CLIFailure("\(error)", exitCode: 1))
        }
    }

    func rows(_ output: CapturedOutput) -> Int { max(0, output.standardOutput.split(separator: "\n").count - 1) }

    @Test func theClosingLineNeverNamesMoreThanLimitZeroPrints() async throws {
        let fixture = try await MockServerFixture.start(calls: 200_000, days: 30)
        defer { Task { await fixture.stop() } }
        let afternoon = ["--account", Self.account, "--since", "2026-03-20 12:00", "--until", "2026-03-20 18:00"]
        let all = await run(ListCommand.self, fixture, afternoon + ["--limit", "0"])
        let truth = rows(all.output)
        #expect(all.failure == nil && truth > 2)
        #expect(!all.output.standardError.contains("match"), "everything was printed: \(all.output.standardError)")

        let two = await run(ListCommand.self, fixture, afternoon + ["--limit", "2"])
        let closing = two.output.standardError
        #expect(rows(two.output) == 2)
        // The server counted the whole day: said as a bound, never as the number of matches.
        let day = await run(ListCommand.self, fixture, ["--account", Self.account, "--since", "2026-03-20", "--until", "2026-03-20", "--limit", "0"])
        let wholeDay = rows(day.output)
        #expect(wholeDay > truth)
        #expect(closing.contains("at most \(wholeDay) match"), "\(closing)")
        #expect(!closing.contains("\(wholeDay) match on the server"), "\(closing)")

        // Whole days with server-side filters: the server's count is what --limit 0 prints.
        let exact = await run(ListCommand.self, fixture, ["--account", Self.account, "--since", "2026-03-20", "--until", "2026-03-20", "--limit", "2"])
        #expect(exact.output.standardError.contains("; \(wholeDay) match on the server (--limit 0 lists all)"), "\(exact.output.standardError)")
    }

    @Test func noHeaderReachesStdoutBeforeTheFirstAnswer() async throws {
        let fixture = try await MockServerFixture.start(calls: 100, days: 1)
        defer { Task { await fixture.stop() } }
        for format in ["table", "csv", "json", "ndjson"] {
            await fixture.faults.clear()
            await fixture.faults.inject(.status(500, retryAfterSeconds: nil), times: 10)
            let result = await run(ListCommand.self, fixture, ["--since", "1d", "--format", format])
            #expect(result.failure != nil)
            #expect(result.output.standardOutput.isEmpty, "\(format): \(result.output.standardOutput)")
        }
        await fixture.faults.clear()
        let empty = await run(ListCommand.self, fixture, ["--since", "2020-01-01", "--until", "2020-01-02", "--format", "json"])
        #expect(empty.output.standardOutput == "[]\n", "an empty answer is still a JSON array")
    }

    /// With LANG=C the table, the detail text and the statistics are 7-bit; JSON and CSV stay UTF-8.
    @Test(arguments: ["vobiz", "voxo"])
    func aLocaleThatIsNotUTF8GetsSevenBitTablesAndText(_ provider: String) async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 2)
        defer { Task { await fixture.stop() } }
        let range = ["--since", "2d", "--limit", "0"]
        let table = await run(ListCommand.self, fixture, range, locale: "C", provider: provider)
        let unicodeTable = await run(ListCommand.self, fixture, range, provider: provider)
        #expect(table.failure == nil && rows(table.output) > 100)
        #expect(unicodeTable.output.standardOutput.utf8.contains { $0 >= 0x80 }, "the history has names beyond ASCII")
        #expect(table.output.standardOutput.utf8.allSatisfy { $0 < 0x80 }, "list's table is 7-bit")
        if provider == "voxo" { #expect(table.output.standardOutput.contains("\\u{"), "non-ASCII is shown as escapes") }
        let stats = await run(StatsCommand.self, fixture, ["--since", "2d", "--by", "to"], locale: "POSIX", provider: provider)
        #expect(stats.failure == nil)
        #expect(stats.output.standardOutput.utf8.allSatisfy { $0 < 0x80 }, "stats' table is 7-bit:\n\(stats.output.standardOutput)")
        let named = try #require(unicodeTable.output.standardOutput.split(separator: "\n").first { $0.utf8.contains { $0 >= 0x80 } })
        let id = String(try #require(named.split(separator: " ").last))
        let show = await run(ShowCommand.self, fixture, [id, "--since", "2d"], locale: "C", provider: provider)
        #expect(show.failure == nil && !show.output.standardOutput.isEmpty)
        #expect(show.output.standardOutput.utf8.allSatisfy { $0 < 0x80 }, "show's text is 7-bit")
        let csv = await run(ListCommand.self, fixture, range + ["--format", "csv"], locale: "C", provider: provider)
        if provider == "voxo" { #expect(csv.output.standardOutput.utf8.contains { $0 >= 0x80 }, "CSV stays UTF-8 (VOXO's names)") }
    }

    /// `e` and `list --output` write `.md` (a Markdown table closed by its counts) and `.txt` (the table).
    @Test func markdownAndTextExportsForATicket() async throws {
        let fixture = try await MockServerFixture.start(calls: 500, days: 2)
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory(prefix: "callscope-md")
        for name in ["calls.md", "calls.txt"] {
            let path = folder.path + "/" + name
            let result = await run(ListCommand.self, fixture, ["--since", "1d", "--status", "failed", "--output", path])
            #expect(result.failure == nil, "\(result.failure?.message ?? "")")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let rows = text.split(separator: "\n").filter { $0.contains("failed") }
            #expect(rows.count > 3, "\(name): \(text.prefix(300))")
            if name.hasSuffix(".md") {
                #expect(text.hasPrefix("| time (UTC) | dir | from | to | status | talk | cause | id |\n|---|"))
                #expect(text.hasSuffix("\n\(rows.count - 1) calls: failed \(rows.count - 1)\nASR 0.0 %, talk 0:00\n"), "closed by its figures: \(text.suffix(80))")
            } else {
                #expect(text.hasPrefix("TIME "))
            }
        }
    }
}
