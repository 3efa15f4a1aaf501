import CallscopeDomain
import Foundation

/// A numbered provider's range that reaches into the open hours (Vobiz's "the last 7 days"):
/// its whole closed UTC days are read as a range of their own, so they are kept and, once held,
/// answered from the store, while the open part is always asked (docs/ARCHITECTURE.md, "The
/// local store"). Pages are numbered as the provider numbers them: the open part's calls first
/// (newest), then the closed days'.
extension StoredCallProvider {
    /// The range's whole closed UTC days (from the day `since` falls in) and the open rest; nil
    /// when the range has closed, or no whole day of it has.
    func split(_ filter: CallFilter) -> (closed: CallFilter, open: CallFilter)? {
        guard filter.until > closedBefore else { return nil }
        let day = 86_400.0
        let edge = (closedBefore.timeIntervalSince1970 / day).rounded(.down) * day
        let start = (filter.since.timeIntervalSince1970 / day).rounded(.down) * day
        guard start < edge, edge < filter.until.timeIntervalSince1970 else { return nil }
        var closed = filter
        (closed.since, closed.until, closed.untilIsNow) = (Date(timeIntervalSince1970: start), Date(timeIntervalSince1970: edge), false)
        var open = filter
        open.since = Date(timeIntervalSince1970: edge)
        return (closed, open)
    }

    func mergedPage(_ number: Int, size: Int, _ filter: CallFilter, _ parts: (closed: CallFilter, open: CallFilter)) async throws -> Segment {
        let openAsked = asked(parts.open).filter
        let (closedAsked, closedKey) = asked(parts.closed)
        let closedRange = PagedRange(key: closedKey, since: parts.closed.since, until: parts.closed.until)
        let heldSince = held(parts.closed)
        // The closed days' total: counted in the store, else from their first page (asked beside
        // the open part's page, so it costs no round trip).
        async let firstClosed: Segment? = heldSince == nil ? closedPage(1, closedAsked, closedRange, size: size) : nil
        let openKey = PagedRange(key: asked(parts.open).key, since: parts.open.since, until: parts.closed.until)
        let (first, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        // Where the open part ends is known from its short last page (a total may claim more):
        // a page wholly past it asks nothing of it, for a walk's length (new calls move the end;
        // within a walk they shift pages as they do at the provider).
        let open: Segment
        if !overflow, let end = pages.openEnd(openKey, now: now()), first >= end {
            open = Segment(calls: [], reportedTotal: end, receivedCount: 0)
        } else {
            open = try await inner.segment(.page(number), matching: openAsked)
        }
        guard !overflow, var openTotal = open.reportedTotal else {
            // No total to place the seam by: the range is asked whole, as without the store.
            return try await inner.segment(.page(number), matching: filter)
        }
        if let end = pages.openEnd(openKey, now: now()), first >= end {
            openTotal = end
        } else if open.receivedCount < size {
            // A short page is the open part's last, whatever its total claimed; an empty one past
            // page 1 says only that the end lies before it: that page is asked whole.
            guard open.receivedCount > 0 || number == 1 else { return try await inner.segment(.page(number), matching: filter) }
            openTotal = first + open.receivedCount
            pages.setOpenEnd(openKey, openTotal, at: now())
        }
        let closedTotal: Int
        if heldSince != nil {
            closedTotal = try closedListing(closedRange, closedAsked).count
        } else {
            closedTotal = try await firstClosed?.reportedTotal ?? 0
        }
        var rows = open.calls
        var received = open.receivedCount
        if !overflow, first + size > openTotal, rows.count < size {
            let offset = max(0, first - openTotal)
            let wanted = min(size - rows.count, max(0, closedTotal - offset))
            let closedRows = try await closedRows(offset: offset, count: wanted, closedAsked, closedRange, size: size, held: heldSince != nil)
            rows += closedRows
            received += closedRows.count
        }
        // A page with calls of the open part came from the provider too: only a page of held days alone is the store's.
        let stored = open.receivedCount == 0 ? heldSince.map { StoredAnswer(asOf: $0) } : nil
        // Two claims summed stay within what any total may claim.
        let total = openTotal.addingReportingOverflow(closedTotal)
        return Segment(calls: rows.filter(CallMatcher(filter).matches),
                       reportedTotal: total.overflow ? Plausible.maximumTotal : min(total.partialValue, Plausible.maximumTotal),
                       receivedCount: received, stored: stored)
    }

    /// The closed days' calls as the provider lists them (server-side parts matched), newest first.
    private func closedListing(_ range: PagedRange, _ asked: CallFilter) throws -> [Call] {
        try pages.listing(range) { () throws(StoreError) in
            let (calls, oldest) = try store.calls(source: source, in: range.since..<range.until)
            return (calls.filter(CallMatcher(asked).matches), oldest)
        }.0
    }

    /// `count` of the closed days' calls from the `offset`-th on: from the store where held, else
    /// from the provider's pages of them (each kept, and the range held once every page came).
    private func closedRows(offset: Int, count: Int, _ asked: CallFilter, _ range: PagedRange, size: Int, held: Bool) async throws -> [Call] {
        guard count > 0 else { return [] }
        if held {
            let listing = try closedListing(range, asked)
            return Array(listing.dropFirst(offset).prefix(count))
        }
        var rows: [Call] = []
        var page = offset / size + 1
        var skip = offset % size
        while rows.count < count {
            guard let answer = try await closedPage(page, asked, range, size: size), answer.receivedCount > 0 else { break }
            rows += answer.calls.dropFirst(skip).prefix(count - rows.count)
            skip = 0
            page += 1
        }
        return rows
    }

    /// Page `number` of the closed days, asked once per process (two merged pages wanting it at
    /// once share one request) and kept.
    private func closedPage(_ number: Int, _ asked: CallFilter, _ range: PagedRange, size: Int) async throws -> Segment? {
        let task = pages.closedPage(range, number) {
            // Shared by the merged pages that want it: not held back by the gate of the one that
            // happened to start it (docs/ARCHITECTURE.md, "Reading ahead").
            Task {
                let answer = try await ReadGate.$current.withValue(nil) { try await inner.segment(.page(number), matching: asked) }
                let complete = record(page: number, of: range, size: size, answer: answer)
                try keep(answer.calls, holding: complete ? range.since..<range.until : nil, key: range.key)
                if complete {
                    // Held now: the store answers these days; the pages asked need not stay.
                    pages.reread(range.since..<range.until)
                    pages.forgetClosedPages(range)
                }
                return answer
            }
        }
        do {
            return try await task.value
        } catch {
            pages.forgetClosedPage(range, number)
            throw error
        }
    }
}
