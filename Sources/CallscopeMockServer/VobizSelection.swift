/// Which history indices a Vobiz list query selects, newest first, addressable by position
/// so page N costs the same as page 1.
enum VobizSelection: Sendable {
    /// Every call in a time range.
    case range(Range<Int>)
    /// One customer's calls in a time range: pairs of calls rotate over the customers.
    case account(slot: Int, accounts: Int, range: Range<Int>)
    /// Calls that passed further filters, found by a scan and cached.
    case explicit([Int32])

    var count: Int {
        switch self {
        case .range(let r): return r.count
        case .account(let slot, let n, let r): return Self.accountCount(below: r.upperBound, slot: slot, n: n) - Self.accountCount(below: r.lowerBound, slot: slot, n: n)
        case .explicit(let list): return list.count
        }
    }

    subscript(position: Int) -> Int {
        switch self {
        case .range(let r): return r.lowerBound + position
        case .account(let slot, let n, let r):
            let k = Self.accountCount(below: r.lowerBound, slot: slot, n: n) + position
            return 2 * (slot + n * (k / 2)) + k % 2
        case .explicit(let list): return Int(list[position])
        }
    }

    /// How many indices below `x` belong to `slot` (pair p = i/2 belongs to p % n).
    static func accountCount(below x: Int, slot: Int, n: Int) -> Int {
        func pairsBelow(_ pairs: Int) -> Int { pairs > slot ? (pairs - slot + n - 1) / n : 0 }
        var count = 2 * pairsBelow(x / 2)
        if x % 2 == 1, (x / 2) % n == slot { count += 1 }
        return count
    }

    func indices(page: Int, perPage: Int) -> [Int] {
        let start = (page - 1) * perPage
        guard start < count else { return [] }
        return (start..<min(count, start + perPage)).map { self[$0] }
    }
}
