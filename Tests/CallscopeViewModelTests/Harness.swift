import CallscopeDomain
import Foundation
@testable import CallscopeViewModel

/// Drives the reducer by hand: actions in, effects out, answers fed back when the test
/// says. No runtime, no clock, no sleeps.
struct Harness {
    var state: BrowserState
    var now = Date(timeIntervalSince1970: 1_774_440_000)
    /// Fetches asked for and not yet answered, oldest first.
    var pending: [BrowserEffect] = []
    /// Every effect ever asked for.
    var log: [BrowserEffect] = []

    static let zone = ZoneClock(identifier: "UTC")!

    init(paging: PagingStyle, serverSide: Set<CallFilter.Field> = [.timeRange], height: Int = 20, maximumLoadedSegments: Int = 12) {
        let now = Date(timeIntervalSince1970: 1_774_440_000)
        var filter = CallFilter(since: now.addingTimeInterval(-7 * 86_400), until: now)
        filter.untilIsNow = true
        state = BrowserState(providerID: paging == .numberedPages(size: 100) ? .vobiz : .voxo, paging: paging, zone: Self.zone, filter: filter, serverSideFields: serverSide)
        state.list = CallList(paging: paging, since: filter.since, until: filter.until, maximumLoadedSegments: maximumLoadedSegments)
        state.viewportHeight = height
    }

    @discardableResult
    mutating func send(_ action: BrowserAction) -> [BrowserEffect] {
        let effects = BrowserReducer.reduce(&state, action, now: now)
        log += effects
        for effect in effects {
            switch effect {
            case .fetchSegment, .fetchDetail, .poll: pending.append(effect)
            case .cancelGeneration(let g):
                pending.removeAll { if case .fetchSegment(let pg, _, _, _) = $0 { return pg <= g } else { return false } }
            default: break
            }
        }
        return effects
    }

    var segmentFetches: [(generation: Int, id: Int, request: SegmentRequest)] {
        log.compactMap { if case .fetchSegment(let g, let id, let r, _) = $0 { return (g, id, r) } else { return nil } }
    }

    /// Answers the oldest pending segment fetch with `answer(request)`.
    mutating func answerNext(_ answer: (SegmentRequest) -> Segment) {
        guard let index = pending.firstIndex(where: { if case .fetchSegment = $0 { return true } else { return false } }),
              case .fetchSegment(let g, let id, let request, _) = pending.remove(at: index)
        else { return }
        send(.segmentLoaded(generation: g, index: id, answer(request)))
    }

    var hasPendingSegments: Bool {
        pending.contains { if case .fetchSegment = $0 { return true } else { return false } }
    }

    /// Answers every pending segment fetch, and those the answers lead to (bounded).
    mutating func answerAll(_ answer: (SegmentRequest) -> Segment) {
        var budget = 100_000
        while hasPendingSegments && budget > 0 {
            answerNext(answer)
            budget -= 1
        }
    }

    var visibleHasPlaceholder: Bool {
        state.visibleRows().contains { if case .loading = $0 { return true } else { return false } }
    }
}

/// A deterministic history for the fakes: call `i` is newest-first, one a minute.
enum FakeHistory {
    static let anchor = Date(timeIntervalSince1970: 1_774_440_000)

    static func call(_ index: Int, provider: ProviderID = .vobiz, account: String? = nil) -> Call {
        var call = Call(id: "call-\(index)", provider: provider, fields: JSONObject([("n", .number(String(index)))]))
        call.startTime = anchor.addingTimeInterval(-60 * Double(index + 1))
        call.direction = index % 3 == 0 ? .inbound : .outbound
        call.status = index % 5 == 0 ? .failed : .answered
        call.from = "+1555\(String(1_000_000 + index))"
        call.to = "+9198\(String(2_000_000 + index))"
        call.callerName = index % 7 == 0 ? "王小明 \(index)" : nil
        call.durationSeconds = index % 90
        call.account = account
        // As the Vobiz mapper marks a list row whose customer is known.
        call.hasFullerDetail = provider == .vobiz && account != nil
        return call
    }

    /// Page `number` (from 1) of a history of `total` calls, shifted by `shift` new calls.
    static func page(_ number: Int, total: Int, shift: Int = 0, size: Int = 100) -> Segment {
        let start = (number - 1) * size - shift
        let range = max(0, start)..<max(0, min(total, start + size))
        return Segment(calls: range.map { call($0) }, reportedTotal: total, receivedCount: range.count)
    }

    /// The calls starting in `since ..< until` of a history with one call a minute.
    static func window(since: Date, until: Date, count: Int, provider: ProviderID = .voxo) -> Segment {
        let newest = max(0, Int((anchor.timeIntervalSince(until) / 60).rounded(.up)) - 1)
        let oldest = min(count, Int((anchor.timeIntervalSince(since) / 60).rounded(.down)))
        let calls = (newest..<max(newest, oldest)).map { call($0, provider: provider) }.filter {
            guard let start = $0.startTime else { return false }
            return start >= since && start < until
        }
        return Segment(calls: calls, receivedCount: calls.count)
    }
}

extension PagingStyle {
    static let vobiz = PagingStyle.numberedPages(size: 100)
    static let voxo = PagingStyle.timeWindows(maximumSeconds: 86_400)
}

/// Polls a condition that no action reports (a fake's own counters), with a deadline. With
/// a store, the waiter is its owner meanwhile and applies the answers that land.
func waitFor(timeout: Duration = .seconds(10), draining store: BrowserStore? = nil, _ condition: @Sendable () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        store?.drain()
        if condition() { return true }
        await Task.yield()
    }
    return condition()
}
