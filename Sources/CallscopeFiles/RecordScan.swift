import Foundation

/// One reading of a file's records, front to back, from a record's start: where each record
/// starts, its start time (read alone), and why reading stopped early. `RecordIndex` runs one,
/// or two at once on the halves of a large file.
struct RecordScan {
    let bytes: UnsafeBufferPointer<UInt8>
    var cursor: Int
    let layout: RecordLayout
    let decoder: SavedRecordDecoder
    private(set) var offsets: [Int] = []
    private(set) var starts: [Double] = []
    /// Why reading stopped before the end (record numbers count from this scan's first).
    private(set) var stop: Stop?
    /// Whether `run(until:)` stopped at its limit, before the record starting at `cursor`.
    private(set) var stoppedAtLimit = false
    /// JSON arrays: a record was read and its comma (or `]`) is next.
    private var afterRecord = false

    init(bytes: UnsafeBufferPointer<UInt8>, cursor: Int, layout: RecordLayout, decoder: SavedRecordDecoder) {
        self.bytes = bytes
        self.cursor = cursor
        self.layout = layout
        self.decoder = decoder
        offsets.reserveCapacity(1024)
        starts.reserveCapacity(1024)
    }

    enum Stop: CustomStringConvertible {
        case invalidRecord(number: Int, byte: Int)
        case notAnObject(number: Int, byte: Int)
        case unclosedArray(after: Int)
        case commaExpected(after: Int, byte: Int)
        case lineBreakExpected(after: Int, byte: Int)
        case tooMany(after: Int)
        case textAfterArray(after: Int, byte: Int)

        var description: String {
            switch self {
            case .invalidRecord(let number, let byte): return "record \(number), at byte \(byte), is cut short or is not valid"
            case .notAnObject(let number, let byte): return "record \(number), at byte \(byte), is not an object"
            case .unclosedArray(let after): return "the file ends after record \(after), before the array is closed"
            case .commaExpected(let after, let byte): return "a comma or ] was expected after record \(after), at byte \(byte)"
            case .lineBreakExpected(let after, let byte): return "a line break was expected after record \(after), at byte \(byte)"
            case .tooMany(let after): return "callscope reads at most \(after) records of one file"
            case .textAfterArray(let after, let byte): return "the array closes after record \(after), but more follows at byte \(byte)"
            }
        }

        /// The same stop with record numbers moved on by `records` (a second half's, after the first).
        func after(_ records: Int) -> Stop {
            switch self {
            case .invalidRecord(let number, let byte): return .invalidRecord(number: number + records, byte: byte)
            case .notAnObject(let number, let byte): return .notAnObject(number: number + records, byte: byte)
            case .unclosedArray(let after): return .unclosedArray(after: after + records)
            case .commaExpected(let after, let byte): return .commaExpected(after: after + records, byte: byte)
            case .lineBreakExpected(let after, let byte): return .lineBreakExpected(after: after + records, byte: byte)
            case .tooMany(let after): return .tooMany(after: after + records)
            case .textAfterArray(let after, let byte): return .textAfterArray(after: after + records, byte: byte)
            }
        }
    }

    /// Reads records until the end, a problem, (with `limit`) the first record starting at or
    /// after `limit`, or (with `records`) that many records. Tells `release` of each 8 MB read.
    mutating func run(until limit: Int?, records: Int? = nil, release: (Range<Int>) -> Void) {
        let count = bytes.count
        var released = cursor
        defer { release(released..<cursor) }
        while true {
            while cursor < count, SavedFileFormat.isWhitespace(bytes[cursor]) { cursor += 1 }
            switch layout {
            case .jsonArray:
                guard cursor < count else {
                    stop = .unclosedArray(after: offsets.count)
                    return
                }
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "]") {
                    // Only whitespace may follow the array: anything else is a file that is not
                    // one answer, whose records found from its end would not be these.
                    var after = cursor + 1
                    while after < count, SavedFileFormat.isWhitespace(bytes[after]) { after += 1 }
                    if after < count { stop = .textAfterArray(after: offsets.count, byte: after) }
                    return
                }
                if afterRecord {
                    guard byte == UInt8(ascii: ",") else {
                        stop = .commaExpected(after: offsets.count, byte: cursor)
                        return
                    }
                    cursor += 1
                    afterRecord = false
                    continue
                }
                if let limit, cursor >= limit {
                    stoppedAtLimit = true
                    return
                }
                if let records, offsets.count >= records {
                    stoppedAtLimit = true
                    return
                }
                guard byte == UInt8(ascii: "{") else {
                    stop = .notAnObject(number: offsets.count + 1, byte: cursor)
                    return
                }
                guard take() else { return }
                afterRecord = true
            case .lines:
                guard cursor < count else { return }
                if let limit, cursor >= limit {
                    stoppedAtLimit = true
                    return
                }
                if let records, offsets.count >= records {
                    stoppedAtLimit = true
                    return
                }
                guard take() else { return }
                // Only spaces may follow a record on its line (JSON lines; CSV consumed its line break).
                while cursor < count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x0D { cursor += 1 }
                if cursor < count, bytes[cursor] != 0x0A, decoder.isJSON {
                    stop = .lineBreakExpected(after: offsets.count, byte: cursor)
                    return
                }
            }
            if cursor - released >= 8 << 20 {
                release(released..<cursor)
                released = cursor
            }
        }
    }

    private mutating func take() -> Bool {
        // Positions are kept as 32-bit numbers (16 bytes a record in all).
        guard offsets.count < Int32.max else {
            stop = .tooMany(after: offsets.count)
            return false
        }
        guard let (start, length) = decoder.startTime(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: bytes[cursor...])), length > 0 else {
            stop = .invalidRecord(number: offsets.count + 1, byte: cursor)
            return false
        }
        offsets.append(cursor)
        starts.append(start?.timeIntervalSince1970 ?? .nan)
        cursor += length
        return true
    }

    /// Keeps the first `count` records; positions are 32-bit numbers.
    mutating func keepAtMost(_ count: Int) {
        guard offsets.count > count else { return }
        offsets.removeLast(offsets.count - count)
        starts.removeLast(starts.count - count)
        stop = .tooMany(after: count)
    }

    /// The second half's records after these.
    mutating func append(_ other: RecordScan) {
        stop = other.stop?.after(offsets.count)
        offsets += other.offsets
        starts += other.starts
        cursor = other.cursor
        stoppedAtLimit = false
    }

    /// Where a record seems to start after `offset`: past the next comma and whitespace, a `{`
    /// (JSON arrays), or past the next line break (lines). nil when there is none.
    static func recordStart(in bytes: UnsafeBufferPointer<UInt8>, after offset: Int, layout: RecordLayout) -> Int? {
        var index = offset
        while index < bytes.count {
            switch layout {
            case .jsonArray:
                guard bytes[index] == UInt8(ascii: ",") else { break }
                var next = index + 1
                while next < bytes.count, SavedFileFormat.isWhitespace(bytes[next]) { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: "{") { return next }
            case .lines:
                guard bytes[index] == 0x0A else { break }
                var next = index + 1
                while next < bytes.count, SavedFileFormat.isWhitespace(bytes[next]) { next += 1 }
                return next < bytes.count ? next : nil
            }
            index += 1
        }
        return nil
    }

    /// The last record of a JSON array or of JSON lines, found from the file's end without
    /// reading what comes before it: where it starts and when its call started. A candidate start
    /// is kept only if the record read from it ends exactly where the file's last record ends,
    /// and at most `reach` bytes are searched back. nil for CSV (a quoted field may hold line
    /// breaks, so a line's start is not surely a record's), for a file not properly closed, or
    /// when no candidate holds. What it finds is a guess the full index confirms.
    static func lastRecord(in bytes: UnsafeBufferPointer<UInt8>, from bodyStart: Int, layout: RecordLayout, decoder: SavedRecordDecoder,
                           reach: Int = 1 << 16) -> (offset: Int, start: Date?)? {
        guard decoder.isJSON else { return nil }
        func lastSignificant(before end: Int) -> Int? {
            var index = end - 1
            while index >= bodyStart, SavedFileFormat.isWhitespace(bytes[index]) { index -= 1 }
            return index >= bodyStart ? index : nil
        }
        guard var close = lastSignificant(before: bytes.count) else { return nil }
        if layout == .jsonArray {
            guard bytes[close] == UInt8(ascii: "]"), let beforeBracket = lastSignificant(before: close) else { return nil }
            close = beforeBracket
            // One trailing comma is accepted, as the providers' documents show.
            if bytes[close] == UInt8(ascii: ","), let beforeComma = lastSignificant(before: close) { close = beforeComma }
        }
        guard bytes[close] == UInt8(ascii: "}") else { return nil }
        var candidate = close - 1
        let floor = max(bodyStart, close - reach)
        while candidate >= floor {
            defer { candidate -= 1 }
            guard bytes[candidate] == UInt8(ascii: "{") else { continue }
            let before = lastSignificant(before: candidate)
            switch layout {
            case .jsonArray:
                guard let before, bytes[before] == UInt8(ascii: ",") || bytes[before] == UInt8(ascii: "[") else { continue }
            case .lines:
                // Whitespace before it on its line is fine; the line must begin there.
                var lineStart = candidate
                while lineStart > bodyStart, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
                guard lineStart == bodyStart || bytes[lineStart - 1] == 0x0A || bytes[lineStart - 1] == 0x0D else { continue }
            }
            guard let (start, length) = decoder.startTime(ofLeadingRecordIn: UnsafeBufferPointer(rebasing: bytes[candidate...])),
                  candidate + length == close + 1 else { continue }
            return (candidate, start)
        }
        return nil
    }
}
