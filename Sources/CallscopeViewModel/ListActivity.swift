/// What the list is doing besides showing rows: at most one errand that waits for rows to
/// arrive and goes on when they do. Every change of errand goes through the transitions
/// here, so a find and a seek to the end can never both be waiting.
public enum ListActivity: Sendable, Hashable {
    /// Showing rows; nothing waits for an answer.
    case browsing
    /// A find (`/`, `?`, `n`, `N`) waiting for rows: it looks on from `resumeRow` in its
    /// direction when they come.
    case finding(forward: Bool, resumeRow: Int)
    /// `G`: reading on to the last row, then landing there.
    case seekingEnd

    public var isFinding: Bool {
        if case .finding = self { return true }
        return false
    }

    /// Where a waiting find goes on from.
    public var resumeRow: Int? {
        if case .finding(_, let row) = self { return row }
        return nil
    }

    // MARK: Transitions

    /// A find found nothing loaded from `row` on: it waits there for rows.
    mutating func waitToFind(forward: Bool, from row: Int) { self = .finding(forward: forward, resumeRow: row) }

    /// `G` on a list whose end is not known yet.
    mutating func seekEnd() { self = .seekingEnd }

    /// The errand ended: found, landed, moved away from, failed, or a new list.
    /// Returns what stopped, so the caller can clear what it said about it.
    @discardableResult
    mutating func stop() -> ListActivity {
        let stopped = self
        self = .browsing
        return stopped
    }

    /// Rows above were dropped (evicted overlays): a waiting find's place moves with them.
    mutating func rowsRemoved(above count: Int) {
        if case .finding(let forward, let row) = self { self = .finding(forward: forward, resumeRow: max(0, row - count)) }
    }
}
