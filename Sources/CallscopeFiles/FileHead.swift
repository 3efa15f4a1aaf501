import CallscopeDomain
import Foundation

/// The first page of a large saved file that is in time order, newest first, read from its first
/// records; and the span of its calls, read from its first and last. `callscope open` shows it
/// while the whole file is indexed behind it (docs/ARCHITECTURE.md, "Saved files"): provider
/// answers are newest first, so these are the calls the index will put first, which the index
/// then confirms.
struct FileHead: Sendable {
    /// The first page, newest first.
    let calls: [Call]
    let summary: SavedFileSummary

    /// The head of `file`, or nil when its first page cannot be shown before it is indexed:
    /// records read whole or as CSV, fewer than `records` calls, first records not newest first
    /// (or without a start), or a last record that is not found, has no start, or is newer than
    /// the first page.
    static func read(_ file: DetectedFile, zone: ZoneClock, records: Int) -> FileHead? {
        guard records > 0, file.inflateProblem == nil, let (decoder, layout, start) = file.recordReading(zone: zone) else { return nil }
        let buffer = file.bytes.buffer
        var scan = RecordScan(bytes: buffer, cursor: start, layout: layout, decoder: decoder)
        if layout == .jsonArray { scan.cursor += 1 }  // the `[`
        scan.run(until: nil, records: records, release: { _ in })
        guard scan.stoppedAtLimit, scan.offsets.count == records,
              let newest = scan.starts.first, let oldestShown = scan.starts.last, !newest.isNaN,
              zip(scan.starts, scan.starts.dropFirst()).allSatisfy({ !$1.isNaN && $1 <= $0 }),
              let last = RecordScan.lastRecord(in: buffer, from: start, layout: layout, decoder: decoder),
              last.offset > scan.offsets[records - 1],
              let oldest = last.start?.timeIntervalSince1970, oldest <= oldestShown else { return nil }
        let calls = scan.offsets.compactMap { decoder.call(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: buffer[$0...])) }
        guard calls.count == records, let first = calls.first else { return nil }
        let span = Date(timeIntervalSince1970: oldest)...Date(timeIntervalSince1970: newest)
        return FileHead(calls: calls, summary: SavedFileSummary(name: file.name, format: file.format, compressed: file.compressed,
                                                                provider: file.format.provider ?? first.provider, span: span, problem: nil))
    }
}
