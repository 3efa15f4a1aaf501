import CallscopeDomain
import CallscopeOutput
import Foundation

/// The browser's export to files: the name's extension picks the format (`.csv`, `.json`,
/// `.ndjson`, `.md`, `.txt`, each optionally `.gz`), `~/` is the home folder, and the file is
/// written atomically through `ExportFile`.
public struct FileCallExporter: CallExporter {
    let zone: ZoneClock
    let home: String?
    /// Names for customer ids (a profile's `customers`), for CSV's customer column.
    let customers: [String: String]
    /// With a rate deck, the export carries each call's rating (JSON, NDJSON and CSV).
    let deck: RateDeck?

    public init(zone: ZoneClock, home: String?, customers: [String: String] = [:], deck: RateDeck? = nil) {
        self.zone = zone
        self.home = home
        self.customers = customers
        self.deck = deck
    }

    public func begin(path: String, replacing: Bool) throws(ExportRefusal) -> any CallExportWriting {
        var path = path
        if path.hasPrefix("~/"), let home { path = home + path.dropFirst(1) }
        guard let (format, compressed) = ExportFile.format(of: path) else {
            throw ExportRefusal(.unknownFormat, "name a .csv, .json, .ndjson, .md or .txt file (.gz after it compresses)")
        }
        do {
            let file = try ExportFile(path: path, format: format, compressed: compressed, replacing: replacing)
            var encoder = CallStreamEncoder(format: format, zone: zone, customers: customers)
            encoder.deck = deck
            return FileExportWriter(file: file, encoder: encoder)
        } catch {
            throw ExportRefusal(error.kind == .exists ? .exists : .cannotWrite, error.description)
        }
    }
}

/// One export: calls encoded into a buffer written out a megabyte at a time.
final class FileExportWriter: CallExportWriting {
    private let file: ExportFile
    private var encoder: CallStreamEncoder
    private var buffer = JSONWriter(reservingCapacity: 1 << 20)

    init(file: ExportFile, encoder: CallStreamEncoder) {
        self.file = file
        self.encoder = encoder
        encoder.begin(into: &buffer)
    }

    func write(_ calls: [Call]) throws(ExportRefusal) {
        for call in calls {
            encoder.append(call, into: &buffer)
            if buffer.bytes.count >= 1 << 20 { try flush() }
        }
    }

    func commit() throws(ExportRefusal) {
        encoder.end(into: &buffer)
        try flush()
        // Stopped while syncing: the file is not put in place.
        do { try file.commit(stillWanted: { !Task.isCancelled }) } catch {
            throw ExportRefusal(error.kind == .exists ? .exists : .cannotWrite, error.description)
        }
    }

    func abandon() { file.abandon() }

    private func flush() throws(ExportRefusal) {
        do { try file.write(buffer.bytes) } catch {
            file.abandon()
            throw ExportRefusal(.cannotWrite, error.description)
        }
        buffer.removeAll()
    }
}
