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

    // Answers (the runtime sends these)
    case segmentLoaded(generation: Int, index: Int, Segment)
    case segmentFailed(generation: Int, index: Int, message: String)
    case detailLoaded(requestedID: String, Call)
    case detailProgress(requestedID: String, scannedBackTo: Date)
    case detailFailed(requestedID: String, message: String)
    case polled(generation: Int, Segment)
    case pollFailed(generation: Int, message: String)
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
}
