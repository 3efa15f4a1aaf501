import Foundation

/// Drops calls a neighbouring segment already counted, for folding segments in any order in
/// bounded memory. A call can appear twice only in neighbours: numbered pages shift by the
/// calls that arrive while they are read, and adjacent windows share their boundary second.
/// So each segment's ids are kept only until both its neighbours are folded; with segments
/// read a few at a time, a few sets are held, however long the range.
public struct NeighbourDeduplicator: Sendable {
    private var idsBySegment: [Int: Set<String>] = [:]
    /// Every segment up to this one is folded; `foldedAbove` holds those folded past a gap.
    private var foldedThrough: Int
    private var foldedAbove: Set<Int> = []

    /// - Parameter first: the number of the first segment (nothing comes before it).
    public init(first: Int) {
        foldedThrough = first - 1
    }

    /// The calls of segment `number` not already counted by a folded neighbour. A time window
    /// (`window`) shares calls with its neighbours only in its edge seconds: only those calls
    /// are looked up and kept (a busy day's 100,000 ids are not hashed for a handful).
    public mutating func fresh(_ calls: [Call], segment number: Int, window: DateInterval? = nil) -> [Call] {
        func atEdge(_ call: Call) -> Bool {
            guard let window, let start = call.startTime else { return true }
            return start < window.start.addingTimeInterval(1) || start >= window.end.addingTimeInterval(-1)
        }
        let neighbours = [number - 1, number + 1].compactMap { idsBySegment[$0] }
        let fresh = neighbours.isEmpty ? calls : calls.filter { call in !atEdge(call) || !neighbours.contains { $0.contains(call.id) } }
        idsBySegment[number] = Set(calls.lazy.filter(atEdge).map(\.id))
        markFolded(number)
        for candidate in number - 1 ... number + 1 where isFolded(candidate - 1) && isFolded(candidate + 1) {
            idsBySegment[candidate] = nil
        }
        return fresh
    }

    /// Id sets held now (for the bounded-memory test).
    public var heldSegments: Int { idsBySegment.count }

    private func isFolded(_ number: Int) -> Bool { number <= foldedThrough || foldedAbove.contains(number) }

    private mutating func markFolded(_ number: Int) {
        foldedAbove.insert(number)
        while foldedAbove.remove(foldedThrough + 1) != nil { foldedThrough += 1 }
    }
}
