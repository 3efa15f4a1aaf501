import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeTerminal

/// `y` puts the text where it can be pasted and says where it went: inside tmux into tmux's
/// paste buffer (a fake `tmux` on PATH records its arguments and stdin), elsewhere OSC 52.
@Suite("Copying")
struct ClipboardTests {
    static let id = "9e5b7b4c-1f2a-4c3d-8e9f-0a1b2c3d4e5f"

    /// A folder with a fake `tmux` that records each run's arguments and stdin, then runs `then`.
    func fakeTmux(_ then: String) throws -> (folder: TemporaryDirectory, record: String) {
        let folder = try TemporaryDirectory(prefix: "callscope-fake-tmux")
        let record = folder.path + "/record"
        _ = try folder.script("tmux", """
            echo "ARGS $*" >> '\(record)'
            printf 'STDIN ' >> '\(record)'; cat >> '\(record)'; echo >> '\(record)'
            \(then)
            """)
        return (folder, record)
    }

    func deliver(environment: [String: String]) -> (message: String, sent: [[UInt8]]) {
        var sent: [[UInt8]] = []
        let message = Clipboard.deliver(Self.id, what: "9e5b7b4c…", environment: environment) { sent.append($0) }
        return (message, sent)
    }

    @Test func insideTmuxTheTextGoesToTmuxsBufferOnStdin() throws {
        let (folder, record) = try fakeTmux("exit 0")
        let (message, sent) = deliver(environment: ["TMUX": "/tmp/tmux-1000/default,1,0", "PATH": folder.path + ":/usr/bin:/bin"])
        let said = try String(contentsOfFile: record, encoding: .utf8)
        #expect(said == "ARGS load-buffer -w -\nSTDIN \(Self.id)\n", "\(said)")
        #expect(!said.contains("ARGS load-buffer -w - \(Self.id)"), "the text is never an argument")
        #expect(message == "copied 9e5b7b4c… to tmux's buffer and sent it to the terminal clipboard")
        #expect(sent.isEmpty, "tmux passes it on itself")
    }

    @Test func anOlderTmuxWithoutDashWIsAskedAgain() throws {
        let (folder, record) = try fakeTmux(#"case "$1 $2" in "load-buffer -w") echo "load-buffer: unknown flag -w" >&2; exit 1;; esac; exit 0"#)
        let (message, sent) = deliver(environment: ["TMUX": "/tmp/t,1,0", "PATH": folder.path + ":/usr/bin:/bin"])
        let said = try String(contentsOfFile: record, encoding: .utf8)
        #expect(said.contains("ARGS load-buffer -w -\n") && said.contains("ARGS load-buffer -\nSTDIN \(Self.id)"), "\(said)")
        #expect(message.hasPrefix("copied 9e5b7b4c… to tmux's buffer (prefix ] pastes it)"), "\(message)")
        #expect(sent.count == 1)
    }

    @Test func aFailingTmuxIsReported() throws {
        let (folder, _) = try fakeTmux(#"echo "no server running on /tmp/tmux-1000/default" >&2; exit 1"#)
        let (message, sent) = deliver(environment: ["TMUX": "/tmp/t,1,0", "PATH": folder.path + ":/usr/bin:/bin"])
        #expect(message == "could not copy 9e5b7b4c… to tmux's buffer (tmux said: no server running on /tmp/tmux-1000/default); sent OSC 52, which tmux may not pass on")
        let bytes = try #require(sent.first)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("\u{1B}Ptmux;"), "wrapped for tmux's passthrough")
        let missing = deliver(environment: ["TMUX": "/tmp/t,1,0", "PATH": "/nonexistent"])
        #expect(missing.message.contains("(no tmux on PATH)"))
    }

    @Test func outsideTmuxItIsOSC52AndSaysSo() throws {
        let (folder, record) = try fakeTmux("exit 0")
        let (message, sent) = deliver(environment: ["PATH": folder.path + ":/usr/bin:/bin"])
        #expect(!FileManager.default.fileExists(atPath: record), "tmux is not run outside tmux")
        #expect(message == "sent 9e5b7b4c… to the terminal's clipboard (OSC 52)")
        let encoded = Data(Self.id.utf8).base64EncodedString()
        #expect(sent == [Array("\u{1B}]52;c;\(encoded)\u{07}".utf8)])
        #expect(!message.hasPrefix("copied"), "never a bare 'copied' where callscope cannot know")
    }
}
