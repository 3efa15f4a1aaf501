import Foundation

/// One step of reading a provider's history, newest first.
public struct CallBatch: Sendable {
    /// Calls that passed the filter, newest first, none repeated from an earlier batch.
    public var calls: [Call]
    /// The provider's own count of matching calls, where it gives one (Vobiz `meta.total`).
    public var reportedTotal: Int?
    /// How far back in time the reading has got: the start of the window just read.
    public var scannedBackTo: Date?
    /// Where the local store answered instead of the provider.
    public var stored: StoredAnswer?

    public init(calls: [Call], reportedTotal: Int? = nil, scannedBackTo: Date? = nil, stored: StoredAnswer? = nil) {
        self.calls = calls
        self.reportedTotal = reportedTotal
        self.scannedBackTo = scannedBackTo
        self.stored = stored
    }
}

/// How a provider's history is read a piece at a time.
public enum PagingStyle: Sendable, Hashable {
    /// Numbered pages of `size` rows with an exact total (Vobiz).
    case numberedPages(size: Int)
    /// Time windows, newest first, at most `maximumSeconds` each, with no count (VOXO).
    case timeWindows(maximumSeconds: Int64)
}

/// One piece of a provider's history, as the view-model asks for it.
public enum SegmentRequest: Sendable, Hashable {
    case page(Int)
    case window(since: Date, until: Date)
}

/// What a segment holds: the calls that pass the filter, newest first.
public struct Segment: Sendable {
    public var calls: [Call]
    /// The provider's count of matching calls, where it gives one.
    public var reportedTotal: Int?
    /// How many records the provider sent, before the client-side filter.
    public var receivedCount: Int
    /// Where the answer came from the local store instead of the provider: as of when.
    public var stored: StoredAnswer?

    public init(calls: [Call], reportedTotal: Int? = nil, receivedCount: Int, stored: StoredAnswer? = nil) {
        self.calls = calls
        self.reportedTotal = reportedTotal
        self.receivedCount = receivedCount
        self.stored = stored
    }
}

/// An answer the local store gave instead of the provider (docs/ARCHITECTURE.md, "The local
/// store"): when what it holds was read from the provider, and, where the provider was not asked
/// at all (offline, or not reachable), which ranges the store holds for this scope.
public struct StoredAnswer: Sendable, Hashable {
    /// When the oldest of the stored calls answering was read from the provider.
    public var asOf: Date
    /// Why the provider was not asked; nil when the range is closed and held whole.
    public var instead: Reason?
    /// Offline: the ranges the store holds for this scope and filter, oldest first (what the
    /// answer can cover; calls outside them are unknown).
    public var held: [Range<Date>]

    public enum Reason: Sendable, Hashable {
        /// `--offline`: the provider is never asked.
        case offline
        /// The provider could not be reached (what the connection said).
        case unreachable(String)
    }

    public init(asOf: Date, instead: Reason? = nil, held: [Range<Date>] = []) {
        self.asOf = asOf
        self.instead = instead
        self.held = held
    }

    /// What several answers say together: as of the oldest reading, and why the provider was
    /// not asked (with what is held) where any of them says.
    public func including(_ other: StoredAnswer) -> StoredAnswer {
        var both = self
        both.asOf = min(asOf, other.asOf)
        if other.instead != nil { (both.instead, both.held) = (other.instead, other.held) }
        return both
    }
}

/// The calls of a filter counted by outcome on the provider's server, exactly.
public struct OutcomeCounts: Sendable, Hashable {
    public var calls: Int
    public var answered: Int
    public var busy: Int
    public var noAnswer: Int
    public var failed: Int
    /// Calls of no status counted here (congestion and the like).
    public var other: Int { max(0, calls - answered - busy - noAnswer - failed) }

    public init(calls: Int, answered: Int, busy: Int, noAnswer: Int, failed: Int) {
        (self.calls, self.answered, self.busy, self.noAnswer, self.failed) = (calls, answered, busy, noAnswer, failed)
    }

    /// Answered ÷ calls, and the calls the network delivered ÷ calls, as the strip says them.
    public var asr: Double? { calls > 0 ? Double(answered) / Double(calls) : nil }
    public var ner: Double? { calls > 0 ? Double(answered + busy + noAnswer) / Double(calls) : nil }

    /// Two sources' counts together (saturating).
    public static func + (a: OutcomeCounts, b: OutcomeCounts) -> OutcomeCounts {
        func add(_ x: Int, _ y: Int) -> Int { x.addingReportingOverflow(y).overflow ? Int.max : x + y }
        return OutcomeCounts(calls: add(a.calls, b.calls), answered: add(a.answered, b.answered), busy: add(a.busy, b.busy),
                             noAnswer: add(a.noAnswer, b.noAnswer), failed: add(a.failed, b.failed))
    }
}

/// A source of calls: what the command line and the view-model ask, whatever the API.
public protocol CallProvider: Sendable {
    var providerID: ProviderID { get }
    var pagingStyle: PagingStyle { get }
    /// One page (numbered providers) or one time window (windowed providers), filtered.
    func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment
    /// The parts of `filter` the provider applies on its server; the rest run on the client
    /// only. (Every part is also re-checked on the client, so results agree either way.)
    func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field>
    /// Whether the total this provider reports (`Segment.reportedTotal`) counts exactly the
    /// calls matching `filter`. Where it does not (Vobiz counts whole UTC days around a time of
    /// day; a part matched on the client), the total only bounds the matches from above.
    /// (Provided: every part the filter uses runs on the server.)
    func countsExactly(_ filter: CallFilter) -> Bool
    /// The filter's calls counted by outcome on the server, exactly and without reading them
    /// (Vobiz: `meta.total` of a one-row request per status, in parallel, for ranges it counts
    /// exactly); nil where the provider cannot. (Provided: nil.)
    func countByOutcome(_ filter: CallFilter) async throws -> OutcomeCounts?
    /// How many requests a reader that goes to the end may keep on their way at once (a
    /// profile's `max_requests_in_flight`): enough to cover the round trip on a slow link,
    /// polite to the provider. (Provided: 3.)
    var maxRequestsInFlight: Int { get }
    /// The filter parts this provider's records can answer at all (VOXO sends no hangup
    /// cause): a switch to this provider keeps these and drops the rest. (Provided: all.)
    var filterableFields: Set<CallFilter.Field> { get }
    /// Every call matching `filter`, newest first, fetched a page or window at a time as
    /// the sequence is iterated. Stopping iteration or cancelling the task stops fetching.
    /// (Provided: walks `segment(_:matching:)`.)
    func calls(matching filter: CallFilter) -> AsyncThrowingStream<CallBatch, any Error>
    /// One call's full detail. `filter` bounds where a provider without a single-call
    /// endpoint looks; `progress` hears how far back such a search has got.
    func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call
    /// The full record of a call known by its list row (`summary.hasFullerDetail`): the row
    /// may say where to ask (Vobiz rows of all customers name their customer).
    /// (Provided: looks the id up with `call(id:within:progress:)`.)
    func fullDetail(of summary: Call, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call
    /// How many requests a reader that can do with an estimate (the statistics strip) may send
    /// without being asked (a profile's `request_budget`); nil: no limit. (Provided: nil.)
    var requestBudget: Int? { get }
    /// The pages to read for an estimate of `filter`'s figures within `budget` requests, when
    /// its range holds `pages` pages: spread evenly from the first to the last, so every part
    /// of the range is in the sample. nil when every page fits the budget, or where the
    /// provider cannot be sampled: time windows carry no count to say what a sample is of.
    /// (Provided.)
    func samplePages(_ filter: CallFilter, pages: Int, budget: Int) -> [Int]?
    /// `r`: what a local store beneath holds of `filter`'s range is asked of the provider again
    /// on the next read (and kept anew). (Provided: nothing to forget.)
    func forgetHeld(_ filter: CallFilter)
}

extension CallProvider {
    public var filterableFields: Set<CallFilter.Field> { Set(CallFilter.Field.allCases) }
    public var maxRequestsInFlight: Int { 3 }
    public func countByOutcome(_ filter: CallFilter) async throws -> OutcomeCounts? { nil }
    public func forgetHeld(_ filter: CallFilter) {}
    public var requestBudget: Int? { nil }

    public func samplePages(_ filter: CallFilter, pages: Int, budget: Int) -> [Int]? {
        guard case .numberedPages = pagingStyle, budget >= 2, pages > budget else { return nil }
        // Page 1 and page `pages` always; the rest at even steps between them.
        let steps = (0..<budget).map { index in 1 + Int((Double(index) * Double(pages - 1) / Double(budget - 1)).rounded()) }
        return Array(Set(steps)).sorted()
    }

    public func countsExactly(_ filter: CallFilter) -> Bool {
        filter.activeFields.isSubset(of: serverSideFields(for: filter))
    }

    /// Every matching call, newest first, a segment at a time: numbered pages until the
    /// total is reached, or the longest windows the provider takes, back to `filter.since`.
    public func calls(matching filter: CallFilter) -> AsyncThrowingStream<CallBatch, any Error> {
        let walker = SegmentWalker(provider: self, filter: filter)
        return AsyncThrowingStream(unfolding: { try await walker.next() })
    }

    /// `calls(matching:)` for a caller that reads to the end: the next segments are requested
    /// while the caller handles this one, so the provider's time, the decoding of answers and the
    /// caller's work overlap (`maxRequestsInFlight` in all, never more).
    public func allCalls(matching filter: CallFilter) -> AsyncThrowingStream<CallBatch, any Error> {
        let walker = SegmentWalker(provider: self, filter: filter, readsAhead: max(1, maxRequestsInFlight))
        return AsyncThrowingStream(unfolding: { try await walker.next() })
    }

    public func fullDetail(of summary: Call, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        try await call(id: summary.id, within: filter, progress: progress)
    }

    public func call(id: String, within filter: CallFilter) async throws -> Call {
        try await call(id: id, within: filter, progress: { _ in })
    }
}
