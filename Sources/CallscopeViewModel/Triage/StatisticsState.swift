import CallscopeDomain
import Foundation

/// The statistics of the applied filter as far as they have been read (README, "Triage"):
/// the whole range is read in the background, a page or window at a time, and the figures
/// grow as it goes.
public struct StatisticsState: Sendable, Equatable {
    /// The list generation these figures belong to.
    public var generation: Int
    public var figures: CallStatistics
    /// The calls grouped by the open group view's field, if it is open.
    public var groups: CallGroups?
    /// Whether the whole range has been read.
    public var complete = false
    /// How far back a windowed provider's reading has got.
    public var backTo: Date?
    /// The provider's count of matching calls, where it gives one.
    public var total: Int?
    public var failure: String?
    /// Where the range holds more pages than the request budget: the figures are an estimate
    /// from pages spread over it (`S` reads the rest).
    public var sample: StatisticsSample?
    /// Segments the local store answered, and those the provider did (`callscope stats` says so).
    public var stored: StoredAnswer?
    public var segmentsFromStore = 0
    public var segmentsFromProvider = 0

    public init(generation: Int, range: ClosedRange<Date>, groupBy: GroupField?, zone: ZoneClock, deck: RateDeck? = nil) {
        self.generation = generation
        figures = CallStatistics(range: range)
        figures.deck = deck
        groups = groupBy.map { CallGroups(field: $0, zone: zone, deck: deck) }
    }

    /// "over 1,200 of 5,122 calls" (of "≤5,122" where the count is a bound), "back to 11-20
    /// 14:00", or nil when complete: how much of `count` (the state's one count) the figures cover.
    public func progressText(zone: ZoneClock, count: MatchCount) -> String? {
        if let failure { return "stopped: \(failure)" }
        guard !complete else { return nil }
        if let sample {
            return "estimate from \(sample.pages) of \(sample.of) pages, \(figures.calls.formatted(.number)) of \(count.figure) calls · S reads all"
        }
        if total != nil { return "over \(figures.calls) of \(count.figure) calls" }
        if let backTo { return "back to \(zone.local(backTo).description.prefix(16))" }
        return "reading…"
    }
}

/// A reading of some pages of a range, spread evenly over it, for an estimate.
public struct StatisticsSample: Sendable, Equatable {
    public var pages: Int
    public var of: Int

    public init(pages: Int, of: Int) {
        self.pages = pages
        self.of = of
    }
}

extension StatisticsState {
    /// How much larger the range is than a sample of it: the exact count ÷ the calls read where
    /// the count is exact, else the pages ÷ the pages read. nil for a whole reading.
    func scale(exactCount: Int?) -> Decimal? {
        guard let sample, sample.pages > 0 else { return nil }
        if let exactCount, figures.calls > 0 { return Decimal(exactCount) / Decimal(figures.calls) }
        return Decimal(sample.of) / Decimal(sample.pages)
    }

    /// Talk seconds: the sum read, or scaled from a sample to the range (an estimate).
    public func talkSeconds(exactCount: Int?) -> (seconds: Double, estimate: Bool) {
        guard let scale = scale(exactCount: exactCount) else { return (Double(figures.talkSeconds), false) }
        return (Double(figures.talkSeconds) * NSDecimalNumber(decimal: scale).doubleValue, true)
    }

    /// By the rate deck: billable seconds and rated cost, the sums read or scaled from a sample
    /// to the range (an estimate), as talk and cost are.
    public func rated(exactCount: Int?) -> (figures: RatedFigures, estimate: Bool) {
        guard let scale = scale(exactCount: exactCount) else { return (figures.rated, false) }
        return (figures.rated.scaled(by: scale), true)
    }

    /// Cost per currency: the exact sums read, or scaled from a sample to the range (an estimate).
    public func cost(exactCount: Int?) -> (sums: [String: Decimal], estimate: Bool) {
        guard let scale = scale(exactCount: exactCount) else { return (figures.cost, false) }
        return (figures.cost.mapValues { $0 * scale }, true)
    }
}

extension StatisticsState {
    /// Counts where `segment` came from.
    mutating func heard(_ segment: Segment) {
        guard let answer = segment.stored else {
            segmentsFromProvider += 1
            return
        }
        segmentsFromStore += 1
        stored = stored?.including(answer) ?? answer
    }
}
