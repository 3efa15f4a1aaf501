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

    public init(generation: Int, range: ClosedRange<Date>, groupBy: GroupField?, zone: ZoneClock) {
        self.generation = generation
        figures = CallStatistics(range: range)
        groups = groupBy.map { CallGroups(field: $0, zone: zone) }
    }

    /// "over 1,200 of 5,122 calls" (of "≤5,122" where the count is a bound), "back to 11-20
    /// 14:00", or nil when complete: how much of `count` (the state's one count) the figures cover.
    public func progressText(zone: ZoneClock, count: MatchCount) -> String? {
        if let failure { return "stopped: \(failure)" }
        guard !complete else { return nil }
        if total != nil { return "over \(figures.calls) of \(count.figure) calls" }
        if let backTo { return "back to \(zone.local(backTo).description.prefix(16))" }
        return "reading…"
    }
}
