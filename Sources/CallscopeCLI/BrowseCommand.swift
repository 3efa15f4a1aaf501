import ArgumentParser
import CallscopeConfig
import CallscopeDomain
import CallscopeFiles
import CallscopeTerminal
import CallscopeViewModel
import Foundation
import Logging
import Synchronization

/// `callscope` (or `callscope browse`): the terminal UI.
public struct BrowseCommand: ParsableCommand, ProviderCommand, MainThreadCommand {
    public static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse calls in the terminal (what `callscope` does with no command)."
    )

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Flag(help: "No colours (also when NO_COLOR is set).")
    public var noColor = false

    @Option(help: "A rate deck (CSV): the strip, the groups and the detail show billable minutes and rated cost beside the billed (default: the profile's rates).")
    public var rates: String?

    public init() {}

    /// The browser needs the main thread, which an async caller does not have: `main.swift`
    /// runs `runBlocking()` instead, and this path says so without opening anything.
    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        throw CLIFailure("the terminal UI must be started from the main thread (callscope browse)", exitCode: 1)
    }

    struct Prepared: Sendable {
        let session: ProviderSession
        let zone: ZoneClock
        let draft: FilterDraft
        /// The profile's range and nothing else: what `:reset` and the `=` line fall back to.
        let defaults: FilterDraft
        let options: TerminalApp.Options
        let connector: ProfileConnector
        /// The config's `[watch]`: how the board and follow mode take normal.
        var watch = WatchSettings()
        /// The rate deck calls are rated by, where one was named.
        var deck: RateDeck?
    }

    /// Runs the browser with the UI loop on the calling thread, which must be the main thread
    /// (docs/ARCHITECTURE.md, "Threading model"): the async set-up runs as a task while this thread waits, then the
    /// loop blocks here, off the shared worker pool. Returns the exit status.
    public func runBlocking() -> Int32 {
        Self.runBlocking(providerOptions: providerOptions, filterOptions: filterOptions, noColor: noColor, rates: rates)
    }

    /// `runBlocking()` for options given by another command (`open FILE`).
    static func runBlocking(providerOptions: ProviderOptions, filterOptions: FilterOptions, noColor: Bool, rates: String? = nil) -> Int32 {
        let output = StandardOutput()
        let context = CommandContext.live
        // First, while nothing else runs: a crash must not print over the screen or wait for a
        // key, and the runtime reads its backtrace settings at start only (CrashReporting).
        CrashReporting.reexecuteIfNeeded(logPath: FileLogHandler.defaultPath(environment: context.environment))
        let waiter = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Prepared, CLIFailure>?>(nil)
        let launch = BrowserLaunch(providerOptions: providerOptions, filterOptions: filterOptions, noColor: noColor, rates: rates)
        Task {
            do throws(CLIFailure) {
                let prepared = try await launch.prepare(context, output: output)
                outcome.withLock { $0 = .success(prepared) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            waiter.signal()
        }
        waiter.wait()
        guard let result = outcome.withLock({ $0 }) else { return 1 }
        let prepared: Prepared
        switch result {
        case .success(let value): prepared = value
        case .failure(let failure):
            output.writeError("callscope: \(failure.message)\n")
            return failure.exitCode
        }
        var status: Int32 = 0
        do {
            try TerminalApp.run(options: prepared.options) { wake in
                BrowserStore(provider: prepared.session.provider, zone: prepared.zone, draft: prepared.draft, defaults: prepared.defaults,
                             profile: prepared.session.profile, scope: prepared.session.scope,
                             sourceArguments: prepared.session.plan.commandLineArguments,
                             customers: prepared.session.plan.profile?.customers ?? [:], connector: prepared.connector,
                             exporter: FileCallExporter(zone: prepared.zone, home: context.environment["HOME"], customers: prepared.session.plan.profile?.customers ?? [:], deck: prepared.deck),
                             notice: prepared.session.fileNotice, problem: prepared.session.file?.problem, watch: prepared.watch, deck: prepared.deck, onChange: wake)
            }
        } catch {
            output.writeError("callscope: \(error.description)\n")
            status = CallscopeExit.usage
        }
        // An export still running when the browser closes is dropped, with its temporary file.
        ExportFile.removeUnfinished()
        Task {
            await prepared.session.close()
            waiter.signal()
        }
        waiter.wait()
        return status
    }
}

/// The parsed options, handed to the set-up task, which prepares the browser from them.
// @unchecked Sendable: the options are only read, and the main thread waits on a semaphore while
// the task reads them, so they are never touched from two threads at once.
final class BrowserLaunch: @unchecked Sendable {
    let providerOptions: ProviderOptions
    let filterOptions: FilterOptions
    let noColor: Bool
    let rates: String?

    init(providerOptions: ProviderOptions, filterOptions: FilterOptions, noColor: Bool, rates: String?) {
        self.providerOptions = providerOptions
        self.filterOptions = filterOptions
        self.noColor = noColor
        self.rates = rates
    }

    /// Everything that needs `await`: the filter check, the provider session (and demo server, or saved file).
    func prepare(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) -> BrowseCommand.Prepared {
        let setup = try SessionSetup.resolve(providerOptions, context: context, warnings: output.writeError)
        let zone = setup.zone
        let logPath = FileLogHandler.defaultPath(environment: context.environment)
        let logger = FileLogHandler.factory(path: logPath).map { Logger(label: "callscope", factory: $0) }
            ?? Logger(label: "callscope", factory: { _ in SwiftLogNoOpLogHandler() })
        for warning in setup.config?.warnings ?? [] { logger.warning("\(warning)") }
        // The filter is checked here; the browser starts from the same flags as a draft.
        let (session, _) = try await ProviderSession.open(setup, filterOptions: filterOptions, context: context, logger: logger, fileHeadFirst: true)
        let range = session.defaultRange
        logger.info("browsing", metadata: ["profile": "\(session.profile ?? "-")", "scope": "\(session.scopeDescription)"])
        if let source = session.provider as? FileCallSource, source.openedHeadFirst {
            logger.info("showing the file's first page from its first records while it is indexed")
        }
        var options = TerminalApp.Options()
        options.useColor = !noColor && (context.environment["NO_COLOR"] ?? "").isEmpty
        options.logPath = logPath
        var prepared = BrowseCommand.Prepared(session: session, zone: zone, draft: filterOptions.draft(defaultSince: range.since, defaultUntil: range.until),
                        defaults: FilterDraft.defaults(since: range.since, until: range.until), options: options,
                        connector: session.connector(config: setup.config,
                                                     baseZone: try ProviderSession.resolveZone(nil, environment: context.environment)))
        prepared.watch = WatchCommand.settings(setup.config?.watch ?? WatchConfig())
        do {
            prepared.deck = try RatesOption.deck(rates, session: session)
        } catch {
            await session.close()
            throw error
        }
        return prepared
    }
}
