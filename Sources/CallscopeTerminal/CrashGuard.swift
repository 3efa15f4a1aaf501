import CCrashGuard
import Foundation

/// Arms the C crash handlers (docs/ARCHITECTURE.md, "Crash path") with everything they write
/// prepared now: on SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT or SIGFPE the terminal is put
/// back first, then one line on stderr says where the report is.
enum CrashGuard {
    /// Returns whether the handlers are installed.
    @discardableResult
    static func arm(savedTermios: termios, restore: [UInt8], plan: CrashReporting.Plan, logPath: String?, asciiOnly: Bool) -> Bool {
        let notice = Array(notice(plan: plan, logPath: logPath, asciiOnly: asciiOnly).utf8)
        let logNote = Array(logNote(plan: plan).utf8)
        var termios = savedTermios
        return restore.withUnsafeBufferPointer { restoreBytes in
            notice.withUnsafeBufferPointer { noticeBytes in
                logNote.withUnsafeBufferPointer { noteBytes in
                    restoreBytes.withMemoryRebound(to: CChar.self) { restoreChars in
                        noticeBytes.withMemoryRebound(to: CChar.self) { noticeChars in
                            noteBytes.withMemoryRebound(to: CChar.self) { noteChars in
                                cs_crash_guard_arm(0, 1, &termios, restoreChars.baseAddress, restoreChars.count,
                                                   noticeChars.baseAddress, noticeChars.count,
                                                   logPath, noteChars.baseAddress, noteChars.count,
                                                   plan.runBacktracer ? 1 : 0) == 0
                            }
                        }
                    }
                }
            }
        }
    }

    static func disarm() { cs_crash_guard_disarm() }

    /// The line for stderr, written after the terminal is restored. Paths are shown escaped
    /// like any text (ASCII only where the locale is not UTF-8).
    static func notice(plan: CrashReporting.Plan, logPath: String?, asciiOnly: Bool) -> String {
        func shown(_ path: String) -> String { ScreenText.prepared(path, asciiOnly: asciiOnly) }
        var line = "\ncallscope crashed; the terminal has been restored."
        if let backtrace = plan.backtracePath {
            line += " Report: \(shown(backtrace))"
        } else if plan.runBacktracer {
            line += " Report: where SWIFT_BACKTRACE sends it"
        }
        if let logPath { line += plan.backtracePath == nil && !plan.runBacktracer ? " Log: \(shown(logPath))" : " (log: \(shown(logPath)))" }
        return line + "\n"
    }

    /// The line appended to the log file.
    static func logNote(plan: CrashReporting.Plan) -> String {
        "callscope crashed" + (plan.backtracePath.map { "; backtrace in \($0)" } ?? "") + "\n"
    }
}
