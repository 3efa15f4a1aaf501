import CallscopeDomain

/// Calls written one after another in one format, into a reused byte buffer: `list` to stdout
/// or `--output`, and the browser's export, write through this one encoder.
public struct CallStreamEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, json, ndjson, csv
        /// A Markdown table for a ticket, closed by the counts of what it holds.
        case markdown
    }

    public let format: Format
    private let table: CallTableFormatter
    public private(set) var written = 0
    /// The calls written by status, and their talk time, for the Markdown export's closing lines.
    private var byStatus: [String: Int] = [:]
    private var talkSeconds = 0

    /// `zone` is the table's display zone (the other formats write UTC); `asciiOnly`: the
    /// locale is not UTF-8, so the table is written in 7 bits (the other formats are UTF-8 always).
    /// Names for customer ids (a profile's `customers`), for CSV's last column.
    public var customers: [String: String] = [:]
    /// With a rate deck (`list --rates`), each call carries how it rates: JSON and NDJSON add
    /// members, CSV columns after the others.
    public var deck: RateDeck?

    public init(format: Format, zone: ZoneClock, asciiOnly: Bool = false, customers: [String: String] = [:]) {
        self.format = format
        self.table = CallTableFormatter(zone: zone, asciiOnly: asciiOnly)
        self.customers = customers
    }

    /// What comes before the first call.
    public func begin(into buffer: inout JSONWriter) {
        switch format {
        case .table: buffer.writeRaw(table.header())
        case .csv: buffer.writeRaw(deck == nil ? CallCSVFormatter.header : CallCSVFormatter.ratedHeader)
        case .json: buffer.writeRaw("[")
        case .ndjson: break
        case .markdown:
            buffer.writeRaw(CallFactsText.markdownTableHead(zone: table.zone))
        }
    }

    public mutating func append(_ call: Call, into buffer: inout JSONWriter) {
        switch format {
        case .table: buffer.writeRaw(table.row(call))
        case .csv:
            let row = CallCSVFormatter.row(call, customers: customers)
            // The rated cells go before the line's end.
            buffer.writeRaw(deck.map { String(row.dropLast(2)) + CallCSVFormatter.ratedCells($0.rate(call)) } ?? row)
        case .json:
            buffer.writeRaw(written == 0 ? "\n" : ",\n")
            if let deck { buffer.write(call, rating: deck.rate(call)) } else { buffer.write(call) }
        case .ndjson:
            if let deck { buffer.write(call, rating: deck.rate(call)) } else { buffer.write(call) }
            buffer.writeRaw("\n")
        case .markdown:
            buffer.writeRaw(CallFactsText.markdownRow(call, zone: table.zone))
            byStatus[call.status?.description ?? "unknown", default: 0] += 1
            if call.status == .answered, let seconds = call.durationSeconds, seconds > 0 {
                talkSeconds = talkSeconds.addingReportingOverflow(seconds).overflow ? Int.max : talkSeconds + seconds
            }
        }
        written += 1
    }

    /// `calls` written whole, as `list --output` writes them.
    public static func encode(_ calls: some Sequence<Call>, as format: Format, zone: ZoneClock) -> [UInt8] {
        var encoder = CallStreamEncoder(format: format, zone: zone)
        var buffer = JSONWriter()
        encoder.begin(into: &buffer)
        for call in calls { encoder.append(call, into: &buffer) }
        encoder.end(into: &buffer)
        return buffer.bytes
    }

    /// What comes after the last call (also after a failure, so JSON stays an array).
    public func end(into buffer: inout JSONWriter) {
        if format == .json { buffer.writeRaw(written == 0 ? "]\n" : "\n]\n") }
        if format == .markdown {
            let counts = byStatus.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            buffer.writeRaw("\n\(written) call\(written == 1 ? "" : "s")" + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")) + "\n")
            let answered = byStatus["answered"] ?? 0
            if written > 0 {
                let asr = (Double(answered) / Double(written) * 1000).rounded() / 10
                buffer.writeRaw("ASR \(asr) %, talk \(CallFormatting.clock(talkSeconds))\n")
            }
        }
    }
}
