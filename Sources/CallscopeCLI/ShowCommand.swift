import ArgumentParser
import CallscopeDomain
import CallscopeProviders
import Foundation

/// `callscope show ID`: one call's full detail.
public struct ShowCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one call's full detail by its id (Vobiz call UUID; VOXO id or uniqueId)."
    )

    @Argument(help: "The call's id.")
    public var id: String

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Option(help: "text or json.")
    public var format: ShowFormat = .text

    public init() {}

    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in
            try await execute(environment: ProcessInfo.processInfo.environment, output: output)
        }
    }

    public func execute(
        environment: [String: String],
        output: some OutputSink,
        settings: HTTPSettings = HTTPSettings(),
        sleeper: any RetrySleeper = ClockSleeper(),
        now: Date = Date()
    ) async throws(CLIFailure) {
        let trimmed = id.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200, !trimmed.unicodeScalars.contains(where: SafeText.needsEscape) else {
            throw .usage("'\(SafeText.sanitize(id))' is not a call id")
        }
        let zone = try ProviderSession.resolveZone(providerOptions.tz, environment: environment)
        let filter = try filterOptions.filter(zone: zone, now: now)
        let session = try await ProviderSession.open(providerOptions, zone: zone, environment: environment, settings: settings, sleeper: sleeper, now: now)
        let call: Call
        do {
            call = try await session.provider.call(id: trimmed, within: filter)
        } catch let error as ProviderError {
            await session.close()
            throw CLIFailure(error)
        } catch is CancellationError {
            await session.close()
            throw CLIFailure("interrupted", exitCode: CallscopeExit.interrupted)
        } catch {
            await session.close()
            throw CLIFailure("\(error)", exitCode: 1)
        }
        await session.close()
        switch format {
        case .text: output.write(CallDetailFormatter(zone: session.zone).format(call))
        case .json: output.write(JSONWriter.string(call.jsonValue) + "\n")
        }
    }
}
