import CallscopeTesting
import Foundation
import Testing

/// The test helpers clean up after a test process that crashed: a crash skips every `defer`
/// and `deinit`, so what it started must not depend on them.
struct TmuxWatchdogTests {
    @Test func aTmuxServerEndsWithTheProcessThatOwnsIt() async throws {
        let socket = "callscope-e2e-watchdog-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try TmuxPane.tmux(["-L", socket, "new-session", "-d", "-s", "w", "sh", "-c", "read x"])
        defer { _ = try? TmuxPane.tmux(["-L", socket, "kill-server"]); try? FileManager.default.removeItem(atPath: TmuxPane.socketPath(socket)) }
        let server = pid_t(try TmuxPane.tmux(["-L", socket, "display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(TmuxPane.isRunning(server))
        // A stand-in for the test process: it ends when killed, as a crashed test would.
        let owner = try TmuxPane.spawn(["tail", "-f", "/dev/null"], newGroup: true)
        let watchdog = try TmuxPane.startWatchdog(owner: owner, socket: socket, files: [TmuxPane.socketPath(socket)])
        defer { kill(-watchdog, SIGKILL); var status: Int32 = 0; waitpid(watchdog, &status, 0) }
        kill(owner, SIGKILL)
        var status: Int32 = 0
        waitpid(owner, &status, 0)
        let deadline = ContinuousClock.now + .seconds(20)
        while TmuxPane.isRunning(server) || FileManager.default.fileExists(atPath: TmuxPane.socketPath(socket)), ContinuousClock.now < deadline {
            await Task.yield()
        }
        #expect(!TmuxPane.isRunning(server), "the server outlived its owner")
        #expect(!FileManager.default.fileExists(atPath: TmuxPane.socketPath(socket)), "the socket file was left behind")
    }

    @Test func temporaryDirectoriesNameTheirProcessForTheNextRunsSweep() throws {
        let folder = try TemporaryDirectory(prefix: "callscope-sweep")
        #expect(TemporaryDirectory.ownerProcess(folder.url.lastPathComponent) == getpid())
        #expect(TemporaryDirectory.ownerProcess("callscope-test-\(UUID().uuidString)") == nil)
        #expect(TemporaryDirectory.ownerProcess("callscope-p12-notauuid") == nil)
    }
}
