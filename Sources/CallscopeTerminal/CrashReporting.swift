import Foundation

/// Where a crash's report goes, and how the Swift runtime's backtracer is set up for the
/// browser (docs/ARCHITECTURE.md, "Crash path").
///
/// The runtime reads `SWIFT_BACKTRACE` once, at process start; left alone in a terminal it
/// prints over the screen and then waits up to 30 s for a key. So before the UI starts, the
/// browser re-executes itself once — the same executable, argv and environment — adding
/// `SWIFT_BACKTRACE=enable=yes,interactive=no,color=no,symbolicate=off,…,output-to=FILE` (the
/// report goes to a file beside the log, never to the screen, never a prompt) and a marker
/// variable holding FILE, which also stops a second re-execution. Symbolication is off because
/// it took 4–12 s on the debug binary (0.1 s without): the report keeps the addresses and the
/// images' load addresses, enough to symbolicate it later against the same binary. A
/// `SWIFT_BACKTRACE` the user set is left as it is. Without either (the re-execution failed), the crash handler does not run the
/// backtracer at all: the terminal is restored and the process dies at once.
public enum CrashReporting {
    /// Set by the re-execution to the backtrace file's path.
    public static let marker = "CALLSCOPE_BACKTRACE_FILE"

    public struct Plan: Sendable, Hashable {
        /// The backtrace's file, when callscope chose it.
        public var backtracePath: String?
        /// Whether the crash handler runs the runtime's backtracer after restoring the terminal.
        public var runBacktracer: Bool
    }

    /// The backtrace file for a run started at `date` as process `pid`, beside the log.
    public static func backtracePath(logPath: String, date: Date, pid: Int32) -> String {
        let directory = (logPath as NSString).deletingLastPathComponent
        let stamp = Int(date.timeIntervalSince1970)
        return "\(directory)/crash-\(stamp)-\(pid).txt"
    }

    /// The runtime setting that sends the backtrace to `path`; nil for a path the setting's
    /// syntax cannot carry (a comma separates settings).
    public static func setting(outputTo path: String, helper: String? = nil) -> String? {
        guard settable(path), helper.map(settable) ?? true else { return nil }
        return "enable=yes,interactive=no,color=no,symbolicate=off,threads=all,registers=crashed,images=mentioned,output-to=\(path)"
            + (helper.map { ",swift-backtrace=\($0)" } ?? "")
    }

    static func settable(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.contains(",") && !path.unicodeScalars.contains(where: { $0.value < 0x20 })
    }

    /// Where the runtime's backtracer program is. A toolchain build finds its own beside
    /// `libswiftCore.so`; the one-file release (static runtime) has none unless a
    /// `swift-backtrace-static` was copied beside it — without one, re-executing would only
    /// make the runtime print a warning over the shell, so there is no backtrace at all.
    public enum Backtracer: Sendable, Hashable {
        case foundByRuntime
        case at(String)
        case missing

        static func locate() -> Backtracer {
            // Read to the end: /proc files report a size of 0, which whole-file readers trust.
            let maps = FileHandle(forReadingAtPath: "/proc/self/maps").map { String(decoding: $0.readDataToEndOfFile(), as: UTF8.self) } ?? ""
            if maps.contains("libswiftCore.so") { return .foundByRuntime }
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
            let helper = (executable as NSString).deletingLastPathComponent + "/swift-backtrace-static"
            return FileManager.default.isExecutableFile(atPath: helper) ? .at(helper) : .missing
        }
    }

    /// How this process is set up: by its re-execution, by the user, or not at all.
    public static func plan(environment: [String: String]) -> Plan {
        if let path = environment[marker], let ours = setting(outputTo: path), environment["SWIFT_BACKTRACE"]?.hasPrefix(ours) == true {
            return Plan(backtracePath: path, runBacktracer: true)
        }
        return Plan(backtracePath: nil, runBacktracer: environment["SWIFT_BACKTRACE"] != nil)
    }

    /// The environment to re-execute with, or nil when this process is already as it should be.
    public static func reexecutionEnvironment(_ environment: [String: String], backtracePath: String, helper: String? = nil) -> [String: String]? {
        guard environment[marker] == nil, environment["SWIFT_BACKTRACE"] == nil,
              let value = setting(outputTo: backtracePath, helper: helper) else { return nil }
        var changed = environment
        changed["SWIFT_BACKTRACE"] = value
        changed[marker] = backtracePath
        return changed
    }

    /// Re-executes this process once with the backtracer set up (Linux, in a terminal only);
    /// returns when there is nothing to do or the re-execution failed.
    public static func reexecuteIfNeeded(logPath: String) {
        #if os(Linux)
        guard isatty(0) == 1, isatty(1) == 1 else { return }
        let helper: String?
        switch Backtracer.locate() {
        case .foundByRuntime: helper = nil
        case .at(let path): helper = path
        case .missing: return
        }
        let path = backtracePath(logPath: logPath, date: Date(), pid: getpid())
        guard let environment = reexecutionEnvironment(ProcessInfo.processInfo.environment, backtracePath: path, helper: helper) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let pairs = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in pairs { free(pointer) } }
        // The same argv, and the executable's own path: run as /proc/self/exe, `ps`, `top` and
        // `pgrep callscope` would see the browser as "exe". (/proc/self/exe itself when the
        // path is gone: a binary replaced while it ran.)
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        let executable = resolved.hasPrefix("/") && access(resolved, X_OK) == 0 ? resolved : "/proc/self/exe"
        execve(executable, CommandLine.unsafeArgv, pairs)
        #endif
    }
}
