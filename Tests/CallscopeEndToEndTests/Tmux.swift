import Foundation

/// The real `callscope` binary in a tmux pane: keys in, screen text and raw bytes out.
/// Waits poll the pane against a deadline; nothing sleeps a fixed time.
final class TmuxPane: @unchecked Sendable {
    // @unchecked: the fields are set once in init and never mutated afterwards.
    let socket: String
    let session: String
    let rawLog: URL

    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/callscope")
    }

    /// Starts `callscope ARGS` in a new pane of `columns`×`rows`, recording its raw output.
    init(_ arguments: [String], columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        socket = "callscope-e2e-\(ProcessInfo.processInfo.processIdentifier)"
        session = "s\(UInt32.random(in: 0 ... .max))"
        rawLog = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-\(session).raw")
        _ = FileManager.default.createFile(atPath: rawLog.path, contents: nil)
        let env = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = arguments.map { "'\($0)'" }.joined(separator: " ")
        // The pane waits for a first Enter, so pipe-pane is attached before the first byte.
        // The shell traps SIGINT with a no-op (not an ignore, which the child would inherit), so
        // Ctrl-C reaches callscope alone and the shell lives to report its exit status.
        let script = "trap true INT; read go; env TERM=tmux-256color \(env) '\(Self.binary.path)' \(command); code=$?; echo; echo EXITED $code; read done"
        try Self.tmux(["-L", socket, "new-session", "-d", "-s", session, "-x", String(columns), "-y", String(rows), "sh", "-c", script])
        try Self.tmux(["-L", socket, "pipe-pane", "-t", session, "-o", "cat >> '\(rawLog.path)'"])
        try sendKeys(["Enter"])
    }

    /// Runs tmux and returns what it printed. Spawned and reaped with posix_spawn/waitpid,
    /// output through a file: the tmux server the first command starts daemonizes, and
    /// Foundation's Process could wait for ever on it (seen here).
    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        guard rc == 0 else { throw CocoaError(.executableNotLoadable) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    }

    func sendKeys(_ keys: [String]) throws {
        try Self.tmux(["-L", socket, "send-keys", "-t", session] + keys)
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        try Self.tmux(["-L", socket, "send-keys", "-t", session, "-l", text])
    }

    func screen() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-p", "-t", session])
    }

    func resize(columns: Int, rows: Int) throws {
        try Self.tmux(["-L", socket, "resize-window", "-t", session, "-x", String(columns), "-y", String(rows)])
    }

    /// Polls the screen until `condition` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(30), _ condition: (String) -> Bool) async throws -> (ok: Bool, screen: String) {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try screen()
            if condition(last) { return (true, last) }
            await Task.yield()
        }
        return (condition(last), last)
    }

    var raw: Data { (try? Data(contentsOf: rawLog)) ?? Data() }

    func close() {
        _ = try? Self.tmux(["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: rawLog)
    }
}
