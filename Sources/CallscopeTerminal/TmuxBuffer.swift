import Foundation

/// Puts text into tmux's paste buffer with `tmux load-buffer -w -` (docs/ARCHITECTURE.md,
/// "Copying"): with tmux's default options (`allow-passthrough off`) an OSC 52 sequence from
/// inside tmux reaches nothing, while `load-buffer` makes a buffer `prefix ]` pastes, and `-w`
/// (tmux 3.2 and later) has tmux pass it on to the outer terminal's clipboard where it can.
/// The text goes on stdin, never in the arguments (`ps` would show them).
public enum TmuxBuffer {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No `tmux` on PATH.
        case notFound
        /// tmux ran and said no (its stderr, one line, cut).
        case refused(String)
        /// tmux did not finish in time and was stopped.
        case timedOut

        public var description: String {
            switch self {
            case .notFound: return "no tmux on PATH"
            case .refused(let said): return said.isEmpty ? "tmux refused" : "tmux said: \(said)"
            case .timedOut: return "tmux did not answer in time"
            }
        }
    }

    /// Loads `text` into tmux's paste buffer; the answer says whether `-w` was taken, that is
    /// whether tmux was asked to pass it on to the terminal's clipboard (an older tmux refuses
    /// the flag, and is asked again without it).
    public static func load(_ text: String, environment: [String: String], timeout: Duration = .seconds(2)) -> Result<Bool, Failure> {
        guard let tmux = executable("tmux", path: environment["PATH"] ?? "/usr/bin:/bin") else { return .failure(.notFound) }
        switch run([tmux, "load-buffer", "-w", "-"], input: Array(text.utf8), environment: environment, timeout: timeout) {
        case .success: return .success(true)
        case .failure(.refused(let said)) where said.contains("unknown flag") || said.contains("usage"):
            return run([tmux, "load-buffer", "-"], input: Array(text.utf8), environment: environment, timeout: timeout).map { false }
        case .failure(let failure): return .failure(failure)
        }
    }

    /// The first executable `name` in the colon-separated `path`.
    static func executable(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs argv with `input` on stdin, stdout discarded and stderr kept; waits at most `timeout`.
    static func run(_ argv: [String], input: [UInt8], environment: [String: String], timeout: Duration) -> Result<Void, Failure> {
        // stdin is a socket, not a pipe, so the write can refuse SIGPIPE (MSG_NOSIGNAL) should
        // tmux exit before reading it: a signal would end the browser. Both are close-on-exec, so
        // no other program started meanwhile holds them open (tmux would wait for an end of
        // input that never came); the spawn's dup2 gives tmux its own copies.
        var stdinPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &stdinPipe) == 0 else { return .failure(.refused("no socket")) }
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &stderrPipe) == 0 else {
            close(stdinPipe[0]); close(stdinPipe[1])
            return .failure(.refused("no socket"))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in variables { free(pointer) }
        }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, argv[0], &actions, nil, arguments, variables)
        // A program being replaced (a package upgrade) is briefly busy; ask a few times more.
        for _ in 0..<5 where spawned == ETXTBSY {
            usleep(20_000)
            spawned = posix_spawn(&pid, argv[0], &actions, nil, arguments, variables)
        }
        close(stdinPipe[0])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stderrPipe[0])
            return .failure(.notFound)
        }
        // The text is small (a UUID, a screen of rows): well under the socket's buffer.
        _ = input.withUnsafeBufferPointer { send(stdinPipe[1], $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(stdinPipe[1])
        // stderr ends when tmux exits; wait for that, or the deadline.
        var said: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { timedOut = true; break }
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            var descriptor = pollfd(fd: stderrPipe[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: max(1, milliseconds)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = read(stderrPipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            if said.count < 4096 { said += buffer[0..<count] }
        }
        close(stderrPipe[0])
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if timedOut { return .failure(.timedOut) }
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        let exitedNormally = status & 0x7F == 0
        if exitedNormally && (status >> 8) & 0xFF == 0 { return .success(()) }
        let line = String(decoding: said, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return .failure(.refused(String(line.prefix(120))))
    }
}
