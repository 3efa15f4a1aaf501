import ArgumentParser
import CallscopeProviders

/// `callscope`: browse call history from VOXO and Vobiz.
public struct CallscopeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "callscope",
        abstract: "Browse telephone call history (VOXO, Vobiz) from the terminal.",
        usage: """
            callscope [--demo | --provider voxo|vobiz ...]     browse in the terminal
            callscope open FILE [--tz ZONE]                     browse a saved answer or export
            callscope list|show|stats|sql [--file FILE] ...
            callscope history [prune|clear]               the local store of closed history
            callscope profiles|mock-server ...
            """,
        discussion: """
            Credentials come from the environment: VOXO_TOKEN (or VOXO_EMAIL and VOXO_PASSWORD) \
            for VOXO, VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN for Vobiz. --demo needs none.

            Exit codes: 0 success, 64 usage, 65 unreadable provider data or file, 66 not found, \
            69 network or provider failure, 73 output file not written, 77 credentials refused or \
            missing, 78 config file unusable, 130 interrupted.
            """,
        version: CallscopeVersion.string,
        subcommands: [BrowseCommand.self, OpenCommand.self, ListCommand.self, ShowCommand.self, StatsCommand.self, WatchCommand.self, SQLCommand.self, HistoryCommand.self, ProfilesCommand.self, MockServerCommand.self],
        defaultSubcommand: BrowseCommand.self
    )

    public init() {}
}

/// Runs a command body, turning failures into a message on stderr and the documented exit code.
func reportingFailures(_ output: some OutputSink, _ body: () async throws(CLIFailure) -> Void) async throws {
    do {
        try await body()
    } catch {
        output.writeError("callscope: \(error.message)\n")
        throw ExitCode(error.exitCode)
    }
}

/// A command whose work is asynchronous; `main.swift` awaits `runAsync()`.
public protocol AsyncRunnable {
    func runAsync() async throws
}
