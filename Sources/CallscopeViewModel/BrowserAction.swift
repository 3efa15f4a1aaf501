import CallscopeDomain
import Foundation

/// What a person asks of the browser: a key, a command, a resize. The terminal turns keys into
/// these and nothing else (docs/ARCHITECTURE.md, "Threading model").
public enum BrowserIntent: Sendable, Hashable {
    // Moving
    case resize(height: Int)
    case moveBy(Int)
    case pageDown, pageUp, halfPageDown, halfPageUp
    case top, bottom
    case jump(toRow: Int)
    case focus(Pane)
    case focusNext, focusPrevious

    // Filters
    case edit(FilterDraft.Field, String)
    case clear(FilterDraft.Field)
    case applyFilter
    /// Several fields at once from one typed line (`FilterLine`); a bad term is named and left out.
    case applyFilterLine(String)
    /// Every field back to the profile's defaults (`:reset`, `X`), applied.
    case resetFilter
    case refresh

    // Find
    case find(String, forward: Bool)
    case nextMatch, previousMatch

    // Detail
    case openSelected
    case open(id: String)
    case openLinked(previous: Bool)
    case closeDetail
    case retry

    // Follow mode
    case toggleFollow

    // Triage
    case toggleStatistics
    /// `S`: read every call of the range for the strip, past the request budget.
    case readAllStatistics
    case openGroups
    /// The next field to group by.
    case cycleGroupField
    case closeGroups
    /// The next order for the group view's rows (`o`).
    case cycleGroupSort
    /// Leave out, or show again, groups with few calls (`m`).
    case toggleSmallGroups
    /// Narrow the filter to the group with this key.
    case narrowToGroup(String)
    /// "More like this": narrow to the open call's cause or number.
    case narrowLikeOpenCall(LikeCall)

    /// `W`: the "now vs normal" board.
    case openBoard
    /// The board's next dimension (customers, trunks, countries, directions).
    case cycleBoardDimension
    case closeBoard
    /// Narrow the list to the calls behind a board row: its worst alert's, else the group's.
    case narrowToBoardRow(WatchGroup)

    // Profiles and scope
    case switchProfile(String)
    case changeScope(CallScope)
    /// Narrow to the customer the open (or selected) call names.
    case narrowToCallCustomer

    // Export (`e`)
    /// Write every call of the applied filter to `path` (a prompt's answer).
    case startExport(path: String)
    /// `y` to the question whether to replace an existing file.
    case confirmExportReplace
    /// Esc while exporting, or any other key at the question: stop, leave no file.
    case cancelExport
}

/// Every change to the state: what a person asked (`intent`), and what the outside answered.
public enum BrowserAction: Sendable {
    case intent(BrowserIntent)
    /// The follow timer's tick.
    case followTick

    // Answers (the runtime sends these)
    case segmentLoaded(generation: Int, index: Int, Segment)
    case segmentFailed(generation: Int, index: Int, message: String)
    case detailLoaded(requestedID: String, Call)
    case detailProgress(requestedID: String, scannedBackTo: Date)
    case detailFailed(requestedID: String, message: String)
    case polled(generation: Int, Segment)
    case pollFailed(generation: Int, message: String)
    case statisticsRead(generation: Int, StatisticsState)
    /// The filter's calls counted by outcome on the server (before, or while, they are read).
    case outcomesCounted(generation: Int, OutcomeCounts)
    case connected(serial: Int, Connection)
    case connectFailed(serial: Int, message: String)
    case exportProgress(serial: Int, written: Int, total: Int?)
    case exportNeedsConfirmation(serial: Int, path: String)
    case exportFinished(serial: Int, path: String, written: Int)
    case exportFailed(serial: Int, path: String, message: String)
    /// The source finished reading what it answered from its beginning (a large saved file
    /// shown head first); `serial`: the connection's (`connectSerial` when it was started).
    case sourceSettled(serial: Int, SourceSettlement)
    /// The applied filter's total, for a numbered list whose first page came without one.
    case totalLearned(generation: Int, total: Int)
    case totalFailed(generation: Int, message: String)
    /// Now against normal, read (`readNormal`).
    case normalRead(generation: Int, WatchReport)
    case normalFailed(generation: Int, message: String)
}

/// Intents as actions, spelled as the intents are (`.applyFilter`, `.moveBy(1)`), for those who
/// dispatch them in code: the store at start, tests, benchmarks.
extension BrowserAction {
    public static func resize(height: Int) -> BrowserAction { .intent(.resize(height: height)) }
    public static func moveBy(_ rows: Int) -> BrowserAction { .intent(.moveBy(rows)) }
    public static var pageDown: BrowserAction { .intent(.pageDown) }
    public static var pageUp: BrowserAction { .intent(.pageUp) }
    public static var halfPageDown: BrowserAction { .intent(.halfPageDown) }
    public static var halfPageUp: BrowserAction { .intent(.halfPageUp) }
    public static var top: BrowserAction { .intent(.top) }
    public static var bottom: BrowserAction { .intent(.bottom) }
    public static func jump(toRow row: Int) -> BrowserAction { .intent(.jump(toRow: row)) }
    public static func focus(_ pane: Pane) -> BrowserAction { .intent(.focus(pane)) }
    public static var focusNext: BrowserAction { .intent(.focusNext) }
    public static var focusPrevious: BrowserAction { .intent(.focusPrevious) }
    public static func edit(_ field: FilterDraft.Field, _ text: String) -> BrowserAction { .intent(.edit(field, text)) }
    public static func clear(_ field: FilterDraft.Field) -> BrowserAction { .intent(.clear(field)) }
    public static var applyFilter: BrowserAction { .intent(.applyFilter) }
    public static func applyFilterLine(_ line: String) -> BrowserAction { .intent(.applyFilterLine(line)) }
    public static var resetFilter: BrowserAction { .intent(.resetFilter) }
    public static var refresh: BrowserAction { .intent(.refresh) }
    public static func find(_ text: String, forward: Bool) -> BrowserAction { .intent(.find(text, forward: forward)) }
    public static var nextMatch: BrowserAction { .intent(.nextMatch) }
    public static var previousMatch: BrowserAction { .intent(.previousMatch) }
    public static var openSelected: BrowserAction { .intent(.openSelected) }
    public static func open(id: String) -> BrowserAction { .intent(.open(id: id)) }
    public static func openLinked(previous: Bool) -> BrowserAction { .intent(.openLinked(previous: previous)) }
    public static var closeDetail: BrowserAction { .intent(.closeDetail) }
    public static var retry: BrowserAction { .intent(.retry) }
    public static var toggleFollow: BrowserAction { .intent(.toggleFollow) }
    public static var toggleStatistics: BrowserAction { .intent(.toggleStatistics) }
    public static var readAllStatistics: BrowserAction { .intent(.readAllStatistics) }
    public static var openGroups: BrowserAction { .intent(.openGroups) }
    public static var cycleGroupField: BrowserAction { .intent(.cycleGroupField) }
    public static var closeGroups: BrowserAction { .intent(.closeGroups) }
    public static var cycleGroupSort: BrowserAction { .intent(.cycleGroupSort) }
    public static var toggleSmallGroups: BrowserAction { .intent(.toggleSmallGroups) }
    public static func narrowToGroup(_ key: String) -> BrowserAction { .intent(.narrowToGroup(key)) }
    public static func narrowLikeOpenCall(_ like: LikeCall) -> BrowserAction { .intent(.narrowLikeOpenCall(like)) }
    public static func switchProfile(_ name: String) -> BrowserAction { .intent(.switchProfile(name)) }
    public static func changeScope(_ scope: CallScope) -> BrowserAction { .intent(.changeScope(scope)) }
    public static var narrowToCallCustomer: BrowserAction { .intent(.narrowToCallCustomer) }
    public static func startExport(path: String) -> BrowserAction { .intent(.startExport(path: path)) }
    public static var confirmExportReplace: BrowserAction { .intent(.confirmExportReplace) }
    public static var cancelExport: BrowserAction { .intent(.cancelExport) }
}

/// What "more like this" narrows to.
public enum LikeCall: Sendable, Hashable {
    case cause, number, trunk
}

/// Work the reducer asks the runtime to do.
public enum BrowserEffect: Sendable, Hashable {
    case fetchSegment(generation: Int, index: Int, SegmentRequest, CallFilter)
    /// `summary`: the list row of that call, where loaded; it may say where its full record is.
    case fetchDetail(id: String, CallFilter, summary: Call?)
    case cancelDetail
    /// Stop everything in flight for an older generation.
    case cancelGeneration(Int)
    case poll(generation: Int, SegmentRequest, CallFilter)
    case startFollowTimer(Duration)
    case stopFollowTimer
    /// Read the whole range of `filter` for statistics (and groups by a field), in the background.
    /// `whole`: past the provider's request budget (`S`); else an estimate where the range needs more.
    case readStatistics(generation: Int, CallFilter, groupBy: GroupField?, zone: ZoneClock, whole: Bool, deck: RateDeck? = nil)
    case stopStatistics
    /// Open a connection for a profile or scope switch (answered by `connected` / `connectFailed`).
    case connect(serial: Int, ConnectionTarget)
    /// Write every call of `filter` to `path` (answered by the `export…` actions).
    case export(serial: Int, path: String, CallFilter, replacing: Bool)
    case cancelExport
    /// Ask the source for the total of `filter` (answered by `totalLearned` / `totalFailed`).
    case fetchTotal(generation: Int, CallFilter)
    /// `r`: the local store beneath the provider reads `filter`'s range from the provider again
    /// (performed before the reads that follow it).
    case forgetStored(CallFilter)
    /// Read the filter's window ending now and the same window of the earlier days
    /// (`WatchReader`); a later look of the same generation asks only for what is new.
    case readNormal(generation: Int, CallFilter, WatchSettings, zone: ZoneClock)
}
