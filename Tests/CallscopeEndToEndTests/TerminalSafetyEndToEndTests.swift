import CallscopeTesting
import Foundation
import Testing

/// The crash path, bracketed paste and a 7-bit terminal, with the real binary in tmux.
@Suite("callscope keeps the terminal safe", .serialized)
struct TerminalSafetyEndToEndTests {
    /// Processes whose parent is `pid` (from /proc).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // Fields after "(comm)": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// Waits for a process below `pid` (a child, or a child's child) running `executable`.
    static func descendant(of pid: Int32, running executable: URL, timeout: Duration = .seconds(30)) async -> Int32? {
        let target = executable.resolvingSymlinksInPath().path
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let below = children(of: pid)
            for candidate in below + below.flatMap(children(of:)) {
                let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(candidate)/exe")) ?? ""
                if exe == target { return candidate }
            }
            await Task.yield()
        }
        return nil
    }

    @Test(arguments: [SIGSEGV, SIGABRT])
    func aCrashGivesTheShellBackRestored(signal: Int32) async throws {
        let state = try TemporaryDirectory()
        // A plain sh runs callscope and then stty: unlike bash, it does not repair the terminal
        // after a child dies of a signal, so what stty sees is what callscope's handler left.
        let script = state.url.appendingPathComponent("run.sh")
        try """
        "$1" --demo
        echo "EXITED:$?"
        stty -a | tr -s ' ;' '\\n' | grep -xE -- '-?(echo|icanon)' | tr '\\n' ' '
        echo "STTY:done"
        """.write(to: script, atomically: true, encoding: .utf8)
        let pane = try TmuxPane(shellCommand: ["env", "PS1=READY$ ", "TERM=tmux-256color", "XDG_STATE_HOME=\(state.url.path)",
                                               "bash", "--norc", "--noprofile"], columns: 100, rows: 30)
        defer { pane.close() }
        #expect(try await pane.waitFor { $0.contains("READY$") }.ok)
        try pane.type("sh '\(script.path)' '\(TmuxPane.binary.path)'")
        try pane.sendKeys(["Enter"])
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") }
        #expect(ok, "first frame:\n\(screen)")
        #expect(try pane.display("#{alternate_on}") == "1")

        let shell = try #require(Int32(try pane.display("#{pane_pid}")))
        let callscope = try #require(await Self.descendant(of: shell, running: TmuxPane.binary))
        // Re-executed for its backtracer, it keeps its name for ps, top and pgrep.
        let comm = try String(contentsOfFile: "/proc/\(callscope)/comm", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(comm == "callscope", "ps sees '\(comm)'")
        let sent = ContinuousClock.now
        #expect(kill(callscope, signal) == 0)
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED:") }
        let elapsed = ContinuousClock.now - sent
        print("signal \(signal): the shell had callscope's exit status \(elapsed) after the signal")
        #expect(ok, "after the signal:\n\(screen)")
        #expect(screen.contains("EXITED:\(128 + signal)"), "\(screen)")
        // A bound on hanging, not a speed target (the figure is printed above): the backtrace
        // helper shares two cores with the rest of the suite.
        #expect(elapsed < .seconds(20), "took \(elapsed)")

        // The normal screen, with the notice on it, and the terminal's modes as the shell had them.
        #expect(try pane.display("#{alternate_on}") == "0")
        let unwrapped = screen.replacingOccurrences(of: "\n", with: "")
        #expect(unwrapped.contains("callscope crashed; the terminal has been restored. Report: \(state.url.path)/callscope/crash-"), "\(screen)")
        (ok, screen) = try await pane.waitFor { $0.contains("STTY:done") && $0.contains("READY$") }
        #expect(ok, "\(screen)")
        let modes = screen.components(separatedBy: "\n").first { $0.contains("icanon") } ?? ""
        let flags = Set(modes.split(separator: " ").map(String.init))
        #expect(flags.contains("icanon") && flags.contains("echo") && !flags.contains("-icanon") && !flags.contains("-echo"), "stty: \(modes)")
        let raw = pane.raw
        #expect(raw.range(of: Data("\u{1B}[?2004l".utf8)) != nil, "bracketed paste turned off")

        // The backtrace went to the file the notice names, not to the screen.
        let directory = state.url.appendingPathComponent("callscope")
        let reports = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("crash-") }
        #expect(reports.count == 1, "\(reports)")
        if let report = reports.first {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(report).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "the report is the owner's alone, as the log is: \(String(mode ?? 0, radix: 8))")
            let text = try String(contentsOf: directory.appendingPathComponent(report), encoding: .utf8)
            #expect(text.contains("Program crashed") && text.contains("Thread 0"), "\(text.prefix(500))")
        }
        let log = try String(contentsOf: directory.appendingPathComponent("callscope.log"), encoding: .utf8)
        #expect(log.contains("callscope crashed; backtrace in \(directory.path)/crash-"))
        #expect(!screen.contains("Press space"), "the backtracer never asks for a key")
    }

    @Test func aPasteIsTextNotKeys() async throws {
        let pane = try TmuxPane(["--demo"], columns: 120, rows: 40)
        defer { pane.close() }
        #expect(try await pane.waitFor { $0.contains("TIME") }.ok)
        // A UUID with a line feed, pasted over the list: into the id prompt, not submitted.
        let uuid = "0badcafe-1ba2-4103-a905-9a0ecc6b5007"
        try pane.paste("\(uuid)\n")
        var (ok, screen) = try await pane.waitFor { $0.contains("call id: \(uuid)") }
        #expect(ok, "pasted:\n\(screen)")
        #expect(!screen.contains("Loading call") && !screen.contains("Could not open"), "nothing was submitted:\n\(screen)")
        try pane.sendKeys(["Escape"])
        (ok, screen) = try await pane.waitFor { !$0.contains("call id:") }
        #expect(ok)

        // q pasted into the find prompt is text; Esc pasted does not close it.
        try pane.type("/")
        try pane.paste("q\u{1B}x")
        (ok, screen) = try await pane.waitFor { $0.split(separator: "\n").last?.hasPrefix("/qx") == true }
        #expect(ok, "find prompt:\n\(screen)")
        #expect(!screen.contains("EXITED"))
        try pane.sendKeys(["Escape"])
        try pane.type("q")
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
        let raw = pane.raw
        #expect(raw.range(of: Data("\u{1B}[?2004h".utf8)) != nil, "bracketed paste asked for")
        #expect(raw.range(of: Data("\u{1B}[?2004l".utf8)) != nil, "and turned off")
    }

    @Test func aSevenBitLocaleGetsSevenBitBytes() async throws {
        let pane = try TmuxPane(["--demo", "--provider", "voxo"], columns: 120, rows: 40, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { pane.close() }
        // The VOXO demo has CJK and emoji caller names on its first screen: shown as escapes.
        var (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("\\u{") && $0.contains("ASR ") }
        #expect(ok, "first frame:\n\(screen)")
        try pane.sendKeys(["s"])
        (ok, screen) = try await pane.waitFor { $0.contains("TIME") && $0.contains("\\u{") && !$0.contains("ASR ") }
        #expect(ok, "strip hidden:\n\(screen)")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let row = lines.dropFirst().firstIndex { $0.contains("\\u{") } ?? 1
        try pane.sendKeys(Array(repeating: "j", count: max(0, row - 1)) + ["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("Outcome") }
        #expect(ok, "detail:\n\(screen)")
        #expect(screen.contains("\\u{"), "the detail shows the name escaped:\n\(screen)")
        try pane.sendKeys(["?"])
        (ok, screen) = try await pane.waitFor { $0.contains("this help") }
        #expect(ok)
        try pane.sendKeys(["Escape", "q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
        let raw = pane.raw
        #expect(raw.count > 1_000)
        if let index = raw.firstIndex(where: { $0 >= 0x80 }) {
            let context = raw[max(raw.startIndex, index - 40)..<min(raw.endIndex, index + 40)]
            Issue.record("byte \(raw[index]) at \(index) of \(raw.count): \(String(decoding: context, as: UTF8.self).debugDescription)")
        }
    }
}
