import CallscopeDomain

/// Calls written one after another in one format, into a reused byte buffer: `list` to stdout
/// or `--output`, and the browser's export, write through this one encoder.
public struct CallStreamEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, json, ndjson, csv
    }

    public let format: Format
    private let table: CallTableFormatter
    public private(set) var written = 0

    /// `zone` is the table's display zone (the other formats write UTC); `asciiOnly`: the
    /// locale is not UTF-8, so the table is written in 7 bits (the other formats are UTF-8 always).
    public init(format: Format, zone: ZoneClock, asciiOnly: Bool = false) {
        self.format = format
        self.table = CallTableFormatter(zone: zone, asciiOnly: asciiOnly)
    }

    /// What comes before the first call.
    public func begin(into buffer: inout JSONWriter) {
        switch format {
        case .table: buffer.writeRaw(table.header())
        case .csv: buffer.writeRaw(CallCSVFormatter.header)
        case .json: buffer.writeRaw("[")
        case .ndjson: break
        }
    }

    public mutating func append(_ call: Call, into buffer: inout JSONWriter) {
        switch format {
        case .table: buffer.writeRaw(table.row(call))
        case .csv: buffer.writeRaw(CallCSVFormatter.row(call))
        case .json:
            buffer.writeRaw(written == 0 ? "\n" : ",\n")
            buffer.write(call)
        case .ndjson:
            buffer.write(call)
            buffer.writeRaw("\n")
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
    }
}
