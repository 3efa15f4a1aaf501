import ArgumentParser
import CallscopeDomain
import CallscopeOutput
import CallscopeProviders
import Foundation

/// `callscope show ID`: one call's full detail.
public struct ShowCommand: ParsableCommand, ProviderCommand {
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

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        let trimmed = id.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200, !trimmed.unicodeScalars.contains(where: SafeText.needsEscape) else {
            throw .usage("'\(SafeText.sanitize(id))' is not a call id")
        }
        try await withSession(context, output: output, fileProblemIsFailure: false) { (session, filter) async throws(CLIFailure) in
            let call: Call
            do {
                call = try await session.provider.call(id: trimmed, within: filter)
            } catch {
                throw CLIFailure(providerFailure: error)
            }
            switch format {
            case .text:
                // Text follows the locale, as the browser does; JSON stays UTF-8.
                let text = CallDetailFormatter(zone: session.zone, customers: session.plan.profile?.customers ?? [:]).format(call)
                output.write(context.writesUTF8 ? text : SevenBitText.escaped(text))
            case .json: output.write(JSONWriter.string(call.jsonValue) + "\n")
            }
        }
    }
}
