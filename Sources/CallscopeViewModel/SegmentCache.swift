import CallscopeDomain
import Foundation
import Synchronization

/// The segments of the current generation, shared by the list and the statistics reader, so
/// a page or window both want is fetched once (docs/ARCHITECTURE.md, "Reading for the
/// statistics"). A request already on its way is joined, not sent again; a finished one is
/// kept while the held segments stay under `maximumCalls` calls, least recently used first
/// out. A window inside a wider one held or on its way is cut from it. A new generation (a
/// filter, a refresh, a switch) starts empty; follow polls never come here, they want news.
final class SegmentCache: Sendable {
    private struct Entry {
        let task: Task<Segment, any Error>
        /// Requests waiting for the task; when the last is cancelled, so is the fetch.
        var waiters = 0
        /// Calls held once finished (nil while on its way).
        var heldCalls: Int?
        var lastUse = 0
    }

    private struct Contents {
        var generation = Int.min
        var entries: [SegmentRequest: Entry] = [:]
        var heldCalls = 0
        var clock = 0
    }

    private let contents = Mutex(Contents())
    let maximumCalls: Int

    init(maximumCalls: Int = 2_000) {
        self.maximumCalls = maximumCalls
    }

    /// The segment, from the cache, from a wider window in it, or fetched (and kept).
    /// A request of an older generation is fetched directly: its answer is about to be dropped.
    func segment(_ request: SegmentRequest, generation: Int, filter: CallFilter, from provider: any CallProvider) async throws -> Segment {
        enum Plan { case fetch, join(SegmentRequest, Task<Segment, any Error>) }
        var superseded: [Task<Segment, any Error>] = []
        defer { for task in superseded { task.cancel() } }
        let plan = contents.withLock { c -> Plan in
            if generation > c.generation {
                // The old generation's fetches are being cancelled with their waiters anyway.
                superseded = c.entries.values.filter { $0.heldCalls == nil }.map(\.task)
                c = Contents(generation: generation)
            }
            guard generation == c.generation else { return .fetch }
            c.clock += 1
            let key = c.entries[request] != nil ? request : Self.widerWindow(containing: request, in: c.entries)
            if let key {
                c.entries[key]?.waiters += 1
                c.entries[key]?.lastUse = c.clock
                return c.entries[key].map { .join(key, $0.task) } ?? .fetch
            }
            let task = Task { try await provider.segment(request, matching: filter) }
            c.entries[request] = Entry(task: task, waiters: 1, lastUse: c.clock)
            return .join(request, task)
        }
        guard case .join(let key, let task) = plan else { return try await provider.segment(request, matching: filter) }
        // Whichever comes first, the answer or this request's cancellation, counts it out once.
        let departure = Departure()
        let segment: Segment
        do {
            segment = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                if departure.first() { self.leave(key, generation: generation, cancelled: true) }
            }
        } catch {
            if departure.first() { leave(key, generation: generation, cancelled: false) }
            forget(key, generation: generation, task: task)
            throw error
        }
        leave(key, generation: generation, cancelled: false, counted: departure.first(), finished: segment)
        try Task.checkCancellation()
        return key == request ? segment : Self.cut(segment, to: request)
    }

    private final class Departure: Sendable {
        private let done = Atomic(false)
        /// True the first time only.
        func first() -> Bool { !done.exchange(true, ordering: .acquiringAndReleasing) }
    }

    /// A window of this generation held or on its way that ends at `until`: where a reader
    /// walking back in time can take what the list already asked for.
    func window(endingAt until: Date, generation: Int) -> SegmentRequest? {
        contents.withLock { c in
            guard c.generation == generation else { return nil }
            return c.entries.keys.first { if case .window(_, until) = $0 { return true } else { return false } }
        }
    }

    /// Forgets the finished segments: a follow poll saw new calls, so numbered pages shifted.
    func dropFinished() {
        contents.withLock { c in
            c.entries = c.entries.filter { $0.value.heldCalls == nil }
            c.heldCalls = 0
        }
    }

    /// Cancels what is on its way and forgets everything (leaving the browser).
    func cancelAll() {
        let tasks = contents.withLock { c in
            defer { c = Contents(generation: c.generation) }
            return c.entries.values.map(\.task)
        }
        for task in tasks { task.cancel() }
    }

    // MARK: Inside

    /// One waiter goes (`counted`: not already counted out by its cancellation); a finished
    /// segment is recorded as held.
    private func leave(_ key: SegmentRequest, generation: Int, cancelled: Bool, counted: Bool = true, finished segment: Segment? = nil) {
        let orphan = contents.withLock { c -> Task<Segment, any Error>? in
            guard c.generation == generation, var entry = c.entries[key] else { return nil }
            if counted { entry.waiters -= 1 }
            if let segment, entry.heldCalls == nil {
                entry.heldCalls = segment.calls.count
                c.heldCalls += segment.calls.count
            }
            c.entries[key] = entry
            if cancelled, entry.waiters == 0, entry.heldCalls == nil {
                // Nobody wants it any more: stop the fetch rather than finish it for nobody.
                c.entries[key] = nil
                return entry.task
            }
            Self.trim(&c, limit: maximumCalls)
            return nil
        }
        orphan?.cancel()
    }

    private func forget(_ key: SegmentRequest, generation: Int, task: Task<Segment, any Error>) {
        // A failed fetch is not kept: the next look asks again (retry).
        contents.withLock { c in
            guard c.generation == generation, let entry = c.entries[key], entry.task == task else { return }
            c.heldCalls -= entry.heldCalls ?? 0
            c.entries[key] = nil
        }
    }

    /// Drops finished segments nobody waits for, least recently used first, down to `limit`.
    private static func trim(_ c: inout Contents, limit: Int) {
        guard c.heldCalls > limit else { return }
        let finished = c.entries.filter { $0.value.heldCalls != nil && $0.value.waiters == 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, entry) in finished where c.heldCalls > limit {
            c.heldCalls -= entry.heldCalls ?? 0
            c.entries[key] = nil
        }
    }

    private static func widerWindow(containing request: SegmentRequest, in entries: [SegmentRequest: Entry]) -> SegmentRequest? {
        guard case .window(let since, let until) = request else { return nil }
        return entries.keys.first { key in
            if case .window(let wideSince, let wideUntil) = key { return wideSince <= since && until <= wideUntil }
            return false
        }
    }

    /// The calls of a wider window that start inside `request`.
    static func cut(_ segment: Segment, to request: SegmentRequest) -> Segment {
        guard case .window(let since, let until) = request else { return segment }
        let calls = segment.calls.filter { call in call.startTime.map { since <= $0 && $0 < until } ?? false }
        return Segment(calls: calls, reportedTotal: nil, receivedCount: calls.count)
    }
}
