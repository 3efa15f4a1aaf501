import Foundation

/// Ranges of time, in seconds since 1970, kept merged and in order: what the local store holds
/// whole for one scope and one filter (docs/ARCHITECTURE.md, "The local store").
public struct Coverage: Sendable, Hashable {
    public private(set) var ranges: [Range<Double>] = []

    public init(_ ranges: [Range<Double>] = []) {
        for range in ranges { insert(range) }
    }

    /// Adds `range`, merging it with the ranges it overlaps or touches.
    public mutating func insert(_ range: Range<Double>) {
        guard !range.isEmpty else { return }
        var merged = range
        var kept: [Range<Double>] = []
        for existing in ranges {
            if existing.upperBound < merged.lowerBound || existing.lowerBound > merged.upperBound {
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)..<max(existing.upperBound, merged.upperBound)
            }
        }
        kept.append(merged)
        ranges = kept.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Whether every instant of `range` is held.
    public func covers(_ range: Range<Double>) -> Bool {
        range.isEmpty || ranges.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
    }

    /// The same ranges with everything before `start` dropped.
    public func dropping(before start: Double) -> Coverage {
        Coverage(ranges.compactMap { $0.upperBound <= start ? nil : max(start, $0.lowerBound)..<$0.upperBound })
    }
}
