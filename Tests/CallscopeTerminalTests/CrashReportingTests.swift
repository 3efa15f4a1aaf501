import Foundation
import Testing
@testable import CallscopeTerminal

@Suite("Crash reporting set-up")
struct CrashReportingTests {
    let path = "/home/ops/.local/state/callscope/crash-1774440000-4242.txt"

    @Test func reexecutesOnceWithTheBacktracerSentToAFile() throws {
        let base = ["HOME": "/home/ops", "TERM": "xterm"]
        let changed = try #require(CrashReporting.reexecutionEnvironment(base, backtracePath: path))
        #expect(changed["SWIFT_BACKTRACE"] == "enable=yes,interactive=no,color=no,symbolicate=off,threads=all,registers=crashed,images=mentioned,output-to=\(path)")
        #expect(changed[CrashReporting.marker] == path)
        #expect(changed["HOME"] == "/home/ops" && changed["TERM"] == "xterm")
        // The re-executed process does not go round again, and knows where its report goes.
        #expect(CrashReporting.reexecutionEnvironment(changed, backtracePath: path + "x") == nil)
        #expect(CrashReporting.plan(environment: changed) == .init(backtracePath: path, runBacktracer: true))
    }

    @Test func theUsersOwnSettingIsLeftAlone() {
        let mine = ["SWIFT_BACKTRACE": "enable=no"]
        #expect(CrashReporting.reexecutionEnvironment(mine, backtracePath: path) == nil)
        #expect(CrashReporting.plan(environment: mine) == .init(backtracePath: nil, runBacktracer: true))
        // Neither: the backtracer would prompt on the terminal, so it is not run.
        #expect(CrashReporting.plan(environment: [:]) == .init(backtracePath: nil, runBacktracer: false))
        // A marker without the matching setting is not trusted.
        #expect(CrashReporting.plan(environment: [CrashReporting.marker: path]).runBacktracer == false)
    }

    @Test func pathsTheSettingCannotCarryAreRefused() {
        #expect(CrashReporting.setting(outputTo: "/tmp/a,b.txt") == nil)
        #expect(CrashReporting.setting(outputTo: "relative.txt") == nil)
        #expect(CrashReporting.reexecutionEnvironment([:], backtracePath: "/tmp/a,b") == nil)
        let file = CrashReporting.backtracePath(logPath: "/s/callscope/callscope.log", date: Date(timeIntervalSince1970: 1_774_440_000), pid: 4242)
        #expect(file == "/s/callscope/crash-1774440000-4242.txt")
    }

    @Test func theNoticeNamesTheReportAndTheLog() {
        let plan = CrashReporting.Plan(backtracePath: path, runBacktracer: true)
        let notice = CrashGuard.notice(plan: plan, logPath: "/home/ops/.local/state/callscope/callscope.log", asciiOnly: false)
        #expect(notice == "\ncallscope crashed; the terminal has been restored. Report: \(path) (log: /home/ops/.local/state/callscope/callscope.log)\n")
        let bare = CrashGuard.notice(plan: .init(backtracePath: nil, runBacktracer: false), logPath: "/h/é\u{1B}.log", asciiOnly: true)
        #expect(bare == "\ncallscope crashed; the terminal has been restored. Log: /h/\\u{E9}\\e.log\n")
        #expect(bare.utf8.allSatisfy { $0 < 0x80 })
    }

    @Test func staticReleaseNamesTheBacktracerBesideIt() throws {
        let environment = try #require(CrashReporting.reexecutionEnvironment(["TERM": "xterm"], backtracePath: "/s/crash-1-2.txt", helper: "/opt/cs/swift-backtrace-static"))
        #expect(environment["SWIFT_BACKTRACE"]?.hasSuffix(",output-to=/s/crash-1-2.txt,swift-backtrace=/opt/cs/swift-backtrace-static") == true)
        #expect(CrashReporting.plan(environment: environment) == .init(backtracePath: "/s/crash-1-2.txt", runBacktracer: true))
        // A helper path the setting cannot carry: no re-execution at all.
        #expect(CrashReporting.reexecutionEnvironment([:], backtracePath: "/s/c.txt", helper: "/a,b/swift-backtrace-static") == nil)
    }
}
