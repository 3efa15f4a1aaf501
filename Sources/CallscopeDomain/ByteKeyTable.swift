/// Finds which of a fixed set of object keys some bytes spell, without making a `String`: a
/// record reader looks up every key of every record (forty per VOXO call), so the lookup
/// compares the first and the last eight bytes as two words among the keys of the same length,
/// and the bytes between them only for a key longer than sixteen. Every entry is a plain
/// value, so a lookup retains nothing.
public struct ByteKeyTable: Sendable {
    private struct Entry: Sendable {
        /// The key's first eight bytes (zero-padded), as `head(of:)` loads them.
        let head: UInt64
        /// Its last eight bytes, for a key longer than eight.
        let last: UInt64
        /// Where the key's bytes between its first and last eight are in `middles`.
        let middleStart: Int
        let index: Int
    }

    /// The entries ordered by key length; those of length `n` are `entries[starts[n]..<starts[n + 1]]`.
    private let entries: [Entry]
    private let starts: [Int]
    private let middles: [UInt8]

    /// `keys[i]` is found as `i`.
    public init(_ keys: [String]) {
        let longest = keys.map(\.utf8.count).max() ?? 0
        var entries: [Entry] = []
        var starts: [Int] = []
        var middles: [UInt8] = []
        for length in 0...(longest + 1) {
            starts.append(entries.count)
            for (index, key) in keys.enumerated() where key.utf8.count == length {
                let bytes = Array(key.utf8)
                let (head, last) = bytes.withUnsafeBufferPointer { (Self.head(of: $0), Self.last(of: $0)) }
                entries.append(Entry(head: head, last: last, middleStart: middles.count, index: index))
                if length > 16 { middles += bytes[8..<(length - 8)] }
            }
        }
        self.entries = entries
        self.starts = starts
        self.middles = middles
    }

    /// The number of the key `bytes` spell, if it is one of the table's.
    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = bytes.count
        guard length + 1 < starts.count else { return nil }
        let head = Self.head(of: bytes)
        var candidate = starts[length]
        let end = starts[length + 1]
        while candidate < end {
            let entry = entries[candidate]
            candidate += 1
            guard entry.head == head else { continue }
            if length <= 8 { return entry.index }
            guard entry.last == Self.last(of: bytes) else { continue }
            var offset = 8
            while offset < length - 8, middles[entry.middleStart + offset - 8] == bytes[offset] { offset += 1 }
            if offset >= length - 8 { return entry.index }
        }
        return nil
    }

    /// The last eight bytes of a key longer than eight.
    @inline(__always)
    private static func last(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard bytes.count > 8, let base = bytes.baseAddress else { return 0 }
        return UnsafeRawPointer(base).loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
    }

    /// The first eight bytes as one little-endian word, zero past the end. A shorter key is
    /// loaded as two overlapping halves (its first and last four, two or one bytes), so no
    /// byte past its end is read.
    @inline(__always)
    private static func head(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        if count >= 8 { return raw.loadUnaligned(as: UInt64.self).littleEndian }
        if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self).littleEndian)
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self).littleEndian)
            return first | last << (8 * UInt64(count - 4))
        }
        if count >= 2 {
            let first = UInt64(raw.loadUnaligned(as: UInt16.self).littleEndian)
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self).littleEndian)
            return first | last << (8 * UInt64(count - 2))
        }
        return count == 1 ? UInt64(base[0]) : 0
    }
}
