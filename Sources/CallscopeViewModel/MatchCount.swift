import CallscopeDomain
import Foundation

/// How many calls match the applied filter, and how sure that is (docs/ARCHITECTURE.md, "Counts").
/// `BrowserState.count` is the one place that works it out; the status bar, the strip and the
/// group view only render it, so two places on a screen cannot disagree.
public enum MatchCount: Sendable, Hashable {
    /// Nothing is known yet: the first answer is on its way.
    case loading
    /// Nothing is known, and nothing is on its way to say (the first answer failed).
    case unknown
    /// Exactly this many: the provider counted exactly the filter, or every call of the range was read.
    case exact(Int)
    /// At least this many: the calls found so far, with older windows still to read (`backTo`: how
    /// far back the reading has got).
    case atLeast(Int, backTo: Date?)
    /// At most `bound`: the provider counted a wider set than the filter (Vobiz counts whole UTC
    /// days around a time of day; a part of the filter is matched here), and `found` of them
    /// are known to match so far.
    case atMost(Int, found: Int)

    public var isExact: Bool {
        if case .exact = self { return true }
        return false
    }

    /// As the status bar says it: "180 calls", "at least 145, back to 2026-03-10 12:00",
    /// "≤720 calls, 61 so far", "counting…".
    public func text(zone: ZoneClock) -> String {
        switch self {
        case .loading: return "counting…"
        case .unknown: return "count unknown"
        case .exact(let n): return "\(n) call\(n == 1 ? "" : "s")"
        case .atLeast(let n, let back):
            return "at least \(n)" + (back.map { ", back to \(zone.local($0).description.prefix(16))" } ?? "")
        case .atMost(let bound, let found):
            return "≤\(bound) call\(bound == 1 ? "" : "s")" + (found > 0 ? ", \(found) so far" : "")
        }
    }

    /// The number alone, marked: "180", "≥145", "≤720", "…" (the strip's "calls" figure).
    public var figure: String {
        switch self {
        case .loading: return "…"
        case .unknown: return "?"
        case .exact(let n): return "\(n)"
        case .atLeast(let n, _): return "≥\(n)"
        case .atMost(let bound, _): return "≤\(bound)"
        }
    }
}
