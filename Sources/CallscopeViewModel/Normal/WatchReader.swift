import CallscopeDomain
import Foundation

/// Reads the window and its earlier windows through the provider (and so through the local
/// store, which answers the closed ones), and on each later look only what is new: each
/// window slides to the new end, keeps the calls it still covers and asks for the minutes
/// past its last end, the current window also for the last `lookbackSeconds` again (a call
/// is listed once it ends, under the time it started).
public struct WatchReader: Sendable {
    public let provider: any CallProvider
    /// The user's filter; each window sets its own time range.
    public let filter: CallFilter
    public let settings: WatchSettings
    public let zone: ZoneClock
    private var held: [(interval: DateInterval, calls: [WatchCall])] = []
    /// The ranges asked for by the latest look, window by window (what a look cost).
    public private(set) var lastAsked: [DateInterval] = []

    public init(provider: any CallProvider, filter: CallFilter, settings: WatchSettings, zone: ZoneClock) {
        self.provider = provider
        self.filter = filter
        self.settings = settings
        self.zone = zone
    }

    /// The sample for windows ending at `until`.
    public mutating func look(until: Date) async throws -> WatchSample {
        let windows = WatchWindows(until: until, settings: settings, zone: zone)
        let intervals = windows.all
        var plans: [(keep: [WatchCall], ask: DateInterval?)] = []
        for (index, interval) in intervals.enumerated() {
            let previous = held.count == intervals.count ? held[index] : nil
            let lookback = index == 0 ? TimeInterval(WatchSettings.lookbackSeconds) : 0
            if let previous, previous.interval.duration == interval.duration, interval.end >= previous.interval.end,
               interval.start < previous.interval.end {
                let from = max(interval.start, previous.interval.end.addingTimeInterval(-lookback))
                let keep = previous.calls.filter { $0.start >= interval.start && $0.start < from }
                plans.append((keep, from < interval.end ? DateInterval(start: from, end: interval.end) : nil))
            } else {
                plans.append(([], interval))
            }
        }
        lastAsked = plans.compactMap(\.ask)
        let asked = try await read(plans.map(\.ask))
        held = zip(intervals, zip(plans, asked)).map { interval, planAndAsked in
            var seen = Set(planAndAsked.0.keep.map(\.id))
            var calls = planAndAsked.0.keep
            for call in planAndAsked.1 where seen.insert(call.id).inserted { calls.append(call) }
            return (interval, calls)
        }
        return WatchSample(windows: windows, now: held.first?.calls ?? [], baseline: held.dropFirst().map(\.calls))
    }

    /// The calls of each range (none for nil), the ranges read side by side: each one a page
    /// or window at a time, so no more than the provider's `maxRequestsInFlight` are on their way.
    private func read(_ ranges: [DateInterval?]) async throws -> [[WatchCall]] {
        let provider = self.provider
        let filter = self.filter
        let width = max(1, provider.maxRequestsInFlight)
        return try await withThrowingTaskGroup(of: (Int, [WatchCall]).self) { group in
            var results = Array(repeating: [WatchCall](), count: ranges.count)
            var next = 0
            var running = 0
            func startNext() {
                while running < width, next < ranges.count {
                    let index = next
                    next += 1
                    guard let range = ranges[index] else { continue }
                    running += 1
                    group.addTask {
                        var windowFilter = filter
                        windowFilter.since = range.start
                        windowFilter.until = range.end
                        windowFilter.untilIsNow = false
                        var calls: [WatchCall] = []
                        for try await batch in provider.calls(matching: windowFilter) {
                            for call in batch.calls {
                                guard let start = call.startTime, start >= range.start, start < range.end else { continue }
                                calls.append(WatchCall(call))
                            }
                        }
                        return (index, calls)
                    }
                }
            }
            startNext()
            while let (index, calls) = try await group.next() {
                results[index] = calls
                running -= 1
                startNext()
            }
            return results
        }
    }
}
