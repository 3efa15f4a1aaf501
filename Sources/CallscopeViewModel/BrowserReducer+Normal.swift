import CallscopeDomain
import Foundation

/// "Now vs normal": the board (`W`), the strip's normal for a recent range, and follow mode's
/// bell for a new alert (README, "Is something wrong?").
extension BrowserReducer {
    static func reduceNormal(_ s: inout BrowserState, _ intent: BrowserIntent, now: Date) -> [BrowserEffect] {
        switch intent {
        case .openBoard:
            s.boardDimension = s.boardDimension ?? NormalBoard.dimensions[0]
            s.normal?.fresh = 0
            return ensureNormal(&s)
        case .cycleBoardDimension:
            let dimensions = NormalBoard.dimensions
            let index = dimensions.firstIndex(of: s.boardDimension ?? dimensions[0]) ?? 0
            s.boardDimension = dimensions[(index + 1) % dimensions.count]
            return []
        case .closeBoard:
            s.boardDimension = nil
            return []
        case .narrowToBoardRow(let group):
            guard let report = s.normalReport else { return [] }
            s.boardDimension = nil
            let alert = report.alerts.filter { $0.group == group }.max { $0.severity < $1.severity }
            var selection = alert?.selection ?? {
                var selection = WatchSelection(since: report.windows.now.start, until: report.windows.now.end)
                selection.narrow(to: group)
                return selection
            }()
            if group.dimension == .country {
                s.status.notice = "the filter has no country field: these are the window's calls of every country"
            }
            // The board's window, and the alert's fields over what the filter already says.
            let narrowed = selection.draft(zone: s.zone)
            s.draft.since = narrowed.since
            s.draft.until = narrowed.until
            for field in [FilterDraft.Field.direction, .status, .hangupCause, .trunk, .to, .from, .maxDuration] where !narrowed[field].isEmpty {
                s.draft[field] = narrowed[field]
            }
            let scope = selection.scope(within: s.scope, provider: s.providerID)
            selection.account = nil
            if scope != s.scope, s.providerID == .vobiz || scope != .all {
                return changeScope(&s, to: scope)
            }
            return apply(&s, now: now) + ensureStatistics(&s)
        default:
            return []
        }
    }

    /// Starts a look at now against normal when the board or a recent range's strip wants one
    /// and this generation has none.
    static func ensureNormal(_ s: inout BrowserState) -> [BrowserEffect] {
        let window = NormalBoard.windowSeconds(for: s.applied, settings: s.watchSettings)
        guard s.boardDimension != nil || (s.showStatistics && window.matchesRange) || (s.follow && s.watchSettings.follow) else { return [] }
        if let normal = s.normal, normal.generation == s.generation { return [] }
        let seen = s.normal?.seen ?? []
        s.normal = NormalState(generation: s.generation)
        s.normal?.seen = seen
        return [.readNormal(generation: s.generation, s.applied, settings(for: s), zone: s.zone)]
    }

    /// Follow mode looks again once a minute; the store's reader asks only for what is new.
    static func lookAgain(_ s: inout BrowserState, now: Date) -> [BrowserEffect] {
        guard s.watchSettings.follow else { return [] }
        guard let normal = s.normal, normal.generation == s.generation else { return ensureNormal(&s) }
        // The last look's end, or its failure: a minute after either, look again.
        guard !normal.asking, let last = normal.report?.windows.now.end ?? normal.failedAt,
              now.timeIntervalSince(last) >= NormalBoard.followLook else { return [] }
        s.normal?.asking = true
        return [.readNormal(generation: s.generation, s.applied, settings(for: s), zone: s.zone)]
    }

    static func settings(for s: BrowserState) -> WatchSettings {
        var settings = s.watchSettings
        settings.windowSeconds = NormalBoard.windowSeconds(for: s.applied, settings: s.watchSettings).seconds
        return settings
    }

    static func normalRead(_ s: inout BrowserState, generation: Int, _ report: WatchReport) -> [BrowserEffect] {
        guard generation == s.generation, var normal = s.normal, normal.generation == generation else { return [] }
        let identities = Set(report.alerts.map(\.identity))
        let appeared = report.alerts.filter { !normal.seen.contains($0.identity) }
        normal.report = report
        normal.failure = nil
        normal.failedAt = nil
        normal.asking = false
        normal.seen.formUnion(identities)
        if s.follow, let first = appeared.first {
            normal.fresh += appeared.count
            if s.watchSettings.bell { s.bellSerial += 1 }
            s.status.notice = "new alert: \(first.headline) (W: now vs normal)"
        }
        s.normal = normal
        return []
    }

    static func normalFailed(_ s: inout BrowserState, generation: Int, message: String, now: Date) -> [BrowserEffect] {
        guard generation == s.generation, s.normal?.generation == generation else { return [] }
        s.normal?.failure = message
        s.normal?.failedAt = now
        s.normal?.asking = false
        if s.boardDimension != nil { s.status.lastError = "now vs normal: \(message)" }
        return []
    }
}
