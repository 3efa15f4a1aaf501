import CallscopeDomain
import Foundation

/// One page or time window of the list, and where its loading stands.
public struct ListSegment: Sendable {
    public enum Load: Sendable {
        /// Not asked for yet; shown as `rowCount` placeholder rows.
        case unloaded
        case loading
        case loaded([Call])
        /// Dropped to bound memory; `rowCount` remembers its size so rows below keep their place.
        case evicted
        case failed(String)
    }

    /// Stable while the segment lives, so an answer finds it even after calls were put on top.
    public let id: Int
    public let request: SegmentRequest
    public var load: Load
    /// Rows the segment takes in the list now.
    public var rowCount: Int
    /// Numbered pages not yet asked for are held as one placeholder run of `pageCount`
    /// pages (`request` names the first), split when a page in it is wanted, so a list of
    /// 10^9 rows costs a handful of segments, not 10^7.
    public var pageCount = 1
    /// Numbered lists only: calls a follow poll put on top of pages whose new total already
    /// counts them. Evicting it removes it (the pages hold those calls), rather than leaving
    /// placeholder rows no request could fill.
    public var followOverlay = false

    public var calls: [Call]? {
        if case .loaded(let calls) = load { return calls }
        return nil
    }

    public var isLoading: Bool {
        if case .loading = load { return true }
        return false
    }

    /// Whether the segment needs a fetch to show its rows.
    public var isPlaceholderRun: Bool { pageCount > 1 }

    public var needsFetch: Bool {
        switch load {
        case .unloaded, .evicted: return true
        case .loading, .loaded, .failed: return false
        }
    }
}
