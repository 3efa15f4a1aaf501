import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// `list`, `stats`, `sql` and `history` with the local store, against the mock server over HTTP:
/// a closed range is asked once, `--offline` asks nothing and says so, `sql` agrees with `stats`.
@Suite("callscope with the local store")
struct StoreCommandTests {
    func env(_ cache: TemporaryDirectory) -> [String: String] {
        ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC", "XDG_CACHE_HOME": cache.path]
    }

    func run<Command: ParsableCommand & ProviderCommand>(_ type: Command.Type, _ fixture: MockServerFixture, _ args: [String],
                                                          env: [String: String]) async throws(CLIFailure) -> CapturedOutput {
        let output = CapturedOutput()
        let command: Command
        do { command = try Command.parse(args + ["--base-url", fixture.server.baseURL]) } catch { throw CLIFailure("\(error)", exitCode: CallscopeExit.usage) }
        // A day after the newest call: the days before it have closed.
        let context = CommandContext(environment: env, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper,
                                     now: fixture.anchorDate.addingTimeInterval(86_400))
        try await command.execute(context, output: output)
        return output
    }

    /// Three whole UTC days before the anchor's.
    let closedDays = ["--provider", "vobiz", "--since", "2026-03-21", "--until", "2026-03-23"]

    @Test func aClosedRangeIsAskedOnceAndOfflineAsksNothing() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        defer { Task { await fixture.stop() } }
        let cache = try TemporaryDirectory()
        let first = try await run(ListCommand.self, fixture, closedDays + ["--limit", "0", "--format", "ndjson"], env: env(cache))
        #expect(!first.standardError.contains("local store"))
        let before = await fixture.faults.requestCount
        let second = try await run(ListCommand.self, fixture, closedDays + ["--limit", "0", "--format", "ndjson"], env: env(cache))
        #expect(await fixture.faults.requestCount == before, "the closed range comes from the store")
        #expect(second.standardOutput == first.standardOutput)
        #expect(second.standardError.contains("callscope: from the local store, as read from the provider at"))

        let offline = try await run(ListCommand.self, fixture, closedDays + ["--limit", "0", "--format", "ndjson", "--offline"], env: env(cache))
        #expect(await fixture.faults.requestCount == before, "--offline asks nothing")
        #expect(offline.standardOutput == first.standardOutput)
        #expect(offline.standardError.contains("offline: from the local store alone"))
        #expect(offline.standardError.contains("it holds 2026-03-21 00:00:00 to 2026-03-24 00:00:00 for this scope"))

        _ = try await run(ListCommand.self, fixture, closedDays + ["--limit", "0", "--format", "ndjson", "--no-store"], env: env(cache))
        #expect(await fixture.faults.requestCount > before, "--no-store asks again")
    }

    @Test func sqlAgreesWithStatsAndRefusesWrites() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        defer { Task { await fixture.stop() } }
        let cache = try TemporaryDirectory()
        let stats = try await run(StatsCommand.self, fixture, closedDays + ["--format", "json"], env: env(cache))
        let figures = try #require(try JSONParser.parse(Array(stats.standardOutput.utf8)).objectValue)
        let sql = try await run(SQLCommand.self, fixture, closedDays + ["--format", "json",
            "SELECT status, count(*) AS calls, sum(duration_seconds) AS talk FROM calls GROUP BY status"], env: env(cache))
        let rows = try #require(try JSONParser.parse(Array(sql.standardOutput.utf8)).arrayValue)
        func count(_ status: String) -> Int? {
            rows.first { $0.objectValue?["status"]?.text == status }?.objectValue?["calls"]?.intValue
        }
        #expect(count("answered") == figures["answered"]?.intValue)
        #expect(count("failed") == figures["failed"]?.intValue)
        #expect(count("busy") == figures["busy"]?.intValue)
        #expect(count("no-answer") == figures["noAnswer"]?.intValue)
        let talk = rows.compactMap { $0.objectValue?["talk"]?.intValue }.reduce(0, +)
        #expect(talk == figures["talkSeconds"]?.intValue)

        await #expect(throws: CLIFailure.self) {
            try await run(SQLCommand.self, fixture, closedDays + ["DELETE FROM calls"], env: env(cache))
        }
        do {
            _ = try await run(SQLCommand.self, fixture, closedDays + ["SELECT nonsense FROM calls"], env: env(cache))
            Issue.record("an unknown column fails")
        } catch {
            #expect(error.exitCode == CallscopeExit.usage)
            #expect(error.message.contains("no such column: nonsense"))
            #expect(error.message.contains("line 1, column 8"))
        }
    }

    @Test func historyListsAndClearsWhatIsStored() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        defer { Task { await fixture.stop() } }
        let cache = try TemporaryDirectory()
        _ = try await run(StatsCommand.self, fixture, closedDays, env: env(cache))
        let context = CommandContext(environment: env(cache), now: fixture.anchorDate)
        let listing = CapturedOutput()
        try HistoryCommand().execute(context, output: listing)
        #expect(listing.standardOutput.contains("Vobiz"))
        #expect(listing.standardOutput.contains("all customers"))
        #expect(listing.standardOutput.contains("2026-03-21 00:00:00 to 2026-03-24 00:00:00"))
        #expect(listing.standardError.contains("/callscope/history.sqlite"))

        let pruned = CapturedOutput()
        var prune = try HistoryPruneCommand.parse(["--older-than", "3d"])
        prune.olderThan = "3d"
        try prune.execute(context, output: pruned)
        #expect(pruned.standardError.contains("removed"))

        let cleared = CapturedOutput()
        try HistoryClearCommand.parse([]).execute(context, output: cleared)
        let empty = CapturedOutput()
        try HistoryCommand().execute(context, output: empty)
        #expect(empty.standardOutput.contains("holds nothing"))
    }
}
