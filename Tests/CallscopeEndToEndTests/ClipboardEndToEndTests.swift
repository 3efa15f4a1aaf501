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
}
