import CallscopeDomain
import CallscopeProviders
import Foundation

/// What a command reads from its surroundings: injected, so tests pass their own.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var settings: HTTPSettings
    public var sleeper: any RetrySleeper
    public var now: Date

    public init(environment: [String: String], settings: HTTPSettings = HTTPSettings(),
                sleeper: any RetrySleeper = ClockSleeper(), now: Date = Date()) {
        self.environment = environment
        self.settings = settings
        self.sleeper = sleeper
        self.now = now
    }

    /// Whether the locale writes UTF-8: where it does not, the table and text outputs are
    /// escaped to 7 bits, as the browser is (JSON, NDJSON and CSV are UTF-8 always).
    public var writesUTF8: Bool { SevenBitText.localeIsUTF8(environment: environment) }

    static var live: CommandContext { CommandContext(environment: ProcessInfo.processInfo.environment) }
}

/// A command that reads one provider: `list` and `show`.
public protocol ProviderCommand: AsyncRunnable {
    var providerOptions: ProviderOptions { get }
    var filterOptions: FilterOptions { get }
    func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure)
}

extension ProviderCommand {
    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in
            try await execute(.live, output: output)
        }
    }

    /// Opens the provider with its filter (`ProviderSession.open(_:filterOptions:context:logger:)`),
    /// runs `body`, and closes the session however `body` ends. A saved file read only in part
    /// says where it stopped: a failure after the calls were written, unless
    /// `fileProblemIsFailure` is false.
    func withSession(
        _ context: CommandContext,
        output: some OutputSink,
        fileProblemIsFailure: Bool = true,
        _ body: (ProviderSession, CallFilter) async throws(CLIFailure) -> Void
    ) async throws(CLIFailure) {
        let setup = try SessionSetup.resolve(providerOptions, context: context, warnings: output.writeError)
        let (session, filter) = try await ProviderSession.open(setup, filterOptions: filterOptions, context: context)
        if let assumed = session.assumedZoneWarning { output.writeError("callscope: warning: \(assumed)\n") }
        do {
            try await body(session, filter)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        if let problem = session.file?.problem {
            guard fileProblemIsFailure else {
                output.writeError("callscope: warning: \(problem)\n")
                return
            }
            throw CLIFailure("\(problem); the calls before it were read", exitCode: CallscopeExit.badData)
        }
    }
}
