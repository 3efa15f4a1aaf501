import CallscopeDomain
import Foundation

/// Where each record of a saved file starts and when its call started, found in one pass that
/// reads only the start time of each record (docs/ARCHITECTURE.md, "Saved files"). Calls are
/// decoded from these offsets only when asked for. 16 bytes a record.
struct RecordIndex: Sendable {
    /// Byte offset of each record, in file order.
    private(set) var offsets: [Int] = []
    /// Each record's start, seconds since 1970; NaN when it has none.
    private(set) var starts: [Double] = []
    /// Record numbers newest first, when the file is not already in that order (nil: it is).
    private(set) var order: [Int32]?
    /// Why reading stopped before the end of the file, naming where.
    private(set) var problem: String?

    var count: Int { offsets.count }
    static let releaseStep = 8 << 20

    /// The record shown at `position` (newest first).
    func record(at position: Int) -> Int {
        guard let order else { return position }
        return Int(order[position])
    }

    /// The start of the call shown at `position`; NaN when it has none.
    func start(at position: Int) -> Double { starts[record(at: position)] }

    /// The earliest and latest start in the file.
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
    /// `releaseBelow` is told, every few megabytes, that the bytes before an offset are done with.
    static func build(_ bytes: UnsafeBufferPointer<UInt8>, from bodyStart: Int, layout: RecordLayout, decoder: SavedRecordDecoder,
                      releaseBelow: (Int) -> Void = { _ in }) -> RecordIndex {
        var index = RecordIndex()
        index.offsets.reserveCapacity(1024)
        index.starts.reserveCapacity(1024)
        var cursor = bodyStart
        var released = 0
        let count = bytes.count
        func skipWhitespace() {
            while cursor < count, SavedFileFormat.isWhitespace(bytes[cursor]) { cursor += 1 }
        }
        func take() -> Bool {
            guard let (start, length) = decoder.startTime(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: bytes[cursor...])), length > 0 else {
                index.problem = "record \(index.count + 1), at byte \(cursor), is cut short or is not valid"
                return false
            }
            index.offsets.append(cursor)
            index.starts.append(start?.timeIntervalSince1970 ?? .nan)
            cursor += length
            if cursor >= released + Self.releaseStep {
                released = cursor
                releaseBelow(cursor)
            }
            return true
        }
        switch layout {
        case .jsonArray:
            cursor += 1  // the `[`
            var afterRecord = false
            while true {
                skipWhitespace()
                guard cursor < count else {
                    index.problem = "the file ends after record \(index.count), before the array is closed"
                    break
                }
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "]") { break }
                if afterRecord {
                    guard byte == UInt8(ascii: ",") else {
                        index.problem = "a comma or ] was expected after record \(index.count), at byte \(cursor)"
                        break
                    }
                    cursor += 1
                    afterRecord = false
                    continue
                }
                guard byte == UInt8(ascii: "{") else {
                    index.problem = "record \(index.count + 1), at byte \(cursor), is not an object"
                    break
                }
                guard take() else { break }
                afterRecord = true
            }
        case .lines:
            while true {
                skipWhitespace()
                guard cursor < count else { break }
                guard take() else { break }
                // Only spaces may follow a record on its line (JSON lines; CSV consumed its line break).
                while cursor < count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x0D { cursor += 1 }
                if cursor < count, bytes[cursor] != 0x0A, decoder.isJSON {
                    index.problem = "a line break was expected after record \(index.count), at byte \(cursor)"
                    break
                }
            }
        }
        index.order = newestFirstOrder(index.starts)
        return index
    }

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
