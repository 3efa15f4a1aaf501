import CallscopeTesting
import Foundation
import Testing

/// The shell's completion, as the generated scripts ask the binary for it: `--profile` from
/// config.toml's profiles, `--status` from the values the filter takes.
@Suite("callscope completes its arguments")
struct CompletionEndToEndTests {
    func run(_ arguments: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = TmuxPane.binary
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func profilesAndValuesAreOffered() throws {
        let home = try TemporaryDirectory(prefix: "callscope-completion")
        _ = try home.write("callscope/config.toml", """
            [profiles.acme]
            provider = "vobiz"
            token_env = "ACME_TOKEN"

            [profiles.voxo-37]
            provider = "voxo"
            token_env = "VOXO_37"
            """, mode: 0o600)
        let profiles = try run(["---completion", "list", "--", "--profile", "1", "0"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(profiles.split(separator: "\n") == ["acme", "voxo-37"], "\(profiles)")
        let bash = try run(["--generate-completion-script", "bash"], environment: [:])
        // bash's script lists each value on a line of its own.
        let separator = "'$'\\n''"
        #expect(bash.contains(["answered", "no-answer", "busy", "failed"].joined(separator: separator)), "--status values")
        #expect(bash.contains(["inbound", "outbound"].joined(separator: separator)), "--direction values")
        #expect(bash.contains(["table", "json", "ndjson", "csv"].joined(separator: separator)), "--format values")
    }
}
