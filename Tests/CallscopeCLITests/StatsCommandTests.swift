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
        #expect(csv.hasPrefix("calls,answered,busy,noAnswer,failed,other,asr,ner,acdSeconds,talkSeconds,mosGood,mosFair,mosPoor,mosBad,mosNotMeasured,cost\r\n"))
        // Vobiz rows carry a cost: the sum is in the last cell, with its currency.
        let row = try #require(csv.split(separator: "\r\n").dropFirst().first)
        #expect(row.split(separator: ",", omittingEmptySubsequences: false).count >= 16)
        #expect(row.hasSuffix(" USD") || row.hasSuffix(" INR") || row.hasSuffix(" USD\""), "\(row)")
    }
}
