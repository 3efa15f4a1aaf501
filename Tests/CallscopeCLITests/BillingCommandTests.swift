import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// `stats --rates --by account` (the per-customer invoice) and `list --rates` against the mock
/// over HTTP equal a brute-force rating of each customer's calls in the test.
@Suite("callscope billing")
struct BillingCommandTests {
    static let deck = """
        prefix,destination,rate,increment,currency,connection_fee
        1,North America,0.0125,60/60,USD,
        1876,Jamaica,0.25,60/60,USD,0.05
        44,United Kingdom,0.012,6/6,USD,
        91,India,0.0075,30/6,USD,0.01
        49,Germany,0.02,1/1,USD,
        """
    static let accounts = ["MA_48149cf4", "MA_7d2e91a0", "MA_c05b3f18", "MA_e6a4d722"]

    func setUp(_ fixture: MockServerFixture, _ folder: TemporaryDirectory) throws -> (environment: [String: String], deck: String) {
        let deck = folder.path + "/deck.csv"
        try Self.deck.write(toFile: deck, atomically: true, encoding: .utf8)
        return (try NamedCustomersProfile.write(in: folder.path, baseURL: fixture.server.baseURL), deck)
    }

    func run<Command: ParsableCommand & ProviderCommand>(_ type: Command.Type, _ fixture: MockServerFixture, _ args: [String],
                                                          environment: [String: String]) async throws -> CapturedOutput {
        let output = CapturedOutput()
        let command = try Command.parse(args)
        try await command.execute(CommandContext(environment: environment, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper,
                                                 now: fixture.anchorDate.addingTimeInterval(86_400)), output: output)
        return output
    }

    @Test func theInvoiceByAccountEqualsABruteForceRating() async throws {
        let fixture = try await MockServerFixture.start(calls: 6_000, days: 10)
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        let (environment, deckPath) = try setUp(fixture, folder)
        let range = ["--profile", "mock", "--named-customers", "--tz", "UTC", "--since", "2026-03-20", "--until", "2026-03-23"]
        let stats = try await run(StatsCommand.self, fixture, range + ["--rates", deckPath, "--by", "account", "--format", "json"], environment: environment)
        let json = try #require(try JSONParser.parse(Array(stats.standardOutput.utf8)).objectValue)
        let groups = try #require(json["groups"]?.arrayValue).compactMap(\.objectValue)
        #expect(groups.count == 4)

        let deck = try RateDeckReader.parse(Self.deck, name: "deck")
        let filter = CallFilter(since: ISO8601.parse("2026-03-20T00:00:00Z")!, until: ISO8601.parse("2026-03-24T00:00:00Z")!)
        var totalRated: Decimal = 0
        for account in Self.accounts {
            // Brute force: every call of the customer rated one by one, summed here.
            let calls = try await fixture.vobiz(account: account).collect(filter)
            var billable = 0
            var rated: Decimal = 0
            var billed: [String: Decimal] = [:]
            var unrated = 0
            for call in calls {
                if let cost = call.cost.flatMap({ Decimal(string: $0) }) { billed[call.currency ?? "", default: 0] += cost }
                guard let rating = deck.rate(call) else {
                    if call.status == .answered { unrated += 1 }
                    continue
                }
                billable += rating.billableSeconds
                rated += rating.ratedCost
            }
            totalRated += rated
            let group = try #require(groups.first { $0["key"]?.text == account })
            #expect(group["calls"]?.intValue == calls.count, "\(account)")
            #expect(group["billableSeconds"]?.intValue == billable, "\(account)")
            #expect(group["unrated"]?.intValue == unrated, "\(account)")
            let ratedText = try #require(group["ratedCost"]?.objectValue?["USD"]?.text)
            #expect(Decimal(string: ratedText) == RatedFigures.rounded(rated, places: 6), "\(account): \(ratedText) against \(rated)")
            for (currency, amount) in billed {
                #expect(group["billedCost"]?.objectValue?[currency]?.text.flatMap { Decimal(string: $0) } == RatedFigures.rounded(amount, places: 6))
            }
        }
        #expect(json["ratedCost"]?.objectValue?["USD"]?.text.flatMap { Decimal(string: $0) } == RatedFigures.rounded(totalRated, places: 6))

        // The table says it in words, and CSV has the columns.
        let table = try await run(StatsCommand.self, fixture, range + ["--rates", deckPath, "--by", "account"], environment: environment)
        #expect(table.standardOutput.contains("billable ") && table.standardOutput.contains("BILLED-RATED"))
        let csv = try await run(StatsCommand.self, fixture, range + ["--rates", deckPath, "--by", "account", "--format", "csv"], environment: environment)
        #expect(csv.standardOutput.contains("billableSeconds,unrated,") && csv.standardOutput.contains("rated USD"))

        // list --rates: every call carries its rating; --billed-over-rated keeps those billed above it.
        let listed = try await run(ListCommand.self, fixture, range + ["--rates", deckPath, "--limit", "0", "--format", "ndjson"], environment: environment)
        let rows = try listed.standardOutput.split(separator: "\n").map { try #require(try JSONParser.parse(Array($0.utf8)).objectValue) }
        #expect(rows.count == groups.compactMap { $0["calls"]?.intValue }.reduce(0, +))
        #expect(rows.allSatisfy { $0["billableSeconds"] != nil && $0["ratePrefix"] != nil })
        let over = try await run(ListCommand.self, fixture, range + ["--rates", deckPath, "--limit", "0", "--format", "ndjson", "--billed-over-rated"], environment: environment)
        let overRows = over.standardOutput.split(separator: "\n")
        #expect(!overRows.isEmpty && overRows.count < rows.count)
    }

    @Test func billedOverRatedComparesToTheMinorUnit() throws {
        let deck = try RateDeckReader.parse("prefix,destination,rate,increment,currency\n1,US,0.01,1/1,USD\n", name: "d")
        var call = Call(id: "c", provider: .vobiz)
        (call.direction, call.to, call.status, call.durationSeconds, call.currency) = (.outbound, "+12125550100", .answered, 7, "usd")
        call.cost = "0.0012"   // rated 0.0011666…: 0.0012 to the bill's precision
        #expect(!ListCommand.billedOverRated(call, deck: deck))
        call.cost = "0.0013"
        #expect(ListCommand.billedOverRated(call, deck: deck))
        call.cost = "0.00"
        #expect(!ListCommand.billedOverRated(call, deck: deck))
        call.durationSeconds = 600
        call.cost = "0.10"     // rated exactly 0.10
        #expect(!ListCommand.billedOverRated(call, deck: deck))
        call.cost = "0.11"
        #expect(ListCommand.billedOverRated(call, deck: deck))
    }

    @Test func aBadDeckIsNamedWithItsLineAndExits65() async throws {
        let fixture = try await MockServerFixture.start(calls: 100, days: 2)
        defer { Task { await fixture.stop() } }
        let folder = try TemporaryDirectory()
        let (environment, _) = try setUp(fixture, folder)
        let bad = folder.path + "/bad.csv"
        try "prefix,destination,rate,increment,currency\n1,US,0.01,60/60,USD\n1,US again,0.02,60/60,USD\n".write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            _ = try await run(StatsCommand.self, fixture, ["--profile", "mock", "--rates", bad], environment: environment)
            Issue.record("a duplicate prefix is an error")
        } catch let failure as CLIFailure {
            #expect(failure.exitCode == 65)
            #expect(failure.message.contains("bad.csv:3:1: prefix 1 is priced twice: on line 2 and here"), "\(failure.message)")
        }
    }
}
