/// Finds which of a fixed set of object keys some bytes spell, without making a `String`: a
/// record reader looks up every key of every record (forty per VOXO call). The key's length
/// and first eight bytes, read as one word, hash to a slot of an open-addressed table; a hit
/// is confirmed by comparing those, the last eight bytes as a word, and the bytes between them
/// only for a key longer than sixteen. Every entry is a plain value, so a lookup retains nothing.
public struct ByteKeyTable: Sendable {
    private struct Entry: Sendable {
        /// The key's first eight bytes (zero-padded), as `head(of:)` loads them.
        let head: UInt64
        /// Its last eight bytes, for a key longer than eight.
        let last: UInt64
        let length: Int
        /// Where the key's bytes between its first and last eight are in `middles`.
        let middleStart: Int
        let index: Int
    }

    private let entries: [Entry]
    /// An entry's position in `entries` for each slot, -1 for an empty one; a power of two long.
    private let slots: [Int]
    private let shift: UInt64
    private let middles: [UInt8]

    /// `keys[i]` is found as `i`.
    public init(_ keys: [String]) {
        var bits: UInt64 = 3
        while 1 << bits < 4 * keys.count { bits += 1 }
        var entries: [Entry] = []
        var slots = Array(repeating: -1, count: 1 << bits)
        var middles: [UInt8] = []
        for (index, key) in keys.enumerated() {
            let bytes = Array(key.utf8)
            let (head, last) = bytes.withUnsafeBufferPointer { (Self.head(of: $0), Self.last(of: $0)) }
            entries.append(Entry(head: head, last: last, length: bytes.count, middleStart: middles.count, index: index))
            if bytes.count > 16 { middles += bytes[8..<(bytes.count - 8)] }
            var slot = Self.slot(head, bytes.count, shift: 64 - bits)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entries.count - 1
        }
        self.entries = entries
        self.slots = slots
        self.shift = 64 - bits
        self.middles = middles
    }

    /// The number of the key `bytes` spell, if it is one of the table's.
    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = bytes.count
        let head = Self.head(of: bytes)
        var slot = Self.slot(head, length, shift: shift)
        while true {
            let position = slots[slot]
            guard position >= 0 else { return nil }
            let entry = entries[position]
            if entry.head == head, entry.length == length, length <= 8 || entry.last == Self.last(of: bytes) {
                var offset = 8
                while offset < length - 8, middles[entry.middleStart + offset - 8] == bytes[offset] { offset += 1 }
                if length <= 16 || offset >= length - 8 { return entry.index }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    @inline(__always)
    private static func slot(_ head: UInt64, _ length: Int, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
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
