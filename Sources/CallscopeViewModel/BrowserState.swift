import CallscopeDomain
import Foundation

/// Which part of the screen keys go to.
public enum Pane: String, Sendable, Hashable, CaseIterable {
    case filters, list, detail
}

/// The open call, if any.
public enum DetailState: Sendable {
    case closed
    /// Being fetched; `scannedBackTo` tells how far a search has got.
    case loading(id: String, scannedBackTo: Date?)
    case loaded(Call)
    case failed(id: String, message: String)

    public var id: String? {
        switch self {
        case .closed: return nil
        case .loading(let id, _), .failed(let id, _): return id
        case .loaded(let call): return call.id
        }
    }
}

/// The `/` find: its text and which way it last went.
public struct SearchState: Sendable, Hashable {
    public var query = ""
    /// The direction `/` (forward) or `?` set; `n` goes this way, `N` the other.
    public var forward = true
}

/// The line at the bottom: what is going on and what went wrong.
public struct StatusLine: Sendable, Hashable {
    public var lastError: String?
    public var notice: String?
}

/// How many calls the list holds, as honestly as the provider allows.
public enum ListCountText: Sendable, Hashable {
    case exact(Int)
    case atLeast(Int, backTo: Date)
    case loading
}

/// Everything the screen shows (docs/ARCHITECTURE.md, "Layers and data flow"), as one value. Actions change it through
/// `BrowserReducer`; the runtime performs the effects it asks for.
public struct BrowserState: Sendable {
    public var providerID: ProviderID
    public var paging: PagingStyle
    /// The profile being read (nil: started from flags), and whose calls.
    public var profile: String?
    public var scope: CallScope = .all
    /// The profiles `P` offers.
    public var profiles: [ProfileSummary] = []
    /// A profile or scope switch on its way: what it goes to, for the status bar.
    public var switching: ConnectionTarget?
    /// Counts switches, so the answer of a superseded one is ignored.
    public var connectSerial = 0
    /// The display zone: times are shown, and typed, in it.
    public var zone: ZoneClock
    /// Where each filter part runs, for the applied filter.
    public var serverSideFields: Set<CallFilter.Field>

    public var draft = FilterDraft()
    /// What `:reset` goes back to and what a field left off the `=` line becomes: the profile's
    /// range (a saved file's own days) and nothing else.
    public var defaults = FilterDraft()
    public var fieldErrors: [FilterDraft.Field: String] = [:]
    public var applied: CallFilter
    public var generation = 0

    public var list: CallList
    public var selection = 0
    public var scrollTop = 0
    public var viewportHeight = 20
    public var movingDown = true
    /// A find or `G` waiting for rows (one at a time).
    public var activity = ListActivity.browsing
    /// Rows beyond the viewport to have loaded before they are reached.
    public var prefetchHorizon = 100

    public var focus: Pane = .list
    public var search = SearchState()
    public var detail: DetailState = .closed
    /// Calls opened before, by id, most recent last (bounded).
    public var detailCache: [String: Call] = [:]
    public var detailCacheOrder: [String] = []
    public var status = StatusLine()
    public var follow = false
    /// The statistics strip is wanted (`s`; the terminal turns it on at start from 30 rows).
    public var showStatistics = false
    /// The group view's field, while it is open (`F`).
    public var groupField: GroupField?
    /// The figures of the applied filter, read in the background while wanted.
    public var statistics: StatisticsState?
    /// The export of the applied filter, while asked about or running.
    public var export: ExportState?
    /// Counts exports, so the answers of a cancelled one are ignored.
    public var exportSerial = 0
    /// The generation whose follow poll is on its way: at most one at a time.
    public var pollInFlight: Int?

    public init(providerID: ProviderID, paging: PagingStyle, zone: ZoneClock, filter: CallFilter, serverSideFields: Set<CallFilter.Field>) {
        self.providerID = providerID
        self.paging = paging
        self.zone = zone
        self.applied = filter
        self.serverSideFields = serverSideFields
        self.list = CallList(paging: paging, since: filter.since, until: filter.until)
    }

    /// Rows on screen.
    public var visibleRange: Range<Int> {
        scrollTop..<min(list.displayRowCount, scrollTop + max(1, viewportHeight))
    }

    public var count: ListCountText {
        switch paging {
        case .numberedPages:
            guard list.reportedTotal != nil else { return .loading }
            // The server's total also counts what the client-side parts drop (Vobiz takes whole
            // UTC dates, so "since 14:00" counts the whole day); statistics read to the end
            // counted every matching call. (Not while following: they do not hear of new calls.)
            if !follow, let statistics, statistics.generation == generation, statistics.complete, statistics.failure == nil {
                return .exact(min(statistics.figures.calls, list.rowCount))
            }
            return .exact(list.rowCount)
        case .timeWindows:
            return list.hasMoreWindows ? .atLeast(list.rowCount, backTo: list.frontier) : .exact(list.rowCount)
        }
    }

    /// "acme │ Vobiz, customer MA_1" without the bar: the profile, the provider and whose calls.
    public var connectionText: String {
        let what = "\(providerID.displayName), \(scope.describe(on: providerID))"
        guard let profile else { return what }
        return "\(SafeText.sanitize(profile)): \(what)"
    }

    /// Whether a fetch is in flight for the list or the detail.
    public var isLoading: Bool {
        if switching != nil { return true }
        if case .loading = detail { return true }
        return list.segments.contains(where: \.isLoading)
    }

    public var selectedCall: Call? {
        if case .call(let call)? = list.row(selection) { return call }
        return nil
    }

    /// Whether a filter part runs on the provider's server or here.
    public func isServerSide(_ field: FilterDraft.Field) -> Bool {
        field.filterField.map(serverSideFields.contains) ?? false
    }
}
