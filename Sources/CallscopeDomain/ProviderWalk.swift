import Foundation

/// How a provider's range is walked (docs/ARCHITECTURE.md, "Walking a provider"): which page or
/// window comes next, how an answer moves the plan, where the range ends, and how long windows
/// are. The walker of `CallProvider.calls`/`allCalls` and the statistics reader both walk with
/// it; each numbers its segments for `NeighbourDeduplicator` (pages by their number, windows
/// from the newest).
public struct ProviderWalk: Sendable {
    enum Plan: Sendable {
        /// Numbered pages from `next`; `last` once a total or a short page said it.
        case pages(next: Int, last: Int?, size: Int)
        /// These pages only, in order (a sample spread over the range).
        case listed([Int], size: Int)
        /// Windows back from `cursor` to `since`, sized by `sizing`; `number` counts them.
        case windows(cursor: Date, since: Date, sizing: WindowSizing, number: Int)
    }

    private var plan: Plan

    /// Every page or window of `filter`'s range, as `style` pages it; windows sized by `rule`,
    /// the first `firstRound` of them to go out at once (`WindowSizing`).
    public init(_ style: PagingStyle, filter: CallFilter, rule: WindowSizing.Rule = WindowSizing.bulk, firstRound: Int = 1) {
        switch style {
        case .numberedPages(let size):
            plan = .pages(next: 1, last: nil, size: max(1, size))
        case .timeWindows(let maximum):
            let span = filter.until.timeIntervalSince(filter.since)
            let sizing = WindowSizing(maximum: maximum, rule: rule, firstRound: firstRound,
                                      span: span.isFinite ? Int64(min(max(span, 0), 1e15).rounded(.up)) : 0)
            plan = .windows(cursor: filter.until, since: filter.since, sizing: sizing, number: 0)
        }
    }

    /// Numbered pages from `next` (page 1 already read, whose total says `last`).
    public init(pagesFrom next: Int, through last: Int?, size: Int) {
        plan = .pages(next: next, last: last, size: max(1, size))
    }

    /// These pages only, in order: a sample of a range past the request budget.
    public init(listedPages pages: [Int], size: Int) {
        plan = .listed(pages, size: max(1, size))
    }

    /// The next request and its number; nil once the range is planned to its end. `window`
    /// offers a window ending at the cursor to take instead of sizing one (the list's own,
    /// already fetched).
    public mutating func next(takingWindow window: (Date) -> SegmentRequest? = { _ in nil }) -> (number: Int, request: SegmentRequest)? {
        switch plan {
        case .pages(let next, let last, let size):
            if let last, next > last { return nil }
            plan = .pages(next: next + 1, last: last, size: size)
            return (next, .page(next))
        case .listed(let pages, let size):
            guard let next = pages.first else { return nil }
            plan = .listed(Array(pages.dropFirst()), size: size)
            return (next, .page(next))
        case .windows(let cursor, let since, let sizing, let number):
            guard cursor > since else { return nil }
            let request = window(cursor)
                ?? .window(since: max(since, cursor.addingTimeInterval(-TimeInterval(max(WindowSizing.minimum, sizing.seconds)))), until: cursor)
            guard case .window(let start, _) = request else { return nil }
            plan = .windows(cursor: start, since: since, sizing: sizing, number: number + 1)
            return (number, request)
        }
    }

    /// Moves the plan past `request`, which `segment` answered; true when that answer is the
    /// range's end. A short or empty page is the end whatever a total claimed (a total that
    /// lies is bounded by it); a total says the last page; a window's calls size the next, and
    /// the window reaching the range's start is the end.
    @discardableResult
    public mutating func received(_ segment: Segment, for request: SegmentRequest) -> Bool {
        switch (plan, request) {
        case (.pages(let next, let last, let size), .page(let number)):
            var last = last
            if let total = segment.reportedTotal, total >= 0 {
                last = min(last ?? .max, Self.pages(total: total, size: size))
            }
            if segment.receivedCount < size { last = min(last ?? .max, number) }
            plan = .pages(next: next, last: last, size: size)
            return last.map { number >= $0 } ?? false
        case (.listed(let pages, _), .page):
            return pages.isEmpty
        case (.windows(let cursor, let since, var sizing, let number), .window(let start, let end)):
            sizing.record(received: segment.receivedCount, length: Int64(end.timeIntervalSince(start).rounded()))
            plan = .windows(cursor: cursor, since: since, sizing: sizing, number: number)
            return start <= since
        default:
            return true
        }
    }

    /// Windows still growing after a sparse answer: one on its way at a time, so each answer
    /// sizes the next (`WindowSizing.isGrowing`).
    public var isGrowing: Bool {
        if case .windows(_, _, let sizing, _) = plan { return sizing.isGrowing }
        return false
    }

    /// Whether the walk goes by time windows (whose first round may go out whole).
    public var isWindowed: Bool {
        if case .windows = plan { return true }
        return false
    }

    /// The number `next()` gives the first segment: a page's own number, windows from 0.
    public var firstNumber: Int {
        switch plan {
        case .pages(let next, _, _): next
        case .listed(let pages, _): pages.first ?? 1
        case .windows(_, _, _, let number): number
        }
    }

    /// Windows: where the next (older) window ends; nil for pages.
    public var windowCursor: Date? {
        if case .windows(let cursor, _, _, _) = plan { return cursor }
        return nil
    }

    /// How many pages of `size` hold `total` calls: at least one, the last one short.
    public static func pages(total: Int, size: Int) -> Int {
        let size = max(1, size)
        return max(1, total / size + (total % size == 0 ? 0 : 1))
    }
}
