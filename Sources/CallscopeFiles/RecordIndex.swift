import CallscopeDomain
import Dispatch
import Foundation

/// Where each record of a saved file starts and when its call started, found in one pass that
/// reads only the start time of each record (docs/ARCHITECTURE.md, "Saved files"). Calls are
/// decoded from these offsets only when asked for. 16 bytes a record.
public struct RecordIndex: Sendable {
    /// Byte offset of each record, in file order.
    private(set) var offsets: [Int] = []
    /// Each record's start, seconds since 1970; NaN when it has none.
    private(set) var starts: [Double] = []
    /// Record numbers newest first, when the file is not already in that order (nil: it is).
    private(set) var order: [Int32]?
    /// Why reading stopped before the end of the file, naming where.
    private(set) var problem: String?

    var count: Int { offsets.count }

    /// The record shown at `position` (newest first).
    func record(at position: Int) -> Int {
        guard let order else { return position }
        return Int(order[position])
    }

    /// The start of the call shown at `position`; NaN when it has none.
    func start(at position: Int) -> Double { starts[record(at: position)] }

    /// The earliest and latest start in the file (worked out once, by `SavedFile`).
    var span: ClosedRange<Date>? {
        var low = Double.infinity, high = -Double.infinity
        for start in starts where !start.isNaN {
            low = Swift.min(low, start)
            high = Swift.max(high, start)
        }
        guard low <= high else { return nil }
        return Date(timeIntervalSince1970: low)...Date(timeIntervalSince1970: high)
    }

    /// Indexes the records from `bodyStart` (a JSON array's `[`, or the first record of lines).
    /// A large file is read as two halves at once, on two cores: the second half starts at what
    /// looks like a record's start, and is kept only if the first half, read from the file's
    /// start, ends exactly there (a string can hold text that looks like a record; the first
    /// half's reading cannot be fooled). `release` is told which bytes are done with.
    static func build(_ bytes: UnsafeBufferPointer<UInt8>, from bodyStart: Int, layout: RecordLayout, decoder: SavedRecordDecoder,
                      parallelAbove: Int = parallelBytes, release: @escaping @Sendable (Range<Int>) -> Void = { _ in }) -> RecordIndex {
        var first = RecordScan(bytes: bytes, cursor: bodyStart, layout: layout, decoder: decoder)
        if layout == .jsonArray { first.cursor += 1 }  // the `[`
        let split = bytes.count - bodyStart >= parallelAbove ? RecordScan.recordStart(in: bytes, after: (bodyStart + bytes.count) / 2, layout: layout) : nil
        if let split {
            let second = SecondHalf(RecordScan(bytes: bytes, cursor: split, layout: layout, decoder: decoder))
            DispatchQueue.global(qos: .userInitiated).async {
                second.scan.run(until: nil, release: release)
                second.done.signal()
            }
            first.run(until: split, release: release)
            second.done.wait()
            if first.stoppedAtLimit, first.cursor == split {
                first.append(second.scan)
            } else if first.stop == nil {
                first.run(until: nil, release: release)
            }
        } else {
            first.run(until: nil, release: release)
        }
        first.keepAtMost(Int(Int32.max))
        var index = RecordIndex()
        index.offsets = first.offsets
        index.starts = first.starts
        index.problem = first.stop?.description
        index.order = newestFirstOrder(index.starts)
        return index
    }

    /// Files this large are indexed in two halves at once.
    public static let parallelBytes = 4 << 20

    /// nil when `starts` are already newest first (provider answers are); the reverse when they
    /// are oldest first; else a stable sort, calls without a start last.
    static func newestFirstOrder(_ starts: [Double]) -> [Int32]? {
        func key(_ value: Double) -> Double { value.isNaN ? -.infinity : value }
        var descending = true, ascending = true
        var previous: Double?
        for start in starts {
            let value = key(start)
            if let previous {
                if value > previous { descending = false }
                if value < previous { ascending = false }
            }
            previous = value
            if !descending && !ascending { break }
        }
        if descending { return nil }
        let numbers = (0..<Int32(clamping: starts.count)).map { $0 }
        if ascending && !starts.contains(where: \.isNaN) { return numbers.reversed() }
        return numbers.sorted { left, right in
            let a = key(starts[Int(left)]), b = key(starts[Int(right)])
            return a != b ? a > b : left < right
        }
    }
}

extension SavedRecordDecoder {
    /// Whether records are JSON objects (one per line when laid out in lines).
    var isJSON: Bool {
        if case .exportedCSV = self { return false }
        return true
    }
}

/// Carries the second half of a file's reading to the thread that reads it, and back.
// @unchecked Sendable: the worker thread alone touches `scan` until it signals `done`, and the
// caller reads `scan` only after waiting on `done`.
private final class SecondHalf: @unchecked Sendable {
    var scan: RecordScan
    let done = DispatchSemaphore(value: 0)
    init(_ scan: RecordScan) { self.scan = scan }
}
