import CallscopeDomain
import Foundation
import Testing

/// The one walk of a provider: pages end at a short page whatever a total claims, a total says
/// the last page, windows end at the range's start; neighbours' repeats are dropped, for windows
/// by their edge seconds only.
@Suite("Walking a provider")
struct ProviderWalkTests {
    static func segment(_ count: Int, total: Int? = nil) -> Segment {
        Segment(calls: [], reportedTotal: total, receivedCount: count)
    }

    @Test func pagesEndAtTheTotalOrAShortPageWhicheverComesFirst() {
        var walk = ProviderWalk(.numberedPages(size: 100), filter: CallFilter(since: .distantPast, until: .distantFuture))
        let first = walk.next()?.request
        #expect(first == .page(1))
        let more = walk.received(Self.segment(100, total: 250), for: .page(1))
        #expect(!more)
        let (second, third, fourth) = (walk.next()?.request, walk.next()?.request, walk.next()?.request)
        #expect(second == .page(2) && third == .page(3))
        #expect(fourth == nil, "the total says three pages")
        let last = walk.received(Self.segment(50), for: .page(3))
        #expect(last, "the last page")
        // A total that lies (2^63) is bounded by the first short page.
        var lying = ProviderWalk(.numberedPages(size: 100), filter: CallFilter(since: .distantPast, until: .distantFuture))
        _ = lying.next()
        let goesOn = lying.received(Self.segment(100, total: Int.max), for: .page(1))
        #expect(!goesOn)
        _ = lying.next()
        let ends = lying.received(Self.segment(7, total: Int.max), for: .page(2))
        #expect(ends)
        let after = lying.next()?.request
        #expect(after == nil)
    }

    @Test func windowsGoBackToTheRangeStartSizedByTheirAnswers() {
        let until = Date(timeIntervalSince1970: 1_774_440_000)
        var walk = ProviderWalk(.timeWindows(maximumSeconds: 86_400), filter: CallFilter(since: until.addingTimeInterval(-5 * 3_600), until: until))
        guard let (first, request) = walk.next(), case .window(let since, let end) = request else { Issue.record("no window"); return }
        #expect(first == 0 && end == until && since == until.addingTimeInterval(-3_600), "an hour first")
        // A sparse answer: the next window is four times longer, and the one after reaches the start.
        let sparse = walk.received(Self.segment(10), for: request)
        #expect(!sparse)
        guard let (second, next) = walk.next(), case .window(let nextSince, _) = next else { Issue.record("no second window"); return }
        #expect(second == 1 && nextSince == until.addingTimeInterval(-5 * 3_600))
        let ended = walk.received(Self.segment(10), for: next)
        #expect(ended, "the window reaching the start ends the walk")
        let none = walk.next()?.request
        #expect(none == nil)
    }

    @Test func windowsShareOnlyTheirEdgeSecond() {
        func call(_ id: String, _ offset: TimeInterval) -> Call {
            var call = Call(id: id, provider: .voxo)
            call.startTime = Date(timeIntervalSince1970: 1_000 + offset)
            return call
        }
        var deduplicator = NeighbourDeduplicator(first: 0)
        let newer = DateInterval(start: Date(timeIntervalSince1970: 1_100), end: Date(timeIntervalSince1970: 1_200))
        let older = DateInterval(start: Date(timeIntervalSince1970: 1_000), end: Date(timeIntervalSince1970: 1_100))
        let first = deduplicator.fresh([call("edge", 100), call("inside", 150)], segment: 0, window: newer)
        #expect(first.map(\.id) == ["edge", "inside"])
        // The older window lists the edge call again (its end second is the newer one's start).
        let second = deduplicator.fresh([call("edge", 100), call("old", 50)], segment: 1, window: older)
        #expect(second.map(\.id) == ["old"])
        #expect(deduplicator.heldSegments <= 2)
    }
}

@Suite("The first round of windows")
struct FirstRoundTests {
    static let until = Date(timeIntervalSince1970: 1_774_440_000)

    static func windows(_ walk: inout ProviderWalk, count: Int) -> [TimeInterval] {
        (0..<count).compactMap { _ in
            guard let (_, request) = walk.next(), case .window(let since, let end) = request else { return nil }
            return end.timeIntervalSince(since)
        }
    }

    @Test func aDayIsAskedInWindowsOfAtMostTwoHoursBeforeAnyAnswer() {
        var walk = ProviderWalk(.timeWindows(maximumSeconds: 86_400),
                                filter: CallFilter(since: Self.until.addingTimeInterval(-86_400), until: Self.until), firstRound: 8)
        #expect(!walk.isGrowing, "the first round goes out whole")
        #expect(Self.windows(&walk, count: 8) == Array(repeating: 7_200, count: 8))
    }

    @Test func sixteenInFlightSpreadTheDayInWindowsOfAnHourAndAHalf() {
        var walk = ProviderWalk(.timeWindows(maximumSeconds: 86_400),
                                filter: CallFilter(since: Self.until.addingTimeInterval(-86_400), until: Self.until), firstRound: 16)
        #expect(Self.windows(&walk, count: 17) == Array(repeating: 5_400, count: 16), "sixteen windows cover the day")
    }

    @Test func aShortRangeIsNotCutFinerThanTheFirstWindow() {
        var walk = ProviderWalk(.timeWindows(maximumSeconds: 86_400),
                                filter: CallFilter(since: Self.until.addingTimeInterval(-5_400), until: Self.until), firstRound: 8)
        #expect(Self.windows(&walk, count: 3) == [3_600, 1_800])
    }

    @Test func oneInFlightGrowsFromTheFirstWindowAsBefore() {
        var walk = ProviderWalk(.timeWindows(maximumSeconds: 86_400),
                                filter: CallFilter(since: Self.until.addingTimeInterval(-86_400), until: Self.until))
        #expect(walk.isGrowing, "each answer sizes the next")
        #expect(Self.windows(&walk, count: 1) == [3_600])
    }

    @Test func theProvidersLimitBoundsTheFirstRound() {
        var walk = ProviderWalk(.timeWindows(maximumSeconds: 600),
                                filter: CallFilter(since: Self.until.addingTimeInterval(-86_400), until: Self.until), firstRound: 8)
        #expect(Self.windows(&walk, count: 2) == [600, 600])
    }
}
