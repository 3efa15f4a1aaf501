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

    /// Opens the file at `path` and indexes it. `zone` is the zone a VOXO answer was requested
    /// in (its times carry none).
    public static func open(path: String, zone: ZoneClock) throws(SavedFileError) -> SavedFile {
        SavedFile(try DetectedFile.open(path: path), zone: zone)
    }

    /// A file already in memory (tests and the fuzzer), read as `open` reads one from disk.
    /// `parallelAbove`: the size from which it is indexed in two halves at once.
    public static func read(_ contents: [UInt8], name: String, zone: ZoneClock, parallelAbove: Int = RecordIndex.parallelBytes) throws(SavedFileError) -> SavedFile {
        SavedFile(try DetectedFile.read(contents, name: name), zone: zone, parallelAbove: parallelAbove)
    }

    /// Reads the records of a file whose format is told: indexes arrays and lines, decodes a
    /// Vobiz page or CDR whole. Never fails: what cannot be read is `problem`.
    init(_ detected: DetectedFile, zone: ZoneClock, parallelAbove: Int = RecordIndex.parallelBytes) {
        name = detected.name
        self.bytes = detected.bytes
        compressed = detected.compressed
        format = detected.format
        let bytes = detected.bytes
        let buffer = bytes.buffer
        var problem = detected.inflateProblem
        if let (decoder, layout, start) = detected.recordReading(zone: zone) {
            let index = RecordIndex.build(buffer, from: start, layout: layout, decoder: decoder, parallelAbove: parallelAbove,
                                          release: { bytes.releasePages(in: $0) })
            // A damaged compressed stream explains a cut-short record better than the record does.
            problem = problem ?? index.problem
            records = .indexed(index, decoder)
            span = index.span
            provider = format.provider
                ?? (index.count > 0 ? decoder.call(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: buffer[index.offsets[0]...]))?.provider : nil)
                ?? .voxo
        } else {
            let mapper = VobizRecordMapper(account: nil)
            let body = Array(UnsafeBufferPointer(rebasing: buffer[detected.bodyStart...]))
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
        }
        let name = detected.name
        self.problem = problem.map { "\(SafeText.sanitize(name)): \($0)" }
    }

    /// What the status bar and the command line say of the file.
    public var summary: SavedFileSummary {
        SavedFileSummary(name: name, format: format, compressed: compressed, provider: provider, span: span, problem: problem)
    }

    /// Whether the calls are shown in the order the file holds them (it was newest first).
    public var keepsStoredOrder: Bool {
        guard case .indexed(let index, _) = records else { return true }
        return index.order == nil
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
