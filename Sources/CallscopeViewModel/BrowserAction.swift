import CallscopeDomain
import Foundation

/// Every user intent, and every answer from the outside, as one value.
public enum BrowserAction: Sendable {
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
    case followTick

    // Triage
    case toggleStatistics
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

    // Answers (the runtime sends these)
    case segmentLoaded(generation: Int, index: Int, Segment)
    case segmentFailed(generation: Int, index: Int, message: String)
    case detailLoaded(requestedID: String, Call)
    case detailProgress(requestedID: String, scannedBackTo: Date)
    case detailFailed(requestedID: String, message: String)
    case polled(generation: Int, Segment)
    case pollFailed(generation: Int, message: String)
    case statisticsRead(generation: Int, StatisticsState)
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
    case readStatistics(generation: Int, CallFilter, groupBy: GroupField?, zone: ZoneClock)
    case stopStatistics
    /// Open a connection for a profile or scope switch (answered by `connected` / `connectFailed`).
    case connect(serial: Int, ConnectionTarget)
    /// Write every call of `filter` to `path` (answered by the `export…` actions).
    case export(serial: Int, path: String, CallFilter, replacing: Bool)
    case cancelExport
    /// Ask the source for the total of `filter` (answered by `totalLearned` / `totalFailed`).
    case fetchTotal(generation: Int, CallFilter)
}
