import CallscopeDomain
import Foundation
import Synchronization
import Testing
@testable import CallscopeViewModel

/// `watch` repeating: each look after the first asks only for the minutes past the last one
/// (and the current window's last ten minutes again), with a manual clock.
@Suite("Watching again")
struct WatchReaderTests {
    /// Records the windows asked; answers each with one call a minute.
    final class RecordingProvider: CallProvider {
        let providerID = ProviderID.voxo
        let pagingStyle = PagingStyle.timeWindows(maximumSeconds: 86_400)
        private let asked = Mutex<[DateInterval]>([])

        func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }

        func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
            guard case .window(let since, let until) = request else { throw CancellationError() }
            asked.withLock { $0.append(DateInterval(start: since, end: until)) }
            var calls: [Call] = []
            var minute = (since.timeIntervalSince1970 / 60).rounded(.up) * 60
            while minute < until.timeIntervalSince1970 {
                var call = Call(id: "call-\(Int(minute))", provider: .voxo)
                call.startTime = Date(timeIntervalSince1970: minute)
                call.status = .answered
                calls.append(call)
                minute += 60
            }
            return Segment(calls: calls.reversed(), receivedCount: calls.count)
        }

        func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
            throw CancellationError()
        }

        func takeAsked() -> [DateInterval] {
            let taken = asked.withLock { list in
                defer { list = [] }
                return list
            }
            return taken.sorted { $0.start > $1.start }
        }
    }

    @Test func aLaterLookAsksOnlyForTheNewMinutes() async throws {
        let provider = RecordingProvider()
        let zone = ZoneClock(TimeZone(secondsFromGMT: 0)!)
        let t = Date(timeIntervalSince1970: 1_774_440_000)
        var reader = WatchReader(provider: provider, filter: CallFilter(since: .distantPast, until: .distantFuture), settings: WatchSettings(), zone: zone)

        let first = try await reader.look(until: t)
        #expect(first.now.count == 60 && first.baseline.count == 7 && first.baseline.allSatisfy { $0.count == 60 })
        #expect(provider.takeAsked().reduce(0) { $0 + $1.duration } == 8 * 3_600, "eight whole hours")

        let second = try await reader.look(until: t.addingTimeInterval(60))
        let asked = provider.takeAsked()
        // The current window: its last ten minutes again and the new one; each earlier day: its new minute.
        #expect(asked.first == DateInterval(start: t.addingTimeInterval(-600), end: t.addingTimeInterval(60)))
        #expect(asked.dropFirst().allSatisfy { $0.duration == 60 }, "\(asked)")
        #expect(asked.count == 8)
        #expect(second.now.count == 60, "the window slid: one minute in, one out")
        #expect(Set(second.now.map(\.id)).count == 60, "no call twice")
        #expect(second.baseline.allSatisfy { $0.count == 60 })
    }
}
