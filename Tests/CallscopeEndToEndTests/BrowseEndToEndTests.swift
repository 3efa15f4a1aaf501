import CallscopeMockServer
import Foundation
import Testing

/// The real binary in tmux against its in-process mock server (`--demo`).
@Suite("callscope in a terminal", .serialized)
struct BrowseEndToEndTests {
    /// The demo history's calls do not depend on the time it is run.
    let demo = SyntheticHistory(.init(seed: 1, count: 20_000, anchor: 0))

    func rows(_ screen: String) -> [Substring] {
        screen.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func browseFilterFindOpenResizeQuit() async throws {
        let pane = try TmuxPane(["--demo", "--provider", "voxo"])
        defer { pane.close() }
        // First frame: the list with its count.
        // VOXO counts nothing: "at least N" until the strip has read the range, then exact, and
        // the strip's figure is the status bar's.
        let exact = #"│ (\d+) calls │"#
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("ASR ") && $0.range(of: exact, options: .regularExpression) != nil }
        #expect(ok, "first frame, with the statistics strip:\n\(screen)")
        let counted = screen.range(of: exact, options: .regularExpression).map { screen[$0].dropFirst(2).prefix { $0.isNumber } }
        #expect(counted.map { screen.contains("calls \($0)  answered") } == true, "the strip and the status bar agree:\n\(screen)")
        // s hides the strip: the list's first row is then the screen's second.
        try pane.sendKeys(["s"])
        // (And rows there to scroll: keys pressed before the first window arrives move nothing.)
        (ok, screen) = try await pane.waitFor { $0.contains("TIME") && !$0.contains("ASR ") && !$0.contains("reading older calls") && $0.contains("answered") }
        #expect(ok, "strip hidden:\n\(screen)")
        let firstRow = rows(screen).dropFirst().first.map(String.init) ?? ""

        // Scroll past several pages of rows.
        try pane.sendKeys(Array(repeating: "PageDown", count: 8) + ["C-d", "j", "j"])
        (ok, screen) = try await pane.waitFor { s in
            !s.contains("loading\n") && (self.rows(s).dropFirst().first.map(String.init) ?? "") != firstRow
        }
        #expect(ok, "after scrolling:\n\(screen)")

        // A filter, typed on the : line: only failed calls remain.
        try pane.type(":set status failed")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { s in
            let body = self.rows(s).dropFirst().prefix(10)
            return body.count == 10 && body.allSatisfy { $0.contains("failed") }
        }
        #expect(ok, "filtered:\n\(screen)")
        try pane.type(":clear status")
        try pane.sendKeys(["Enter"])

        // Find a hostile caller name and go to the next match with n: shown escaped.
        try pane.type("/EVIL")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor(timeout: .seconds(30)) { $0.contains("\\e]52;c;") }
        #expect(ok, "found:\n\(screen)")
        try pane.sendKeys(["n"])
        (ok, screen) = try await pane.waitFor { $0.contains("\\e]52;c;") && !$0.contains("searching") }
        #expect(ok)

        // Open the selected call.
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("Outcome") && $0.contains("Quality") }
        #expect(ok, "detail:\n\(screen)")
        try pane.sendKeys(["Escape"])

        // Open a call by pasting its UUID.
        let target = demo.call(at: 25)
        try pane.sendKeys(["u"])
        try pane.type(target.uuid)
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains(String(target.uuid.prefix(18))) && $0.contains("Outcome") }
        #expect(ok, "by uuid:\n\(screen)")

        // Resize to 60×20 and back.
        try pane.resize(columns: 60, rows: 20)
        (ok, screen) = try await pane.waitFor { s in self.rows(s).count <= 21 && s.contains("VOXO") && !s.contains("Filters") }
        #expect(ok, "60x20:\n\(screen)")
        try pane.resize(columns: 40, rows: 10)
        (ok, screen) = try await pane.waitFor { $0.contains("too small") }
        #expect(ok, "40x10:\n\(screen)")
        try pane.resize(columns: 120, rows: 40)
        (ok, screen) = try await pane.waitFor { $0.contains("Filters") && $0.contains("Call") }
        #expect(ok, "back to 120x40:\n\(screen)")

        // q leaves, with the terminal restored.
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
        let raw = pane.raw
        #expect(raw.range(of: Data("\u{1B}[?1049l".utf8)) != nil, "the alternate screen was left")

        // Nothing from data reached the terminal raw: no OSC 52 with the hostile payload, no C1
        // CSI, no screen clear followed by the fake text.
        for forbidden in ["\u{1B}]52;c;cm0gLXJmIH4K", "\u{1B}[2J\u{1B}[HCLEARED", "\u{C2}\u{9B}31mRED", "\u{9B}31mRED"] {
            #expect(raw.range(of: Data(forbidden.utf8)) == nil, "raw output carries \(forbidden.debugDescription)")
        }
        #expect(raw.range(of: Data("\\e]52;c;".utf8)) != nil, "the escaped form was drawn")
    }

    /// SIGTERM (a kill) and SIGHUP (an ssh session that dropped) both end the browser with the
    /// terminal put back.
    @Test(arguments: ["TERM", "HUP"]) func aSignalRestoresTheTerminal(_ signal: String) async throws {
        let pane = try TmuxPane(["--demo"], columns: 100, rows: 30)
        defer { pane.close() }
        #expect(try await pane.waitFor { $0.contains("TIME") }.ok)
        let pid = try TmuxPane.tmux(["-L", pane.socket, "list-panes", "-t", pane.session, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        process.arguments = ["-\(signal)", "-P", pid, "-f", "callscope"]
        try process.run()
        process.waitUntilExit()
        let (ok, screen) = try await pane.waitFor { $0.contains("EXITED") }
        #expect(ok, "after SIG\(signal):\n\(screen)")
        // The pane's raw log is written by a pipe a moment behind the screen.
        let (left, _) = try await pane.waitFor(timeout: .seconds(10)) { _ in pane.raw.range(of: Data("\u{1B}[?1049l".utf8)) != nil }
        #expect(left, "the alternate screen was left")
    }

    @Test func ctrlCLeavesCleanly() async throws {
        let pane = try TmuxPane(["--demo"], columns: 80, rows: 24)
        defer { pane.close() }
        #expect(try await pane.waitFor { $0.contains("TIME") }.ok)
        try pane.sendKeys(["C-c"])
        let (ok, screen) = try await pane.waitFor { $0.contains("EXITED") }
        #expect(ok, "after Ctrl-C:\n\(screen)")
        #expect(screen.contains("EXITED 0"))
        #expect(pane.raw.range(of: Data("\u{1B}[?1049l".utf8)) != nil)
    }

    @Test func unknownTerminalSaysSo() async throws {
        let pane = try TmuxPane(["--demo"], columns: 80, rows: 24, environment: ["TERM": "no-such-terminal"])
        defer { pane.close() }
        let (ok, screen) = try await pane.waitFor { $0.contains("EXITED") }
        #expect(ok)
        #expect(screen.contains("ncurses does not know this terminal (TERM=no-such-terminal)"), "\(screen)")
        #expect(screen.contains("EXITED 64"))
    }

    @Test func notATerminalSaysSo() throws {
        let process = Process()
        process.executableURL = TmuxPane.binary
        process.arguments = ["--demo"]
        let errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-notty-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorsFile) }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorsFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: (try? Data(contentsOf: errorsFile)) ?? Data(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(message.contains("callscope list"))
    }
}

/// Triage in the real binary: F, Enter on a cause, and the list narrows to that group.
@Suite("callscope triage in a terminal", .serialized)
struct TriageEndToEndTests {
    @Test func groupByCauseThenNarrow() async throws {
        // Whole UTC days, so Vobiz's own count (it filters by date) equals the calls in range.
        let day = 86_400.0
        let today = (Date().timeIntervalSince1970 / day).rounded(.down) * day
        let format = { (t: Double) in ISO8601DateFormatter.string(from: Date(timeIntervalSince1970: t), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate, .withDashSeparatorInDate]) }
        let pane = try TmuxPane(["--demo", "--since", format(today - 3 * day), "--until", format(today - day)], environment: ["TZ": "UTC"])
        defer { pane.close() }
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("ASR ") && $0.contains("calls") }
        #expect(ok, "first frame:\n\(screen)")
        try pane.sendKeys(["F"])
        (ok, screen) = try await pane.waitFor { $0.contains("Calls by cause") && $0.contains("USER_BUSY") && !$0.contains("over ") }
        #expect(ok, "groups:\n\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        guard let index = lines.firstIndex(where: { $0.contains("USER_BUSY") }) else { return }
        let cells = lines[index].split(separator: " ")
        let groupCalls = cells.firstIndex { $0.hasSuffix("USER_BUSY") }.map { String(cells[$0 + 1]) } ?? "?"
        let header = lines.firstIndex { $0.contains("CALLS") && $0.contains("SHARE") } ?? 0
        try pane.sendKeys(Array(repeating: "j", count: max(0, index - header - 1)) + ["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains(" \(groupCalls) calls") && $0.contains("calls \(groupCalls) ") && !$0.contains("Calls by cause") }
        #expect(ok, "narrowed to \(groupCalls) USER_BUSY calls:\n\(screen)")
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "after q:\n\(screen)")
    }
}
