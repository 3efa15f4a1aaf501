import Foundation

/// The real `callscope` binary in a tmux pane: keys in, screen text and raw bytes out.
/// Waits poll the pane against a deadline; nothing sleeps a fixed time.
///
/// Each pane runs on a tmux server of its own (`-L` with a fresh socket name), killed by
/// `close()` — call it in a `defer` — and again on deinit, so no server outlives its test.
final class TmuxPane: @unchecked Sendable {
    // @unchecked: the fields are set once in init; `closed` is only touched under `lock`.
    let socket: String
    let session: String
    let rawLog: URL
    /// The tmux server's process, killed outright if `kill-server` does not end it.
    private(set) var serverPID: pid_t = 0
    /// A process group that kills the server if this test process dies first (a crash skips
    /// every `defer`); ended by `close()`.
    private var watchdogGroup: pid_t = 0
    private let lock = NSLock()
    private var closed = false

    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/callscope")
    }

    /// Starts `callscope ARGS` in a new pane of `columns`×`rows`, recording its raw output.
    convenience init(_ arguments: [String], columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        var environment = environment
        // The local store goes beside the test's log, in its own folder, never the user's cache.
        if environment["XDG_CACHE_HOME"] == nil, let state = environment["XDG_STATE_HOME"] { environment["XDG_CACHE_HOME"] = state + "/callscope-cache" }
        let env = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = arguments.map { "'\($0)'" }.joined(separator: " ")
        // The pane waits for a first Enter, so pipe-pane is attached before the first byte.
        // The shell traps SIGINT with a no-op (not an ignore, which the child would inherit), so
        // Ctrl-C reaches callscope alone and the shell lives to report its exit status.
        let script = "trap true INT; read go; env TERM=tmux-256color \(env) '\(Self.binary.path)' \(command); code=$?; echo; echo EXITED $code; read done"
        try self.init(shellCommand: ["sh", "-c", script], columns: columns, rows: rows)
        try sendKeys(["Enter"])
    }

    /// Starts `shellCommand` (argv) in a new pane on a server of its own, recording its raw output.
    init(shellCommand: [String], columns: Int = 120, rows: Int = 40) throws {
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0 ... .max))"
        socket = "callscope-e2e-\(tag)"
        session = "s\(tag)"
        rawLog = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-\(tag).raw")
        _ = FileManager.default.createFile(atPath: rawLog.path, contents: nil)
        do {
            try Self.tmux(["-L", socket, "new-session", "-d", "-s", session, "-x", String(columns), "-y", String(rows)] + shellCommand)
            serverPID = pid_t(try Self.tmux(["-L", socket, "display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            try Self.tmux(["-L", socket, "pipe-pane", "-t", session, "-o", "cat >> '\(rawLog.path)'"])
            watchdogGroup = try Self.startWatchdog(owner: getpid(), socket: socket, files: [Self.socketPath(socket), rawLog.path])
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Runs tmux and returns what it printed. Spawned and reaped with posix_spawn/waitpid,
    /// output through a file: the tmux server the first command starts daemonizes, and
    /// Foundation's Process could wait for ever on it (seen here).
    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid = try spawn(["tmux"] + arguments, output: outputPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    }

    /// Spawns argv with stdin from /dev/null and stdout to `output`; `newGroup` puts it in a
    /// process group of its own, so the whole group can be killed at once.
    static func spawn(_ argv: [String], output: String = "/dev/null", newGroup: Bool = false) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else is inherited: a daemonized server holding the test runner's descriptors
        // (a build lock, the runner's pipes) would outlive the run and keep them held.
        spawnCloseFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Signals back to their defaults and none blocked: the test runner ignores some (SIGHUP,
        // SIGPIPE), and a tmux pane started with SIGHUP ignored outlives `kill-server`.
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let pointers = argv.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, pointers, environ)
        guard rc == 0 else { throw CocoaError(.executableNotLoadable) }
        return pid
    }

    /// Waits (in `tail --pid`, not a poll of ours) for process `owner` — the test process — to
    /// end, then kills the tmux server and removes `files`. Returns the watchdog's process group.
    static func startWatchdog(owner: pid_t, socket: String, files: [String]) throws -> pid_t {
        let script = #"tail --pid="$1" -f /dev/null; tmux -L "$2" kill-server; shift 2; rm -f "$@""#
        return try spawn(["sh", "-c", script, "watchdog", String(owner), socket] + files, newGroup: true)
    }

    /// Where tmux keeps the socket of server `name`.
    static func socketPath(_ name: String) -> String {
        (ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp") + "/tmux-\(getuid())/\(name)"
    }

    func sendKeys(_ keys: [String]) throws {
        try Self.tmux(["-L", socket, "send-keys", "-t", session] + keys)
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        try Self.tmux(["-L", socket, "send-keys", "-t", session, "-l", text])
    }

    /// Pastes `text` as a terminal would: wrapped in bracketed-paste markers when the program
    /// asked for them (`paste-buffer -p`).
    func paste(_ text: String) throws {
        try Self.tmux(["-L", socket, "set-buffer", "-b", "callscope-e2e", "--", text])
        try Self.tmux(["-L", socket, "paste-buffer", "-p", "-d", "-b", "callscope-e2e", "-t", session])
    }

    func screen() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-p", "-t", session])
    }

    func resize(columns: Int, rows: Int) throws {
        try Self.tmux(["-L", socket, "resize-window", "-t", session, "-x", String(columns), "-y", String(rows)])
    }

    /// The screen, captured on a Dispatch thread: spawning and reaping tmux blocks, and a
    /// poll loop blocking the cooperative pool (two threads here) starves every other test.
    func screenOffPool() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try self.screen() }) }
        }
    }

    /// Polls the screen until `condition` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(30), _ condition: (String) -> Bool) async throws -> (ok: Bool, screen: String) {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screenOffPool()
            if condition(last) { return (true, last) }
            await Task.yield()
        }
        return (condition(last), last)
    }

    var raw: Data { (try? Data(contentsOf: rawLog)) ?? Data() }

    /// A tmux format (`#{alternate_on}`, `#{pane_pid}`) for the pane.
    func display(_ format: String) throws -> String {
        try Self.tmux(["-L", socket, "display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `pid` is a live process (a zombie, dead but not yet reaped, is not).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// Kills this pane's tmux server and removes its files; safe to call twice.
    func close() {
        let first = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        _ = try? Self.tmux(["-L", socket, "kill-server"])
        if serverPID > 0 {
            // kill-server waits for the pane's jobs; a server still there after a moment is killed.
            let deadline = ContinuousClock.now + .seconds(2)
            while Self.isRunning(serverPID), ContinuousClock.now < deadline { sched_yield() }
            if Self.isRunning(serverPID) { kill(serverPID, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: rawLog)
        // tmux leaves its socket file behind when the server is killed.
        try? FileManager.default.removeItem(atPath: Self.socketPath(socket))
        if watchdogGroup > 0 {
            kill(-watchdogGroup, SIGKILL)
            var status: Int32 = 0
            while waitpid(watchdogGroup, &status, 0) == -1 && errno == EINTR {}
        }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does
/// not import: the spawned process starts with only descriptors 0–2.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
