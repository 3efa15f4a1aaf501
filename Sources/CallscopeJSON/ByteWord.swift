/// Eight bytes read as one `UInt64`, tested all at once: the JSON scanners skip plain runs
/// this way (docs/ARCHITECTURE.md, "The JSON reader and why").
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Whether any of the eight bytes is `byte`.
    @inline(__always)
    static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits != 0
    }

    /// Whether any of the eight bytes is below `limit` (at most 0x80).
    @inline(__always)
    static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// Whether any of the eight bytes is 0x80 or above.
    @inline(__always)
    static func hasHighByte(_ word: UInt64) -> Bool { word & highBits != 0 }

    /// How many of the eight bytes are `byte`, exactly (no borrow runs from one byte to the next).
    @inline(__always)
    static func count(_ byte: UInt8, in word: UInt64) -> Int {
        matches(byte, in: word).nonzeroBitCount
    }

    /// The high bit of each byte that is `byte`, and no other bit.
    @inline(__always)
    static func matches(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lowBits) &+ lowBits) | x | lowBits)
    }

    /// The high bit of the first byte that is `byte` and maybe of some after it (a borrow can
    /// run upwards from a match), but of none before: cheaper than `matches` when only the
    /// first match counts.
    @inline(__always)
    static func firstMatches(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }

    /// Which of the eight bytes the lowest set bit of a `matches` mask marks (the word loaded
    /// little-endian, so the first in memory).
    @inline(__always)
    static func firstByte(of mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }
}
