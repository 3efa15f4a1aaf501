import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing

/// `callscope open FILE` and `e` (export) in tmux: the file opens, a filter narrows it, the
/// export holds exactly the filter's calls (every one, not only those loaded), and Esc stops a
/// long export leaving no file.
@Suite("saved files and export in a terminal", .serialized)
struct SavedFileEndToEndTests {
    /// A VOXO answer of `count` generated calls of one day, newest first, saved as `day.json`
    /// (times in UTC): its path, its calls, and its size in bytes.
    static func saveVoxoDay(_ count: Int, seed: UInt64, in directory: TemporaryDirectory) throws -> (path: String, calls: [SyntheticCall], size: Int) {
        let history = SyntheticHistory(.init(seed: seed, count: count, anchor: 1_774_440_000, span: 86_400))
        let calls = (0..<count).map(history.call(at:))
        let answer = MockPayloads.voxoArray(calls, zone: try #require(ZoneClock(identifier: "UTC")))
        let path = directory.url.appendingPathComponent("day.json").path
        try Data(answer).write(to: URL(fileURLWithPath: path))
        return (path, calls, answer.count)
    }

    @Test func openFilterAndExportEveryMatchingCall() async throws {
        let directory = try TemporaryDirectory(prefix: "callscope-e2e-files")
        // 3,000 calls: the list loads pages of 200 near the screen, the export must read them all.
        let (saved, calls, _) = try Self.saveVoxoDay(3_000, seed: 9, in: directory)
        let failed = calls.filter { $0.status == .failed }.count
        #expect(failed > 200, "more failed calls than one page holds")

        let pane = try TmuxPane(["open", saved, "--tz", "UTC"], environment: ["TZ": "UTC", "XDG_STATE_HOME": directory.path])
        defer { pane.close() }
        var (ok, screen) = try await pane.waitFor { $0.contains("file day.json") && $0.contains("3000 calls") && $0.contains("TIME") }
        #expect(ok, "the file opened:\n\(screen)")
        #expect(screen.contains("day.json: VOXO times read as UTC (--tz)"), "\(screen)")

        try pane.type(":set status failed")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("\(failed) calls") }
        #expect(ok, "filtered:\n\(screen)")

        // `e` offers a name that says what the file holds; ^U clears it for another.
        try pane.sendKeys(["e"])
        (ok, screen) = try await pane.waitFor { $0.contains("export to: day-failed-2026-03-2") }
        #expect(ok, "the export prompt:\n\(screen)")
        let target = directory.url.appendingPathComponent("failed.ndjson").path
        try pane.sendKeys(["C-u"])
        try pane.type(target)
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("exported \(failed.formatted(.number)) calls to") }
        #expect(ok, "the export finished:\n\(screen)")

        let lines = try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == failed)
        #expect(lines.allSatisfy { $0.contains(#""status":"failed""#) })
        let ids = Set(lines.compactMap { line in line.split(separator: "\"").dropFirst(3).first.map(String.init) })
        #expect(ids == Set(calls.filter { $0.status == .failed }.map(\.uuid)))

        // Asked again for the same file: anything but y keeps it.
        try pane.sendKeys(["e", "C-u"])
        try pane.type(target)
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("exists: y replaces it") }
        #expect(ok, "asked before replacing:\n\(screen)")
        try pane.sendKeys(["n"])
        (ok, screen) = try await pane.waitFor { $0.contains("not exported:") }
        #expect(ok)
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == failed)
        try pane.sendKeys(["q"])
    }

    /// A file large enough to take a moment to index is shown from its first records at once;
    /// its total follows, and `G` reaches its oldest call.
    @Test func aLargeFileShowsItsFirstPageThenItsTotal() async throws {
        let directory = try TemporaryDirectory(prefix: "callscope-e2e-large")
        let (saved, calls, size) = try Self.saveVoxoDay(8_000, seed: 12, in: directory)
        #expect(size > 4 << 20, "large enough to open head first")
        let newest = try #require(calls.first), oldest = try #require(calls.last)

        // Rows show their start as "03-25 11:59:53" (the list's own time column).
        let format = DateFormatter()
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "MM-dd HH:mm:ss"
        func shown(_ call: SyntheticCall) -> String { format.string(from: Date(timeIntervalSince1970: TimeInterval(call.start))) }

        let pane = try TmuxPane(["open", saved, "--tz", "UTC"], environment: ["TZ": "UTC", "XDG_STATE_HOME": directory.path])
        defer { pane.close() }
        var (ok, screen) = try await pane.waitFor { $0.contains("8000 calls") && $0.contains(shown(newest)) }
        #expect(ok, "the file opened with its total:\n\(screen)")
        #expect(directory.log.contains("showing the file's first page from its first records while it is indexed"), "\(directory.log)")
        try pane.sendKeys(["G"])
        (ok, screen) = try await pane.waitFor { $0.contains(shown(oldest)) }
        #expect(ok, "G reached the oldest call:\n\(screen)")
        try pane.sendKeys(["q"])
    }

    @Test func escapeStopsALongExportAndLeavesNoFile() async throws {
        let now = Int64(Date().timeIntervalSince1970)
        // Vobiz pages of 100 at 250 ms each: 20,000 calls take over 50 s to export.
        var configuration = MockServerConfiguration(history: .init(seed: 4, count: 20_000, anchor: now - 60, span: 20 * 86_400))
        configuration.latency = .milliseconds(250)
        let server = try await MockServer.start(configuration)
        let directory = try TemporaryDirectory(prefix: "callscope-e2e-export")
        let environment = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken,
                           "TZ": "UTC", "XDG_STATE_HOME": directory.path]
        let pane = try TmuxPane(["--provider", "vobiz", "--base-url", server.baseURL, "--since", "30d"], environment: environment)
        defer {
            pane.close()
            Task { await server.stop() }
        }
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("20000 calls") }
        #expect(ok, "first frame:\n\(screen)")
        let target = directory.url.appendingPathComponent("everything.csv").path
        try pane.sendKeys(["e", "C-u"])
        try pane.type(target)
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("of 20,000 · Esc stops") && !$0.contains("exported 0 of") }
        #expect(ok, "exporting:\n\(screen)")
        // The keyboard is free meanwhile: the list still moves.
        try pane.sendKeys(["j", "j"])
        try pane.sendKeys(["Escape"])
        (ok, screen) = try await pane.waitFor { $0.contains("export stopped: nothing was written") }
        #expect(ok, "stopped:\n\(screen)")
        // Neither the file nor a temporary one is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix("callscope") }
        #expect(left.isEmpty, "\(left)")
        try pane.sendKeys(["q"])
    }
}
