import ArgumentParser
import CallscopeDomain
import CallscopeOutput
import CallscopeProviders
import Foundation

/// `callscope list`: calls matching the filters, newest first.
public struct ListCommand: ParsableCommand, ProviderCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List calls matching the filters, newest first."
    )

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Option(help: "How many calls to print; 0 prints every call in the range.")
    public var limit = 100

    @Option(help: "table, json, ndjson or csv.")
    public var format: ListFormat = .table

    public init() {}

    static let flushBytes = 1 << 20

    public mutating func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (everything) or more") }
    }

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        try await withSession(context, output: output) { (session, filter) async throws(CLIFailure) in
            try await printCalls(session: session, filter: filter, output: output)
        }
    }

    func printCalls(session: ProviderSession, filter: CallFilter, output: some OutputSink) async throws(CLIFailure) {
        let table = CallTableFormatter(zone: session.zone)
        // Calls are written into one reused buffer and handed on in large pieces.
        var buffer = JSONWriter(reservingCapacity: Self.flushBytes + 64 * 1024)
        func flush() {
            guard !buffer.bytes.isEmpty else { return }
            output.write(bytes: buffer.bytes)
            buffer.removeAll()
        }
        var printed = 0
        var reportedTotal: Int?
        var scannedBack: Date?
        switch format {
        case .table: output.write(table.header())
        case .csv: output.write(CallCSVFormatter.header)
        case .json: output.write("[")
        case .ndjson: break
        }
        do {
            // Reading to the end, the next page or window is asked for while this one is written.
            let stream = limit == 0 ? session.provider.allCalls(matching: filter) : session.provider.calls(matching: filter)
            batches: for try await batch in stream {
                reportedTotal = batch.reportedTotal ?? reportedTotal
                scannedBack = batch.scannedBackTo ?? scannedBack
                for call in batch.calls {
                    if limit > 0 && printed >= limit { break }
                    switch format {
                    case .table: buffer.writeRaw(table.row(call))
                    case .csv: buffer.writeRaw(CallCSVFormatter.row(call))
                    case .json:
                        buffer.writeRaw(printed == 0 ? "\n" : ",\n")
                        buffer.write(call)
                    case .ndjson:
                        buffer.write(call)
                        buffer.writeRaw("\n")
                    }
                    printed += 1
                    if buffer.bytes.count >= Self.flushBytes { flush() }
                }
                // Each batch reaches the reader as it is read (`list | head` sees the first at once).
                flush()
                if limit > 0 && printed >= limit { break batches }
            }
        } catch {
            // Close the array so what was printed stays valid JSON.
            if format == .json { output.write("\n]\n") }
            let failure = CLIFailure(providerFailure: error)
            throw CLIFailure(failure.message + (printed > 0 ? " (after \(printed) calls were printed)" : ""), exitCode: failure.exitCode)
        }
        if format == .json { output.write(printed == 0 ? "]\n" : "\n]\n") }
        if format == .table {
            var summary = "\(printed) call\(printed == 1 ? "" : "s") from \(session.scopeDescription), times in \(session.zone.identifier)"
            if let reportedTotal, reportedTotal > printed {
                summary += "; \(reportedTotal) match \(session.file == nil ? "on the server" : "in the file") (--limit 0 lists all)"
            } else if limit > 0 && printed >= limit {
                let back = scannedBack.map { ", read back to \(session.zone.local($0))" } ?? ""
                summary += "; more may match\(back) (--limit 0 lists all)"
            }
            output.writeError(summary + "\n")
        }
    }
}
