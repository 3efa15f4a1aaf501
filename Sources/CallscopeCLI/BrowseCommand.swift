import ArgumentParser
import CallscopeDomain
import CallscopeTerminal
import CallscopeViewModel
import Foundation
import Logging

/// `callscope` (or `callscope browse`): the terminal UI.
public struct BrowseCommand: ParsableCommand, ProviderCommand {
    public static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse calls in the terminal (what `callscope` does with no command)."
    )

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Flag(help: "No colours (also when NO_COLOR is set).")
    public var noColor = false

    public init() {}

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        let zone = try ProviderSession.resolveZone(providerOptions.tz, environment: context.environment)
        _ = try filterOptions.filter(zone: zone, now: context.now)
        let logPath = FileLogHandler.defaultPath(environment: context.environment)
        let logger = FileLogHandler.factory(path: logPath).map { Logger(label: "callscope", factory: $0) }
            ?? Logger(label: "callscope", factory: { _ in SwiftLogNoOpLogHandler() })
        let session = try await ProviderSession.open(providerOptions, zone: zone, context: context, logger: logger)
        logger.info("browsing", metadata: ["scope": "\(session.scopeDescription)"])
        var options = TerminalApp.Options()
        options.useColor = !noColor && (context.environment["NO_COLOR"] ?? "").isEmpty
        options.scope = session.scopeDescription
        let draft = filterOptions.draft
        do {
            try TerminalApp.run(options: options) { wake in
                BrowserStore(provider: session.provider, zone: zone, draft: draft, onChange: wake)
            }
        } catch {
            await session.close()
            throw CLIFailure(error.description, exitCode: CallscopeExit.usage)
        }
        await session.close()
    }
}
