import ArgumentParser
import CallscopeDomain
import CallscopeViewModel
import CallscopeFiles
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

    @Option(help: "How many calls to print; 0 prints every call in the range (default: 100; with --output, 0).")
    public var limit: Int?

    @Option(help: "table, json, ndjson, csv or markdown (default: table; with --output, the file's extension).")
    public var format: CallStreamEncoder.Format?

    @Option(help: "Write the calls to this file instead of stdout, atomically (a temporary file renamed into place); .csv, .json, .ndjson, .md (a Markdown table) or .txt (the table), and .gz after any of them, pick the format. An existing file is replaced.")
    public var output: String?

    @Option(help: "A rate deck (CSV): each call carries its billable seconds, rated cost and matched prefix (JSON, NDJSON, CSV; default: the profile's rates).")
    public var rates: String?

    @Flag(help: "With a rate deck: only calls billed more than the deck rates them (same currency), or billed where the deck prices nothing.")
    public var billedOverRated = false

    public init() {}

    static let flushBytes = 1 << 20

    /// Billed more than the deck rates it, in the same currency; or billed at all where the deck
    /// prices nothing of it, or in another currency than the deck's.
    static func billedOverRated(_ call: Call, deck: RateDeck) -> Bool {
        guard let text = call.cost, let billed = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), billed > 0 else { return false }
        guard let rating = deck.rate(call), rating.currency == (call.currency ?? "").trimmingASCIIWhitespace().uppercased() else { return true }
        // Against the rated cost as it could be billed: to the currency's minor unit, or to the
        // bill's own precision where finer (a bill of 0.0012 for a rated 0.0011666… is not over it).
        let billedPlaces = text.split(separator: ".").dropFirst().first?.count ?? 0
        let places = max(TriageText.minorUnits[rating.currency] ?? 2, billedPlaces)
        return billed > RatedFigures.rounded(rating.ratedCost, places: places)
    }

    public mutating func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 (everything) or more") }
        if let output, format == nil, ExportFile.format(of: output) == nil {
            throw ValidationError("--output \(SafeText.sanitize(output)): name a .csv, .json, .ndjson, .md or .txt file (.gz after it compresses), or give --format")
        }
    }

    /// `--limit`, else everything for a file (an export holds the whole filter) and 100 to read.
    var effectiveLimit: Int { limit ?? (output == nil ? 100 : 0) }

    /// The format to write, and whether to compress: `--format`, else the output file's extension.
    var encoding: (format: CallStreamEncoder.Format, compressed: Bool) {
        let named = output.flatMap(ExportFile.format(of:))
        let compressed = named?.compressed ?? false
        return (format ?? named?.format ?? .table, compressed)
    }

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        try await withSession(context, output: output) { (session, filter) async throws(CLIFailure) in
            try await printCalls(session: session, filter: filter, output: output, sevenBit: !context.writesUTF8)
        }
    }

    /// - Parameter sevenBit: the locale is not UTF-8: a table on stdout is escaped to 7 bits.
    func printCalls(session: ProviderSession, filter: CallFilter, output: some OutputSink, sevenBit: Bool = false) async throws(CLIFailure) {
        let (format, compressed) = encoding
        var encoder = CallStreamEncoder(format: format, zone: session.zone, asciiOnly: sevenBit && self.output == nil,
                                        customers: session.plan.profile?.customers ?? [:])
        let deck = try RatesOption.deck(rates, session: session)
        encoder.deck = deck
        if billedOverRated, deck == nil {
            throw CLIFailure.usage("--billed-over-rated compares with a rate deck: give --rates FILE (or rates in the profile)")
        }
        let file: ExportFile?
        do {
            file = try self.output.map { (path) throws(ExportError) in try ExportFile(path: path, format: format, compressed: compressed, replacing: true) }
        } catch {
            throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate)
        }
        let progress = file != nil && isatty(2) == 1 ? ExportProgressLine(output: output) : nil
        // Stopped by a signal, the export leaves no temporary file behind.
        let cleanup = file != nil ? ExportFile.removeUnfinishedOnSignals() : nil
        defer { cleanup?.end() }
        let limit = effectiveLimit
        // Calls are written into one reused buffer and handed on in large pieces.
        var buffer = JSONWriter(reservingCapacity: Self.flushBytes + 64 * 1024)
        func flush() throws(CLIFailure) {
            guard !buffer.bytes.isEmpty else { return }
            if let file {
                do { try file.write(buffer.bytes) } catch { throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate) }
            } else {
                output.write(bytes: buffer.bytes)
            }
            buffer.removeAll()
        }
        var reportedTotal: Int?
        var scannedBack: Date?
        var storeNote = StoreNote()
        // The header waits for the first answer: a failure before it leaves stdout empty.
        var begun = false
        do {
            // Reading to the end, the next page or window is asked for while this one is written.
            let stream = limit == 0 ? session.provider.allCalls(matching: filter) : session.provider.calls(matching: filter)
            batches: for try await batch in stream {
                if !begun {
                    encoder.begin(into: &buffer)
                    begun = true
                }
                reportedTotal = batch.reportedTotal ?? reportedTotal
                scannedBack = batch.scannedBackTo ?? scannedBack
                storeNote.add(batch)
                for call in batch.calls {
                    if limit > 0 && encoder.written >= limit { break }
                    if billedOverRated, let deck, !Self.billedOverRated(call, deck: deck) { continue }
                    encoder.append(call, into: &buffer)
                    if buffer.bytes.count >= Self.flushBytes { try flush() }
                }
                // Each batch reaches the reader as it is read (`list | head` sees the first at once).
                try flush()
                progress?.show(written: encoder.written, of: reportedTotal.map { limit > 0 ? min(limit, $0) : $0 })
                if limit > 0 && encoder.written >= limit { break batches }
            }
        } catch {
            progress?.clear()
            let printed = encoder.written
            if let file {
                file.abandon()
                if let failure = error as? CLIFailure { throw failure }
                let failure = CLIFailure(providerFailure: error)
                throw CLIFailure(failure.message + " (nothing was written to \(SafeText.sanitize(file.path)))", exitCode: failure.exitCode)
            }
            if let failure = error as? CLIFailure { throw failure }
            // Close the array so what was printed stays valid JSON.
            if begun {
                encoder.end(into: &buffer)
                try? flush()
            }
            let failure = CLIFailure(providerFailure: error)
            throw CLIFailure(failure.message + (printed > 0 ? " (after \(printed) calls were printed)" : ""), exitCode: failure.exitCode)
        }
        if !begun { encoder.begin(into: &buffer) }
        encoder.end(into: &buffer)
        try flush()
        let printed = encoder.written
        if let line = storeNote.line(zone: session.zone) { output.writeError("callscope: \(line)\n") }
        if let file {
            progress?.clear()
            do { try file.commit() } catch { throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate) }
            output.writeError("wrote \(printed) call\(printed == 1 ? "" : "s") to \(SafeText.sanitize(file.path))\n")
            return
        }
        if format == .table {
            var summary = "\(printed) call\(printed == 1 ? "" : "s") from \(session.scopeDescription), times in \(session.zone.identifier)"
            // Only a read stopped by --limit leaves calls unprinted; the number named is one
            // --limit 0 would print, or said to be a bound (docs/ARCHITECTURE.md, "Counts").
            if limit > 0 && printed >= limit {
                let place = session.file == nil ? "on the server" : "in the file"
                if let reportedTotal, reportedTotal > printed, session.provider.countsExactly(filter) {
                    summary += "; \(reportedTotal) match \(place) (--limit 0 lists all)"
                } else if let reportedTotal, reportedTotal > printed {
                    summary += "; at most \(reportedTotal) match (the server counts more than the filter selects: whole UTC days, parts matched here; --limit 0 lists those that match)"
                } else if reportedTotal == nil {
                    let back = scannedBack.map { ", read back to \(session.zone.local($0))" } ?? ""
                    summary += "; more may match\(back) (--limit 0 lists all)"
                }
            }
            output.writeError(summary + "\n")
        }
    }
}

/// "exported 1,200 of 5,122" on stderr, redrawn in place, while `list --output` writes.
struct ExportProgressLine {
    let output: any OutputSink

    func show(written: Int, of total: Int?) {
        let of = total.map { " of \($0.formatted(.number))" } ?? ""
        output.writeError("\r\u{1B}[Kexported \(written.formatted(.number))\(of)")
    }

    func clear() { output.writeError("\r\u{1B}[K") }
}
