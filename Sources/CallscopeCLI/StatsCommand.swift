import ArgumentParser
import CallscopeDomain
import CallscopeViewModel
import Foundation
import Synchronization

/// `callscope stats`: the figures of every call matching the filters (README, "Triage").
public struct StatsCommand: ParsableCommand, ProviderCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistics of the calls matching the filters: counts, ASR, NER, ACD, cost, MOS, causes; --by groups them."
    )

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Option(help: "Group by: \(GroupField.allCases.map(\.rawValue).joined(separator: ", ")).")
    public var by: GroupField?

    @Option(help: "table, json or csv.")
    public var format: StatsFormat = .table

    @Option(help: "A rate deck (CSV: prefix,destination,rate,increment,currency[,connection_fee]): adds billable seconds and rated cost beside the billed cost (default: the profile's rates).")
    public var rates: String?

    public init() {}

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        try await withSession(context, output: output) { (session, filter) async throws(CLIFailure) in
            let deck = try RatesOption.deck(rates, session: session)
            // The browser's reading: pages (or windows) in flight as the profile allows, each
            // folded in and dropped as it comes, so memory stays flat for any number of calls.
            let readSoFar = Mutex(0)
            let state: StatisticsState
            do {
                state = try await StatisticsReading.whole(session.provider, filter: filter, groupBy: by, zone: session.zone, deck: deck) { soFar in
                    readSoFar.withLock { $0 = soFar.figures.calls }
                }
            } catch {
                let failure = CLIFailure(providerFailure: error)
                throw CLIFailure(failure.message + " (after \(readSoFar.withLock { $0 }) calls were read)", exitCode: failure.exitCode)
            }
            let statistics = state.figures
            let groups = state.groups
            if let line = StoreNote(state).line(zone: session.zone) { output.writeError("callscope: \(line)\n") }
            let report = StatisticsReport(statistics: statistics, groups: groups, zone: session.zone, filter: filter)
            switch format {
            case .table:
                // The table follows the locale, as the browser does; JSON and CSV stay UTF-8.
                output.write(context.writesUTF8 ? report.table() : SevenBitText.escaped(report.table(ascii: true)))
                output.writeError("\(statistics.calls) calls from \(session.scopeDescription), times in \(session.zone.identifier)\n")
            case .json: output.write(JSONWriter.string(report.json) + "\n")
            case .csv: output.write(report.csv())
            }
        }
    }
}

public enum StatsFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, csv
}

extension GroupField: ExpressibleByArgument {}
