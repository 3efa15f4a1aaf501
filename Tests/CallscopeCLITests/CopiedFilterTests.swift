import ArgumentParser
import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import CallscopeViewModel
import Foundation
import Testing
@testable import CallscopeCLI

/// `Y f` copies the applied filter as a `callscope list …` line: run as it is, it lists the
/// calls the browser shows, in the same order.
@Suite("the copied filter lists the same calls")
struct CopiedFilterTests {
    /// The words a POSIX shell makes of `line`: asked of /bin/sh itself, not of a copy of its rules.
    static func shellWords(_ line: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s\\0' " + line.trimmingCharacters(in: .newlines)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theCommandLineRunListsTheViewsCalls() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30)
        defer { Task { await fixture.stop() } }
        let client = try fixture.vobiz(account: "MA_7d2e91a0")
        var draft = FilterDraft()
        draft.since = "2026-03-20 06:30"
        draft.until = "2026-03-23 18:00"
        draft.status = "answered"
        draft.search = "555"
        let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "Asia/Kolkata")!, draft: draft,
                                 clock: ManualClock(now: fixture.anchorDate), scope: .account("MA_7d2e91a0"),
                                 sourceArguments: ["--provider", "vobiz", "--base-url", fixture.server.baseURL])
        store.dispatch(.resize(height: 40))
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.list.reportedTotal != nil && !$0.isLoading && $0.list.rowCount > 0 })
        let shown = store.snapshot.list.loadedCalls.map(\.id)
        let line = Evidence.commandLine(store.snapshot)
        store.stop()
        #expect(line.hasPrefix("callscope list --provider vobiz --base-url "), "\(line)")
        #expect(line.contains("--since '2026-03-20 06:30:00'") && line.contains("--tz Asia/Kolkata") && line.contains("--status answered"), "\(line)")

        let words = try Self.shellWords(line)
        #expect(Array(words.prefix(2)) == ["callscope", "list"])
        let command = try ListCommand.parse(Array(words.dropFirst(2)) + ["--format", "ndjson"])
        let output = CapturedOutput()
        let env = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"]
        try await command.execute(CommandContext(environment: env, settings: MockServerFixture.quickSettings, sleeper: fixture.sleeper, now: fixture.anchorDate),
                                  output: output)
        let listed = try output.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONParser.parse(Array(line.utf8)).objectValue?["id"]?.text)
        }
        #expect(!listed.isEmpty && !shown.isEmpty)
        #expect(Array(listed.prefix(shown.count)) == shown, "the line lists the view's calls in its order")
    }
}
