import Foundation

/// Several customers' lists read as one (docs/ARCHITECTURE.md, "Customers"): where a provider's
/// all-customers rows do not name their customer, each named customer's own list is asked in
/// parallel and merged newest first by start time, so every row knows whose call it is and opens
/// that customer's single-call answer. Pages are numbered as the list asks for them; page N is
/// final once every customer still holding calls has been read past its oldest call, so the
/// customers' pages are fetched only as far as the pages asked for need. Totals are the
/// customers' totals summed.
public final class MergedCallSource: CallProvider {
    public let parts: [(customer: String, source: any CallProvider)]
    public let pageSize: Int
    private let merger: Merger

    public init(_ parts: [(customer: String, source: any CallProvider)], pageSize: Int = 100) {
        self.parts = parts
        self.pageSize = max(1, pageSize)
        self.merger = Merger(parts: parts.map(\.source), customers: parts.map(\.customer), pageSize: max(1, pageSize))
    }

    public var providerID: ProviderID { parts.first?.source.providerID ?? .vobiz }
    public var pagingStyle: PagingStyle { .numberedPages(size: pageSize) }

    /// What every customer's source applies on its server.
    public func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> {
        parts.map { $0.source.serverSideFields(for: filter) }.reduce(Set(CallFilter.Field.allCases)) { $0.intersection($1) }
    }

    /// Exact where every customer's count is.
    public func countsExactly(_ filter: CallFilter) -> Bool { parts.allSatisfy { $0.source.countsExactly(filter) } }

    public var filterableFields: Set<CallFilter.Field> {
        parts.map(\.source.filterableFields).reduce(Set(CallFilter.Field.allCases)) { $0.intersection($1) }
    }

    /// Every customer's counts, summed, where each counts on its server.
    public func countByOutcome(_ filter: CallFilter) async throws -> OutcomeCounts? {
        var sum = OutcomeCounts(calls: 0, answered: 0, busy: 0, noAnswer: 0, failed: 0)
        for part in parts {
            guard let counts = try await part.source.countByOutcome(filter) else { return nil }
            sum = sum + counts
        }
        return sum
    }

    public func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .page(let number) = request, number >= 1 else { return Segment(calls: [], receivedCount: 0) }
        return try await merger.page(number, filter: filter)
    }

    /// The call from the customer whose list holds it.
    public var requestBudget: Int? { parts.first?.source.requestBudget }

    /// Merged pages on their way at once: a merged page may ask every customer for a page, so
    /// the customers' setting shared among them keeps the requests in flight under it.
    public var maxRequestsInFlight: Int { max(1, (parts.first?.source.maxRequestsInFlight ?? 3) / max(1, parts.count)) }

    public func forgetHeld(_ filter: CallFilter) {
        for part in parts { part.source.forgetHeld(filter) }
    }

    public func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        var lastError: (any Error)?
        for part in parts {
            do { return Self.named(try await part.source.call(id: id, within: filter, progress: progress), part.customer) } catch { lastError = error }
        }
        throw lastError ?? CancellationError()
    }

    public func fullDetail(of summary: Call, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        guard let part = parts.first(where: { $0.customer == summary.account }) else {
            return try await call(id: summary.id, within: filter, progress: progress)
        }
        return Self.named(try await part.source.fullDetail(of: summary, within: filter, progress: progress), part.customer)
    }

    static func named(_ call: Call, _ customer: String) -> Call {
        guard call.account == nil else { return call }
        var named = call
        named.account = customer
        return named
    }

    /// The customers' pages read so far for one filter, and the merge of them.
    actor Merger {
        let parts: [any CallProvider]
        let customers: [String]
        let pageSize: Int
        /// Per filter, per customer: the pages fetched (or being fetched), by number. Several
        /// filters are read at once (`watch` reads eight windows side by side); the least
        /// recently asked goes, its fetches cancelled, past `filtersKept`.
        private var fetches: [CallFilter: [[Int: Task<Segment, any Error>]]] = [:]
        private var filterOrder: [CallFilter] = []
        static let filtersKept = 16

        init(parts: [any CallProvider], customers: [String], pageSize: Int) {
            self.parts = parts
            self.customers = customers
            self.pageSize = pageSize
        }

        /// What one customer has shown so far: its calls in order, whether it has no more, its total.
        private struct Read {
            var calls: [Call] = []
            var exhausted = false
            var total: Int?
            var nextPage = 1
        }

        func page(_ number: Int, filter: CallFilter) async throws -> Segment {
            if fetches[filter] == nil {
                fetches[filter] = Array(repeating: [:], count: parts.count)
            }
            filterOrder.removeAll { $0 == filter }
            filterOrder.append(filter)
            while filterOrder.count > Self.filtersKept {
                let oldest = filterOrder.removeFirst()
                for part in fetches.removeValue(forKey: oldest) ?? [] { for task in part.values { task.cancel() } }
            }
            let (wanted, overflow) = number.multipliedReportingOverflow(by: pageSize)
            guard !overflow else { return Segment(calls: [], receivedCount: 0) }
            while true {
                let reads = try await readSoFar(filter)
                // Calls no later page of any customer can come before: those at or after the oldest
                // call read of each customer that may hold more (its later pages are older still).
                let open = reads.filter { !$0.exhausted }
                let floor: Date? = open.isEmpty ? nil : open.map { $0.calls.last?.startTime ?? .distantFuture }.max()
                let merged = Self.merge(reads.enumerated().map { ($0.element.calls, customers[$0.offset]) })
                let final = floor.map { boundary in merged.prefix { ($0.startTime ?? .distantPast) >= boundary } } ?? merged[...]
                if final.count >= wanted || open.isEmpty {
                    let start = min((number - 1) * pageSize, final.count)
                    let calls = Array(final[start..<min(wanted, final.count)])
                    let totals = reads.compactMap(\.total)
                    let total = totals.count == reads.count ? totals.reduce(0) { $0.addingReportingOverflow($1).partialValue } : nil
                    return Segment(calls: calls, reportedTotal: total, receivedCount: calls.count)
                }
                // Read on: the next page of every customer that may hold more, in parallel. The
                // merge stops at the one whose oldest call read is the newest, but the others'
                // next pages are wanted soon too, and asked one customer at a time a day of four
                // customers took a round trip per page (`watch` over a slow link: 36 in 7.3 s).
                for (index, read) in reads.enumerated() where !read.exhausted {
                    start(index, page: read.nextPage, filter)
                }
            }
        }

        /// Each customer's pages fetched so far, awaited in page order.
        private func readSoFar(_ filter: CallFilter) async throws -> [Read] {
            var reads: [Read] = []
            // Every customer's first page at once, before any is awaited.
            for index in parts.indices where fetches[filter]?[index].isEmpty != false { start(index, page: 1, filter) }
            for index in parts.indices {
                var read = Read()
                var page = 1
                while let task = fetches[filter]?[index][page] {
                    let segment = try await task.value
                    read.calls += segment.calls
                    read.total = segment.reportedTotal ?? read.total
                    page += 1
                    let pagesInTotal = read.total.map { $0 == 0 ? 0 : ($0 - 1) / pageSize + 1 }
                    if segment.receivedCount < pageSize || pagesInTotal.map({ page > $0 }) == true {
                        read.exhausted = true
                        break
                    }
                }
                read.nextPage = page
                reads.append(read)
            }
            return reads
        }

        private func start(_ index: Int, page: Int, _ filter: CallFilter) {
            guard fetches[filter] != nil, fetches[filter]?[index][page] == nil else { return }
            let source = parts[index]
            // Shared by every read that wants the page: not held back by the gate of the one
            // that happened to start it (docs/ARCHITECTURE.md, "Reading ahead").
            fetches[filter]?[index][page] = Task { try await ReadGate.$current.withValue(nil) { try await source.segment(.page(page), matching: filter) } }
        }

        /// The customers' calls newest first (a call without a start last), each named.
        static func merge(_ lists: [([Call], String)]) -> [Call] {
            var merged: [Call] = []
            merged.reserveCapacity(lists.reduce(0) { $0 + $1.0.count })
            for (calls, customer) in lists { merged += calls.map { MergedCallSource.named($0, customer) } }
            // A stable sort keeps each customer's own order among equal start times.
            return merged.enumerated().sorted { a, b in
                let (x, y) = (a.element.startTime ?? .distantPast, b.element.startTime ?? .distantPast)
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
        }
    }
}
