import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeCLI

/// `callscope stats` against the mock over HTTP equals a count made by hand over `list --limit 0`.
@Suite("callscope stats")
struct StatsCommandTests {
    let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken,
               "VOXO_TOKEN": MockCredentials.voxoToken, "TZ": "UTC"]

    func run<Command: ParsableCommand & ProviderCommand>(_ type: Command.Type, _ fixture: MockServerFixture, _ args: [String]) async throws -> String {
        let output = CapturedOutput()
        let command = try Command.parse(args + ["--base-url", fixture.server.baseURL])
        try await command.execute(CommandContext(environment: env, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate), output: output)
        return output.standardOutput
    }

    @Test(arguments: [["--provider", "vobiz", "--since", "4d"], ["--provider", "voxo", "--since", "2d", "--direction", "inbound"],
                      ["--provider", "vobiz", "--since", "10d", "--status", "failed"]])
    func statsEqualABruteForceCountOverList(_ filter: [String]) async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let listed = try await run(ListCommand.self, fixture, filter + ["--limit", "0", "--format", "ndjson"])
        var expected: [String: Int] = ["calls": 0, "answered": 0, "busy": 0, "noAnswer": 0, "failed": 0, "other": 0, "talkSeconds": 0]
        var causes: [String: Int] = [:]
        for line in listed.split(separator: "\n") {
            let call = try #require(try JSONParser.parse(Array(line.utf8)).objectValue)
            expected["calls", default: 0] += 1
            let status = call["status"]?.text
            let key = switch status { case "answered": "answered"; case "busy": "busy"; case "no-answer": "noAnswer"; case "failed": "failed"; default: "other" }
            expected[key, default: 0] += 1
            if status == "answered" { expected["talkSeconds", default: 0] += Int(call["durationSeconds"]?.text ?? "0") ?? 0 }
            causes[call["hangupCause"]?.text ?? "(none)", default: 0] += 1
        }
        #expect(expected["calls"]! > 50)
        let json = try #require(try JSONParser.parse(Array(try await run(StatsCommand.self, fixture, filter + ["--format", "json", "--by", "cause"]).utf8)).objectValue)
        for (key, value) in expected {
            #expect(json[key]?.text == String(value), "\(key)")
        }
        let groups = try #require(json["groups"]?.arrayValue)
        let byCause = Dictionary(uniqueKeysWithValues: groups.compactMap { group -> (String, Int)? in
            guard let object = group.objectValue, let key = object["key"]?.text, let calls = Int(object["calls"]?.text ?? "") else { return nil }
            return (key, calls)
        })
        #expect(byCause == causes)
    }

    @Test func tableAndCSV() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let table = try await run(StatsCommand.self, fixture, ["--provider", "vobiz", "--since", "2d", "--by", "status"])
        #expect(table.hasPrefix("calls "))
        #expect(table.contains("ASR ") && table.contains("NER ") && table.contains("ACD "))
        #expect(table.contains("STATUS") && table.contains("answered"))
        let csv = try await run(StatsCommand.self, fixture, ["--provider", "vobiz", "--since", "2d", "--format", "csv"])
        // Vobiz rows carry a cost: a column per currency, so a spreadsheet can sum it.
        #expect(csv.hasPrefix("calls,answered,busy,noAnswer,failed,other,asr,ner,acdSeconds,talkSeconds,mosGood,mosFair,mosPoor,mosBad,mosNotMeasured,cost INR,cost USD\r\n"), "\(csv)")
        let row = try #require(csv.split(separator: "\r\n").dropFirst().first)
        let cells = row.split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells.count == 17 && Decimal(string: String(cells[15])) != nil && Decimal(string: String(cells[16])) != nil, "\(row)")
        // Grouped: the rates, talk and a cost column each, and a totals row that adds up.
        let grouped = try await run(StatsCommand.self, fixture, ["--provider", "vobiz", "--since", "2d", "--format", "csv", "--by", "direction"])
        let lines = grouped.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["key", "calls", "answered", "busy", "noAnswer", "failed", "asr", "failedRate", "noAnswerRate", "busyRate", "acdSeconds", "talkSeconds", "cost INR", "cost USD"])
        let total = try #require(lines.last)
        #expect(total[0] == "(total)")
        for column in [1, 2, 3, 4, 5, 11] {
            #expect(lines.dropFirst().dropLast().compactMap { Int($0[column]) }.reduce(0, +) == Int(total[column]), "column \(lines[0][column]) adds up")
        }
    }

    /// `stats --by to --format json`: each group's outcome counts, talk and cost equal a count
    /// made by hand over `list --limit 0`.
    @Test func groupFiguresEqualABruteForceCount() async throws {
        let fixture = try await MockServerFixture.start()
        defer { Task { await fixture.stop() } }
        let filter = ["--provider", "vobiz", "--since", "3d"]
        let listed = try await run(ListCommand.self, fixture, filter + ["--limit", "0", "--format", "ndjson"])
        var expected: [String: [String: Int]] = [:]
        var cost: [String: [String: Decimal]] = [:]
        for line in listed.split(separator: "\n") {
            let call = try #require(try JSONParser.parse(Array(line.utf8)).objectValue)
            let to = call["to"]?.text ?? "(none)"
            let status = call["status"]?.text
            expected[to, default: [:]]["calls", default: 0] += 1
            let key = switch status { case "answered": "answered"; case "busy": "busy"; case "no-answer": "noAnswer"; case "failed": "failed"; default: "other" }
            expected[to, default: [:]][key, default: 0] += 1
            if status == "answered" { expected[to, default: [:]]["talkSeconds", default: 0] += Int(call["durationSeconds"]?.text ?? "0") ?? 0 }
            if let amount = call["cost"]?.text.flatMap({ Decimal(string: $0) }) { cost[to, default: [:]][call["currency"]?.text ?? "", default: 0] += amount }
        }
        let json = try #require(try JSONParser.parse(Array(try await run(StatsCommand.self, fixture, filter + ["--format", "json", "--by", "to"]).utf8)).objectValue)
        let groups = try #require(json["groups"]?.arrayValue)
        #expect(groups.count == expected.count && groups.count > 10)
        for group in groups {
            let object = try #require(group.objectValue)
            let key = try #require(object["key"]?.text)
            let counts = try #require(expected[key], "\(key)")
            for field in ["calls", "answered", "busy", "noAnswer", "failed", "talkSeconds"] {
                #expect(object[field]?.text == String(counts[field] ?? 0), "\(key) \(field)")
            }
            let calls = Double(counts["calls"] ?? 1)
            #expect(object["noAnswerRate"]?.text.flatMap(Double.init).map { abs($0 - Double(counts["noAnswer"] ?? 0) / calls) < 0.0001 } == true, "\(key) no-answer rate")
            let sums = try #require(object["cost"]?.objectValue)
            for (currency, amount) in cost[key] ?? [:] {
                #expect(sums[currency]?.text.flatMap { Decimal(string: $0) } == amount, "\(key) cost \(currency)")
            }
        }
    }
}
