import CallscopeDomain
import Foundation

/// Reads the whole range of a filter for the statistics, folding each page or window in as it
/// arrives and reporting the figures so far. Numbered pages (Vobiz) are read four at a time
/// once the first page has said how many there are; time windows (VOXO) one after another,
/// newest first, as the list reads them. Cancelling the task stops it.
struct StatisticsReader: Sendable {
    let provider: any CallProvider
    let filter: CallFilter
    static let concurrency = 4

    /// The figures of the whole range; a failure (other than cancellation) ends the reading
    /// with what was read kept and `failure` saying what went wrong.
    func read(_ start: StatisticsState, report: @Sendable (StatisticsState) -> Void) async -> StatisticsState {
        var state = start
        do {
            try await read(into: &state, report: report)
            state.complete = true
        } catch {
            if !Task.isCancelled { state.failure = BrowserStore.message(error) }
        }
        return state
    }

    private func read(into state: inout StatisticsState, report: @Sendable (StatisticsState) -> Void) async throws {
        switch provider.pagingStyle {
        case .numberedPages(let size):
            let first = try await provider.segment(.page(1), matching: filter)
            fold(first.calls, into: &state)
            state.total = first.reportedTotal
            report(state)
            // A short first page is the whole list; else as many pages as the total says
            // (a total that lies is bounded by the first short or empty page).
            guard first.receivedCount >= size, size > 0 else { return }
            let lastPage = first.reportedTotal.map { max(1, ($0 + size - 1) / size) } ?? Int.max
            var next = 2
            var ended = false
            try await withThrowingTaskGroup(of: Segment.self) { group in
                while next <= lastPage, next < 2 + Self.concurrency {
                    let page = next
                    group.addTask { try await provider.segment(.page(page), matching: filter) }
                    next += 1
                }
                while let segment = try await group.next() {
                    fold(segment.calls, into: &state)
                    if segment.receivedCount < size { ended = true }
                    report(state)
                    if !ended, next <= lastPage {
                        let page = next
                        group.addTask { try await provider.segment(.page(page), matching: filter) }
                        next += 1
                    }
                }
            }
        case .timeWindows:
            for try await batch in provider.calls(matching: filter) {
                fold(batch.calls, into: &state)
                state.total = batch.reportedTotal ?? state.total
                state.backTo = batch.scannedBackTo ?? state.backTo
                try Task.checkCancellation()
                report(state)
            }
        }
    }

    private func fold(_ calls: [Call], into state: inout StatisticsState) {
        for call in calls {
            state.figures.add(call)
            state.groups?.add(call)
        }
    }
}
