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
    /// The profile's customers by id (`[profiles.NAME.customers]`): shown with their ids
    /// wherever a customer appears.
    public var customerNames: [String: String] = [:]
    /// The command-line arguments that open this source again (`--profile acme`, `--demo
    /// --provider vobiz`, `--file day.json`): the start of `Y f`'s line.
    public var sourceArguments: [String] = []
    /// A profile or scope switch on its way: what it goes to, for the status bar.
    public var switching: ConnectionTarget?
    /// Counts switches, so the answer of a superseded one is ignored.
    public var connectSerial = 0
    /// The display zone: times are shown, and typed, in it.
    public var zone: ZoneClock
    /// What the connected source does with a filter; set when it connects.
    public var placement: FilterPlacement
    /// Where each part of the applied filter runs: derived from it, so it can never describe
    /// an earlier filter (after `=`, a group's Enter, "more like this").
    public var serverSideFields: Set<CallFilter.Field> { placement.serverSide(applied) }

    public var draft = FilterDraft()
    /// The draft as it was when last applied: the applied filter in the words it was typed in.
    public var appliedDraft = FilterDraft()
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
    /// How the group view is sorted (`o` cycles it), and whether groups under
    /// `smallGroupLimit` calls are left out (`m`).
    public var groupSort = GroupSort.calls
    public var hidesSmallGroups = false
    public static let smallGroupLimit = 10
    /// The figures of the applied filter, read in the background while wanted.
    public var statistics: StatisticsState?
    /// The generation whose statistics are read whole past the request budget (`S`).
    public var statisticsWhole: Int?
    /// The applied filter's calls counted by outcome on the provider's server (exact), for
    /// `generation`: the strip's headline before the figures are read whole.
    public var serverCounts: (generation: Int, counts: OutcomeCounts)?

    /// The server's counts, where they are this generation's.
    public var outcomeCounts: OutcomeCounts? {
        serverCounts.flatMap { $0.generation == generation ? $0.counts : nil }
    }

    /// The strip's headline: the server's exact counts where it gave them, else the figures read
    /// so far; nil before either.
    public var headline: OutcomeCounts? {
        outcomeCounts ?? statistics.map { OutcomeCounts($0.figures) }
    }
    /// The rate deck calls are rated by, where one was named (README, "Billing").
    public var deck: RateDeck?
    /// How "now vs normal" is taken (the config's `[watch]`).
    public var watchSettings = WatchSettings()
    /// The board's dimension while it is open (`W`).
    public var boardDimension: WatchDimension?
    /// Now against normal for the applied filter, where asked (the board, a recent range's
    /// strip, follow mode).
    public var normal: NormalState?
    /// Counts the bell's rings: the terminal rings once each time it grows.
    public var bellSerial = 0

    /// This generation's report, where read.
    public var normalReport: WatchReport? {
        normal.flatMap { $0.generation == generation ? $0.report : nil }
    }

    /// The export of the applied filter, while asked about or running.
    public var export: ExportState?
    /// Counts exports, so the answers of a cancelled one are ignored.
    public var exportSerial = 0
    /// The generation whose follow poll is on its way: at most one at a time.
    public var pollInFlight: Int?

    public init(providerID: ProviderID, paging: PagingStyle, zone: ZoneClock, filter: CallFilter, placement: FilterPlacement) {
        self.providerID = providerID
        self.paging = paging
        self.zone = zone
        self.applied = filter
        self.placement = placement
        self.list = CallList(paging: paging, since: filter.since, until: filter.until)
    }

    /// A source whose parts run where `serverSideFields` says for every filter, and whose total
    /// counts a filter exactly when every part it uses is among them.
    public init(providerID: ProviderID, paging: PagingStyle, zone: ZoneClock, filter: CallFilter, serverSideFields: Set<CallFilter.Field>) {
        self.init(providerID: providerID, paging: paging, zone: zone, filter: filter, placement: .fixed(serverSideFields))
    }

    /// Rows on screen.
    public var visibleRange: Range<Int> {
        scrollTop..<min(list.displayRowCount, scrollTop + max(1, viewportHeight))
    }

    /// How many calls match the applied filter, and how sure that is: the one place that says
    /// (docs/ARCHITECTURE.md, "Counts"). Exact where the provider counts exactly the filter or
    /// everything was read (the list's pages, or the statistics' whole range); otherwise the
    /// server's wider count as a bound, or the calls found so far as a floor.
    public var count: MatchCount {
        let statistics = self.statistics.flatMap { $0.generation == generation && $0.failure == nil ? $0 : nil }
        // Statistics read to the end counted every matching call. (Not while following: they do
        // not hear of new calls.)
        if !follow, let statistics, statistics.complete { return .exact(statistics.figures.calls) }
        // The provider counted the filter itself, exactly (Vobiz, whole days).
        if !follow, let counts = outcomeCounts { return .exact(counts.calls) }
        let read = statistics?.figures.calls ?? 0
        switch paging {
        case .numberedPages:
            guard let total = list.reportedTotal else {
                if read > 0 { return .atLeast(read, backTo: nil) }
                // A first page that failed (an unknown customer's 404) leaves nothing counting.
                let failed = list.segments.contains { if case .failed = $0.load { return true } else { return false } }
                return failed && switching == nil ? .unknown : .loading
            }
            if placement.countsExactly(applied) { return .exact(list.rowCount) }
            if !follow, list.everyPageRead { return .exact(list.callsFoundOnPages) }
            return .atMost(total, found: max(read, list.callsFoundOnPages))
        case .timeWindows:
            guard list.hasMoreWindows else { return .exact(list.rowCount) }
            if let statistics, statistics.figures.calls > list.rowCount {
                return .atLeast(statistics.figures.calls, backTo: statistics.backTo ?? list.frontier)
            }
            return .atLeast(list.rowCount, backTo: list.frontier)
        }
    }

    /// The group view's rows as it shows them: sorted as chosen (hours and days in time order
    /// by default), small groups left out on request. Enter narrows by the same order.
    public var groupRows: [(key: String, figures: GroupFigures)] {
        guard let groups = statistics?.groups, groups.field == groupField else { return [] }
        let order = groupSort == .calls && (groups.field == .hour || groups.field == .day) ? .key : groupSort
        return groups.sorted(by: order, minimumCalls: hidesSmallGroups ? Self.smallGroupLimit : 0)
    }

    /// How much of the count the statistics' figures cover so far; nil once they cover it all.
    public var statisticsProgress: String? { statistics?.progressText(zone: zone, count: count) }
    /// The strip's first line: how far the reading has got, except for an estimate, which the
    /// estimated figures' own line says (`estimateLabel`) so the exact counts keep their place.
    public var stripProgress: String? { statistics?.sample == nil ? statisticsProgress : nil }
    /// "sample 45/194 pages, S reads all:" before the figures estimated from a sample.
    public var estimateLabel: String? {
        guard let statistics, let sample = statistics.sample, !statistics.complete, statistics.failure == nil else { return nil }
        return "sample \(sample.pages)/\(sample.of) pages, S reads all:"
    }

    /// The id of the customer whose name is `text` (any case), or of the only one whose name
    /// starts with it; nil where none or several do (`:account Globex`).
    public func customerID(named text: String) -> String? {
        let query = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !query.isEmpty else { return nil }
        if let exact = customerNames.first(where: { $0.value.lowercased() == query }) { return exact.key }
        let starting = customerNames.filter { $0.value.lowercased().hasPrefix(query) }
        return starting.count == 1 ? starting.first?.key : nil
    }

    /// A customer as the screen names it: "Acme Corp (MA_1)" where the profile names it, else the id.
    public func customerLabel(_ id: String) -> String {
        customerNames[id].map { "\(SafeText.sanitize($0)) (\(SafeText.sanitize(id)))" } ?? SafeText.sanitize(id)
    }

    /// "acme │ Vobiz, customer MA_1" without the bar: the profile, the provider and whose calls.
    public var connectionText: String {
        let id: String? = switch scope {
        case .account(let id), .tenant(let id), .billingCode(let id): id
        case .all, .namedCustomers, .file: nil
        }
        let name = id.flatMap { customerNames[$0] }.map { " " + SafeText.sanitize($0) } ?? ""
        let whose = scope.describe(on: providerID) + name
        let what = "\(providerID.displayName), \(whose)"
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
