import CallscopeDialects
import CallscopeDomain
import Foundation

/// A saved file opened for reading: its bytes (mapped, or inflated from gzip), its format, and
/// its records, indexed (arrays and lines) or, for a Vobiz page or CDR, read whole.
public final class SavedFile: Sendable {
    /// The file's name as the user gave it, for messages and the status bar.
    public let name: String
    public let format: SavedFileFormat
    public let compressed: Bool
    /// The provider whose records these are (an export's: its first call's).
    public let provider: ProviderID
    /// What could not be read (a file cut short, damaged compressed data), saying where;
    /// everything before it is readable.
    public let problem: String?
    /// The earliest and latest start of its calls (nil when none has one).
    public let span: ClosedRange<Date>?
    private let bytes: FileBytes
    private let records: Records

    private enum Records: Sendable {
        case indexed(RecordIndex, SavedRecordDecoder)
        /// Newest first.
        case loaded([Call])
    }

    /// Opens the file at `path`. `zone` is the zone a VOXO answer was requested in (its
    /// times carry none).
    public static func open(path: String, zone: ZoneClock) throws(SavedFileError) -> SavedFile {
        let name = (path as NSString).lastPathComponent
        let (bytes, compressed, problem) = try inflated(try FileBytes.map(path: path), name: name)
        return try SavedFile(name: name, bytes: bytes, compressed: compressed, inflateProblem: problem, zone: zone)
    }

    /// A file already in memory (tests and the fuzzer), read as `open` reads one from disk.
    /// `parallelAbove`: the size from which it is indexed in two halves at once.
    public static func read(_ contents: [UInt8], name: String, zone: ZoneClock, parallelAbove: Int = RecordIndex.parallelBytes) throws(SavedFileError) -> SavedFile {
        let (bytes, compressed, problem) = try inflated(FileBytes(copying: contents), name: name)
        return try SavedFile(name: name, bytes: bytes, compressed: compressed, inflateProblem: problem, zone: zone, parallelAbove: parallelAbove)
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

    init(name: String, bytes: FileBytes, compressed: Bool, inflateProblem: String?, zone: ZoneClock,
         parallelAbove: Int = RecordIndex.parallelBytes) throws(SavedFileError) {
        self.name = name
        self.bytes = bytes
        self.compressed = compressed
        let buffer = bytes.buffer
        let format = try SavedFileFormat.detect(buffer, name: name)
        self.format = format
        let bodyStart = SavedFileFormat.firstSignificantByte(buffer)
        var problem = inflateProblem
        switch format {
        case .vobizPage, .vobizRecord:
            let mapper = VobizRecordMapper(account: nil)
            let body = Array(UnsafeBufferPointer(rebasing: buffer[bodyStart...]))
            var calls: [Call] = []
            do {
                if format == .vobizPage {
                    calls = try VobizPage.read(body, mapper: mapper)?.calls ?? []
                } else {
                    calls = [try VobizAnswers.detail(body, mapper: mapper)]
                }
            } catch {
                problem = problem ?? "\(error)"
            }
            calls.sort { ($0.startTime ?? .distantPast) > ($1.startTime ?? .distantPast) }
            records = .loaded(calls)
            provider = .vobiz
            let starts = calls.compactMap(\.startTime)
            span = starts.min().flatMap { low in starts.max().map { low...$0 } }
        case .voxoArray, .vobizArray, .exportJSON, .exportNDJSON, .exportCSV:
            let decoder: SavedRecordDecoder
            var layout = RecordLayout.jsonArray
            var start = bodyStart
            switch format {
            case .voxoArray: decoder = .voxo(VoxoRecordMapper(zone: zone, account: nil))
            case .vobizArray: decoder = .vobiz(VobizRecordMapper(account: nil))
            case .exportJSON: decoder = .exportedJSON(ExportedCallReader())
            case .exportNDJSON:
                decoder = .exportedJSON(ExportedCallReader())
                layout = .lines
            default:
                decoder = .exportedCSV(ExportedCSVReader())
                layout = .lines
                // Past the header's line.
                while start < buffer.count, buffer[start] != 0x0A { start += 1 }
                start += 1
            }
            let index = RecordIndex.build(buffer, from: start, layout: layout, decoder: decoder, parallelAbove: parallelAbove,
                                          release: { [bytes] in bytes.releasePages(in: $0) })
            // A damaged compressed stream explains a cut-short record better than the record does.
            problem = problem ?? index.problem
            records = .indexed(index, decoder)
            span = index.span
            provider = format.provider
                ?? (index.count > 0 ? decoder.call(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: buffer[index.offsets[0]...]))?.provider : nil)
                ?? .voxo
        }
        self.problem = problem.map { "\(SafeText.sanitize(name)): \($0)" }
    }

    /// How many calls the file holds (as far as it could be read).
    public var count: Int {
        switch records {
        case .indexed(let index, _): return index.count
        case .loaded(let calls): return calls.count
        }
    }

    /// The start of the call shown at `position` (newest first); nil when it has none.
    func start(at position: Int) -> Date? {
        switch records {
        case .indexed(let index, _):
            let start = index.start(at: position)
            return start.isNaN ? nil : Date(timeIntervalSince1970: start)
        case .loaded(let calls): return calls[position].startTime
        }
    }

    /// The call shown at `position` (newest first), decoded from its bytes.
    public func call(at position: Int) -> Call? {
        switch records {
        case .indexed(let index, let decoder):
            let offset = index.offsets[index.record(at: position)]
            return decoder.call(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: bytes.buffer[offset...]))
        case .loaded(let calls): return calls[position]
        }
    }

    /// Positions (newest first) of the calls whose record holds `text` as bytes: the
    /// candidates for a call looked up by id, found without decoding every record (none when
    /// the calls were read whole).
    func positions(holding text: String) -> [Int] {
        guard case .indexed(let index, _) = records else { return [] }
        let needle = Array(text.utf8)
        guard !needle.isEmpty, let base = bytes.buffer.baseAddress else { return [] }
        var records = Set<Int>()
        var from = 0
        let count = bytes.buffer.count
        while from < count, let offset = Self.find(needle, in: base, from: from, count: count) {
            // The record whose offset is the last one at or before the match.
            var low = 0, high = index.count
            while low < high {
                let middle = (low + high) / 2
                if index.offsets[middle] <= offset { low = middle + 1 } else { high = middle }
            }
            if low > 0 { records.insert(low - 1) }
            from = offset + 1
        }
        guard !records.isEmpty else { return [] }
        // Back from record numbers to positions.
        guard let order = index.order else { return records.sorted() }
        return order.indices.filter { records.contains(Int(order[$0])) }
    }

    /// The offset of `needle`'s first occurrence at or after `from` (glibc's `memmem` is not
    /// visible to Swift here): `memchr` finds each first byte, `memcmp` the rest.
    private static func find(_ needle: [UInt8], in base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var at = from
        while count - at >= needle.count {
            guard let hit = memchr(base + at, Int32(first), count - at - needle.count + 1) else { return nil }
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needle, needle.count) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }
}
