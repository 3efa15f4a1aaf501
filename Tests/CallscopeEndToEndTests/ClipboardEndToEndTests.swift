import CallscopeMockServer
import Foundation
import Testing

/// `y` in the real binary, in tmux with tmux's default options (`allow-passthrough off`, so an
/// OSC 52 from inside tmux reaches nothing): the UUID lands in tmux's paste buffer, and the
/// status line says where it went.
@Suite("callscope copies into tmux", .serialized)
struct ClipboardEndToEndTests {
    @Test func yPutsTheUUIDInTmuxsBuffer() async throws {
        let pane = try TmuxPane(["--demo", "--provider", "vobiz"], columns: 120, rows: 40)
        defer { pane.close() }
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("NORMAL_CLEARING") }
        #expect(ok, "first frame:\n\(screen)")
        try pane.sendKeys(["y"])
        (ok, screen) = try await pane.waitFor { $0.contains("to tmux's buffer") }
        #expect(ok, "after y:\n\(screen)")
        #expect(screen.contains("and sent it to the terminal clipboard"), "\(screen)")
        let message = try #require(screen.split(separator: "\n").first { $0.contains("to tmux's buffer") })
        let short = try #require(message.split(separator: " ").dropFirst().first).replacingOccurrences(of: "…", with: "")
        let buffer = try TmuxPane.tmux(["-L", pane.socket, "show-buffer"])
        #expect(buffer.count == 36 && buffer.hasPrefix(short), "tmux's buffer holds the call's UUID: '\(buffer)' (status: \(message))")
        // Enter opens the same call: its id is the one copied.
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("Outcome") }
        #expect(ok && screen.contains(String(buffer.prefix(18))), "the open call is the one copied:\n\(screen)")
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
    }

    /// `Y c` in a call's detail: tmux's buffer holds the call as Markdown, with its UUID, its
    /// SIP code and its cause in words.
    @Test func copyingTheOpenCallForATicket() async throws {
        let pane = try TmuxPane(["--demo", "--provider", "vobiz", "--account", "MA_7d2e91a0"], columns: 120, rows: 40)
        defer { pane.close() }
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("NORMAL_CLEARING") }
        #expect(ok, "first frame:\n\(screen)")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("Outcome") && $0.contains("SIP code") }
        #expect(ok, "detail:\n\(screen)")
        try pane.sendKeys(["Y"])
        (ok, screen) = try await pane.waitFor { $0.contains("Copy for a ticket") }
        #expect(ok, "menu:\n\(screen)")
        try pane.sendKeys(["c"])
        (ok, screen) = try await pane.waitFor { $0.contains("copied the call (Markdown) to tmux's buffer") }
        #expect(ok, "after Y c:\n\(screen)")
        let buffer = try TmuxPane.tmux(["-L", pane.socket, "show-buffer"])
        #expect(buffer.hasPrefix("### Call `"), "\(buffer)")
        #expect(buffer.contains("| SIP code | `") && buffer.contains("| hangup cause | `") && buffer.contains("(Q.850 "), "\(buffer)")
        let id = try #require(buffer.split(separator: "`").dropFirst().first)
        #expect(screen.contains(String(id.prefix(18))), "the open call's UUID is the one copied:\n\(screen)")
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
    }

    /// `Y f` copies the filter as a command line; run as it is, it lists the calls on screen.
    @Test func theCopiedFilterRunsAndListsTheSameCalls() async throws {
        let configuration = MockServerConfiguration(history: .init(seed: 9, count: 3_000, anchor: 1_774_440_000, span: 3 * 86_400))
        let server = try await MockServer.start(configuration)
        let environment = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"]
        let pane = try TmuxPane(["--provider", "vobiz", "--base-url", server.baseURL, "--since", "2026-03-24 06:00", "--until", "2026-03-24 20:00",
                                 "--status", "failed"], columns: 120, rows: 40, environment: environment)
        defer {
            pane.close()
            Task { await server.stop() }
        }
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("failed") && !$0.contains("loading") }
        #expect(ok, "first frame:\n\(screen)")
        try pane.sendKeys(["Y"])
        (ok, screen) = try await pane.waitFor { $0.contains("Copy for a ticket") }
        try pane.sendKeys(["f"])
        (ok, screen) = try await pane.waitFor { $0.contains("copied the filter as a command") }
        #expect(ok, "after Y f:\n\(screen)")
        let line = try TmuxPane.tmux(["-L", pane.socket, "show-buffer"])
        #expect(line.hasPrefix("callscope list --provider vobiz --base-url \(server.baseURL) --tz UTC --since '2026-03-24 06:00:00' --until '2026-03-24 20:00:00' --status failed"), "\(line)")
        // Run it as a shell would, with the binary for `callscope`.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" " + line.dropFirst("callscope ".count), TmuxPane.binary.path]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let listed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let ids = listed.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").last.map(String.init) }
        #expect(ids.count > 5)
        // The rows on screen (copied with Y l, ids and all) are the command's first rows, in order.
        try pane.sendKeys(["Y"])
        (ok, screen) = try await pane.waitFor { $0.contains("Copy for a ticket") }
        try pane.sendKeys(["l"])
        (ok, screen) = try await pane.waitFor { $0.contains("copied the rows on screen") }
        #expect(ok, "after Y l:\n\(screen)")
        let table = try TmuxPane.tmux(["-L", pane.socket, "show-buffer"])
        let shown = table.split(separator: "\n").dropFirst(2).compactMap { row in
            row.split(separator: "|").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
        }
        #expect(shown.count > 5, "\(table)")
        #expect(Array(ids.prefix(shown.count)) == shown, "the command lists the view's calls in its order")
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
    }
}
