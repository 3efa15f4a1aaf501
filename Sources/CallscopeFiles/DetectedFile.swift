import CallscopeDialects
import CallscopeDomain
import Foundation

/// A saved file mapped (or inflated from gzip) and its format told from its first bytes: all
/// that opening costs before its records are read. `SavedFile` indexes it; `FileHead` reads the
/// first page of a large one meanwhile.
struct DetectedFile: Sendable {
    /// The file's name as the user gave it, for messages and the status bar.
    let name: String
    let bytes: FileBytes
    let compressed: Bool
    /// Why inflating stopped early (a damaged compressed stream).
    let inflateProblem: String?
    let format: SavedFileFormat
    /// The first byte that is not whitespace (a JSON array's `[`, a document's `{`).
    let bodyStart: Int

    /// Maps the file at `path` (inflating it when it is gzip) and tells its format.
    static func open(path: String) throws(SavedFileError) -> DetectedFile {
        let name = (path as NSString).lastPathComponent
        return try DetectedFile(name: name, try FileBytes.map(path: path))
    }

    /// A file already in memory (tests and the fuzzer), told as `open` tells one from disk.
    static func read(_ contents: [UInt8], name: String) throws(SavedFileError) -> DetectedFile {
        try DetectedFile(name: name, FileBytes(copying: contents))
    }

    private init(name: String, _ raw: FileBytes) throws(SavedFileError) {
        let (bytes, compressed, problem) = try Self.inflated(raw, name: name)
        self.name = name
        self.bytes = bytes
        self.compressed = compressed
        self.inflateProblem = problem
        self.format = try SavedFileFormat.detect(bytes.buffer, name: name)
        self.bodyStart = SavedFileFormat.firstSignificantByte(bytes.buffer)
    }

    /// How the records of a file of arrays or lines are read: their decoder, their layout, and
    /// where the first begins (a JSON array's `[`; past a CSV header). nil for the formats read
    /// whole (a Vobiz page or CDR).
    func recordReading(zone: ZoneClock) -> (decoder: SavedRecordDecoder, layout: RecordLayout, start: Int)? {
        switch format {
        case .vobizPage, .vobizRecord: return nil
        case .voxoArray: return (.voxo(VoxoRecordMapper(zone: zone, account: nil)), .jsonArray, bodyStart)
        case .vobizArray: return (.vobiz(VobizRecordMapper(account: nil)), .jsonArray, bodyStart)
        case .exportJSON: return (.exportedJSON(ExportedCallReader()), .jsonArray, bodyStart)
        case .exportNDJSON: return (.exportedJSON(ExportedCallReader()), .lines, bodyStart)
        case .exportCSV:
            // Past the header's line.
            let buffer = bytes.buffer
            var start = bodyStart
            while start < buffer.count, buffer[start] != 0x0A { start += 1 }
            return (.exportedCSV(ExportedCSVReader()), .lines, start + 1)
        }
    }

    /// The bytes to read: `bytes` themselves, or what they inflate to when they are gzip. What
    /// a compressed file holds is told from its first 64 KB inflated, before the rest is, so a
    /// compressed file of something else is refused at once; inflating stops at 4 GB.
    private static func inflated(_ bytes: FileBytes, name: String) throws(SavedFileError) -> (bytes: FileBytes, compressed: Bool, problem: String?) {
        guard GzipInflater.isGzip(bytes.buffer) else { return (bytes, false, nil) }
        let head = GzipInflater.inflate(bytes.buffer, limit: 64 * 1024)
        do {
            _ = try SavedFileFormat.detect(head.bytes.buffer, name: name)
        } catch {
            // Damaged before anything readable came out: that, not "empty", is what to say.
            if let problem = head.problem {
                throw SavedFileError(kind: .damaged, summary: "\(name): \(problem)", advice: "check the file with gzip -t, or ask for it again")
            }
            throw error
        }
        let whole = GzipInflater.inflate(bytes.buffer, limit: maximumInflated)
        if whole.reachedLimit {
            throw SavedFileError(kind: .unrecognized, summary: "\(name) inflates to more than \(whole.problem == nil ? "\(maximumInflated >> 30) GB" : "this machine's memory holds")",
                                 advice: "gunzip it and open the result, which is read in place without being held in memory")
        }
        return (whole.bytes, true, whole.problem)
    }

    /// The most a compressed file is inflated to in memory.
    static let maximumInflated = 4 << 30
}
