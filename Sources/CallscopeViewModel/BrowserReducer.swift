import CallscopeDomain
import Foundation

/// Applies one action to the state and says what work to start. Pure: no I/O, no clock
/// but the `now` it is given, so every behaviour is tested by feeding actions.
public enum BrowserReducer {
    public static let followInterval: Duration = .seconds(10)
    public static let detailCacheLimit = 64

    public static func reduce(_ s: inout BrowserState, _ action: BrowserAction, now: Date) -> [BrowserEffect] {
        switch action {
        case .intent(let intent):
            return reduceIntent(&s, intent, now: now)
        case .followTick:
            return s.follow ? lookAgain(&s, now: now) + poll(&s, now: now) : []
        case .normalRead(let generation, let report):
            return normalRead(&s, generation: generation, report)
        case .normalFailed(let generation, let message):
            return normalFailed(&s, generation: generation, message: message, now: now)

        case .segmentLoaded(let generation, let id, let segment):
            guard generation == s.generation else { return [] }
            return received(&s) { list in list.receive(segment, segmentID: id) }
        case .segmentFailed(let generation, let id, let message):
            guard generation == s.generation else { return [] }
            s.list.fail(message, segmentID: id)
            s.status.lastError = message
            if s.activity.stop() == .seekingEnd { s.status.notice = nil }
            return []

        case .detailLoaded(let requested, let call):
            guard case .loading(requested, _) = s.detail else { return [] }
            remember(&s, call, as: requested)
            s.detail = .loaded(call)
            return []
        case .detailProgress(let requested, let back):
            guard case .loading(requested, _) = s.detail else { return [] }
            s.detail = .loading(id: requested, scannedBackTo: back)
            return []
        case .detailFailed(let requested, let message):
            guard case .loading(requested, _) = s.detail else { return [] }
            s.detail = .failed(id: requested, message: message)
            s.status.lastError = message
            return []

        case .polled(let generation, let segment):
            if s.pollInFlight == generation { s.pollInFlight = nil }
            guard generation == s.generation else { return [] }
            let added = s.list.prepend(segment.calls, reportedTotal: segment.reportedTotal)
            // The selected call stays selected and the view stays put.
            s.selection += added
            s.scrollTop += added
            guard added > 0 else { return [] }
            s.status.notice = "\(added) new call\(added == 1 ? "" : "s")"
            // New calls are held like any others: what is far from the view goes.
            return fetches(&s, horizon: s.prefetchHorizon)
        case .pollFailed(let generation, let message):
            if s.pollInFlight == generation { s.pollInFlight = nil }
            guard generation == s.generation else { return [] }
            s.status.lastError = message
            return []

        case .connected(let serial, let connection):
            guard serial == s.connectSerial else { return [] }
            return connected(&s, connection, now: now) + ensureStatistics(&s)
        case .statisticsRead(let generation, let statistics):
            guard generation == s.generation else { return [] }
            s.statistics = statistics
            return []
        case .outcomesCounted(let generation, let counts):
            guard generation == s.generation else { return [] }
            s.serverCounts = (generation, counts)
            return []
        case .connectFailed(let serial, let message):
            guard serial == s.connectSerial else { return [] }
            s.switching = nil
            s.status.notice = nil
            s.status.lastError = message
            return []
        case .exportProgress, .exportNeedsConfirmation, .exportFinished, .exportFailed:
            return reduceExportAnswer(&s, action)
        case .sourceSettled(let serial, let settlement):
            // A settlement of a connection since switched away from says nothing of this one.
            guard serial == s.connectSerial else { return [] }
            return settled(&s, settlement)
        case .totalLearned(let generation, let total):
            guard generation == s.generation else { return [] }
            return received(&s) { list in list.learn(total: total) }
        case .totalFailed(let generation, let message):
            guard generation == s.generation else { return [] }
            s.status.lastError = message
            return []
        }
    }

    /// What a person asked: a key, a command, a resize.
    static func reduceIntent(_ s: inout BrowserState, _ intent: BrowserIntent, now: Date) -> [BrowserEffect] {
        switch intent {
        case .resize(let height):
            s.viewportHeight = max(1, height)
            return move(&s, to: s.selection) + ensureStatistics(&s)
        case .moveBy(let rows):
            return move(&s, to: s.selection + rows)
        case .pageDown:
            s.scrollTop += s.viewportHeight
            return move(&s, to: s.selection + s.viewportHeight)
        case .pageUp:
            s.scrollTop = max(0, s.scrollTop - s.viewportHeight)
            return move(&s, to: s.selection - s.viewportHeight)
        case .halfPageDown:
            return move(&s, to: s.selection + max(1, s.viewportHeight / 2))
        case .halfPageUp:
            return move(&s, to: s.selection - max(1, s.viewportHeight / 2))
        case .top:
            return move(&s, to: 0, jump: true)
        case .bottom:
            return bottom(&s)
        case .jump(let row):
            return move(&s, to: row, jump: true)
        case .focus(let pane):
            s.focus = pane
            return []
        case .focusNext, .focusPrevious:
            let panes = visiblePanes(s)
            let current = panes.firstIndex(of: s.focus) ?? 0
            let step = { if case .focusNext = intent { return 1 } else { return panes.count - 1 } }()
            s.focus = panes[(current + step) % panes.count]
            return []

        case .edit(let field, let text):
            s.draft[field] = text
            s.fieldErrors[field] = nil
            return []
        case .clear(let field):
            s.draft[field] = FilterDraft.defaultValue(of: field)
            s.fieldErrors[field] = nil
            return []
        case .applyFilter:
            return apply(&s, now: now) + ensureStatistics(&s)
        case .refresh:
            // From the provider, not the local store: what it holds of the range is read again.
            let effects = apply(&s, now: now)
            guard !effects.isEmpty else { return effects + ensureStatistics(&s) }
            return [.forgetStored(s.applied)] + effects + ensureStatistics(&s)
        case .applyFilterLine(let line):
            return applyLine(&s, line, now: now) + ensureStatistics(&s)
        case .resetFilter:
            s.draft = s.defaults
            s.fieldErrors = [:]
            let effects = apply(&s, now: now) + ensureStatistics(&s)
            if s.status.lastError == nil { s.status.notice = "filter reset to the defaults: since \(s.defaults.since) until \(s.defaults.until)" }
            return effects

        case .find(let text, let forward):
            s.search = SearchState(query: text, forward: forward)
            return find(&s, forward: forward, from: s.selection)
        case .nextMatch:
            return find(&s, forward: s.search.forward, from: s.selection + (s.search.forward ? 1 : -1))
        case .previousMatch:
            return find(&s, forward: !s.search.forward, from: s.selection + (s.search.forward ? -1 : 1))

        case .openSelected:
            guard let call = s.selectedCall else { return [] }
            return open(&s, id: call.id)
        case .open(let raw):
            let id = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !id.isEmpty, id.count <= 200, !id.unicodeScalars.contains(where: SafeText.needsEscape) else {
                s.status.lastError = "'\(SafeText.sanitize(raw))' is not a call id"
                return []
            }
            return open(&s, id: id)
        case .openLinked(let previous):
            guard case .loaded(let call) = s.detail, let id = previous ? call.previousLegId : call.nextLegId else {
                s.status.notice = previous ? "this call has no earlier leg" : "this call has no later leg"
                return []
            }
            return open(&s, id: id)
        case .closeDetail:
            let wasLoading = { if case .loading = s.detail { return true } else { return false } }()
            s.detail = .closed
            if s.focus == .detail { s.focus = .list }
            return wasLoading ? [.cancelDetail] : []
        case .retry:
            s.status.lastError = nil
            s.list.resetFailed()
            var effects = fetches(&s, horizon: s.prefetchHorizon)
            if case .failed(let id, _) = s.detail {
                s.detail = .loading(id: id, scannedBackTo: nil)
                let summary = s.list.loadedCalls.first { $0.id == id || $0.alternateId == id }
                effects.append(.fetchDetail(id: id, s.applied, summary: summary))
            }
            return effects

        case .toggleFollow:
            if case .file = s.scope, !s.follow {
                s.status.notice = "a saved file gets no new calls: follow is for a live provider"
                return []
            }
            s.follow.toggle()
            s.status.notice = s.follow ? "following new calls" : "follow off"
            return s.follow ? [.startFollowTimer(followInterval)] + ensureNormal(&s) + poll(&s, now: now) : [.stopFollowTimer]
        case .switchProfile(let name):
            return switchProfile(&s, to: name)
        case .changeScope(let scope):
            return changeScope(&s, to: scope)
        case .narrowToCallCustomer:
            return narrowToCallCustomer(&s)
        case .toggleStatistics, .readAllStatistics, .openGroups, .cycleGroupField, .closeGroups, .cycleGroupSort, .toggleSmallGroups, .narrowToGroup, .narrowLikeOpenCall:
            return reduceTriage(&s, intent, now: now)
        case .openBoard, .cycleBoardDimension, .closeBoard, .narrowToBoardRow:
            return reduceNormal(&s, intent, now: now)
        case .startExport, .confirmExportReplace, .cancelExport:
            return reduceExport(&s, intent)
        }
    }

    // MARK: Moving

    static func move(_ s: inout BrowserState, to row: Int, jump: Bool = false) -> [BrowserEffect] {
        let last = max(0, s.list.displayRowCount - 1)
        let target = min(max(0, row), last)
        s.movingDown = target >= s.selection
        s.selection = target
        // The user moved on: a find still waiting for rows must not pull the selection away.
        if s.activity.stop().isFinding { s.status.notice = nil }
        scrollToSelection(&s)
        // A jump loads what it lands on; steady travel also loads ahead.
        return fetches(&s, horizon: jump ? 0 : s.prefetchHorizon)
    }

    static func scrollToSelection(_ s: inout BrowserState) {
        let height = max(1, s.viewportHeight)
        let maxTop = max(0, s.list.displayRowCount - height)
        if s.selection < s.scrollTop { s.scrollTop = s.selection }
        if s.selection >= s.scrollTop + height { s.scrollTop = s.selection - height + 1 }
        s.scrollTop = min(max(0, s.scrollTop), maxTop)
    }

    static let endSearchNotice = "the provider's count was wrong; looking for the last page…"

    static func bottom(_ s: inout BrowserState) -> [BrowserEffect] {
        guard s.list.hasMoreWindows else {
            // A numbered list's last page may prove its total wrong; then the end is sought.
            let effects = move(&s, to: s.list.rowCount - 1, jump: true)
            if case .numberedPages = s.paging { s.activity.seekEnd() }
            return effects
        }
        // A windowed list has no end until every window is read: read on, then land there.
        let effects = move(&s, to: s.list.displayRowCount - 1, jump: true)
        s.activity.seekEnd()
        s.status.notice = "reading back to the start of the range…"
        return effects + segmentEffects(&s, s.list.nextUnloaded(after: s.list.rowCount))
    }

    static func visiblePanes(_ s: BrowserState) -> [Pane] {
        if case .closed = s.detail { return [.filters, .list] }
        return Pane.allCases
    }

    // MARK: Loading

    /// Fetches for the rows on screen and the horizon ahead; drops far segments.
    static func fetches(_ s: inout BrowserState, horizon: Int) -> [BrowserEffect] {
        let requests = s.list.requestsNeeded(visible: s.visibleRange, movingDown: s.movingDown, horizon: horizon)
        evict(&s, around: s.selection)
        return segmentEffects(&s, requests)
    }

    /// Evicts far segments; rows removed above (follow overlays) move the view with them.
    static func evict(_ s: inout BrowserState, around row: Int) {
        let removedAbove = s.list.evict(around: row)
        guard removedAbove > 0 else { return }
        s.selection = max(0, s.selection - removedAbove)
        s.scrollTop = max(0, s.scrollTop - removedAbove)
        s.activity.rowsRemoved(above: removedAbove)
    }

    static func segmentEffects(_ s: inout BrowserState, _ requests: [(id: Int, request: SegmentRequest)]) -> [BrowserEffect] {
        requests.map { .fetchSegment(generation: s.generation, index: $0.id, $0.request, s.applied) }
    }

    /// Applies a segment change while keeping the selected call (or the selected row's
    /// place in its segment) selected, then continues what was waiting on it.
    static func received(_ s: inout BrowserState, _ change: (inout CallList) -> Bool) -> [BrowserEffect] {
        let anchorID = s.selectedCall?.id
        let anchor = s.list.locate(row: s.selection).map { (id: s.list.segments[$0.segment].id, offset: $0.offset) }
        let offsetOnScreen = s.selection - s.scrollTop
        guard change(&s.list) else { return [] }
        // The selected call is nearly always where it was in its segment: look there before
        // walking every loaded call for its id.
        let anchorRow = anchor.flatMap { anchor in s.list.index(ofSegmentID: anchor.id).map { s.list.rowStart(ofSegment: $0) + anchor.offset } }
        if let anchorID, let anchorRow, case .call(let call)? = s.list.row(anchorRow), call.id == anchorID {
            s.selection = anchorRow
        } else if let anchorID, let row = s.list.row(ofCallID: anchorID) {
            s.selection = row
        } else if let anchor, let index = s.list.index(ofSegmentID: anchor.id) {
            s.selection = s.list.rowStart(ofSegment: index) + min(anchor.offset, max(0, s.list.segments[index].rowCount - 1))
        }
        s.selection = min(s.selection, max(0, s.list.displayRowCount - 1))
        s.scrollTop = max(0, s.selection - offsetOnScreen)
        scrollToSelection(&s)
        if case .finding(let forward, let resumeRow) = s.activity {
            // Look through the new rows first; then hold what is near where the look goes on.
            let effects = find(&s, forward: forward, from: resumeRow)
            evict(&s, around: s.activity.resumeRow ?? s.selection)
            return effects
        }
        if case .numberedPages = s.paging, s.list.endIsUncertain {
            // A page came back empty inside the claimed total: find the real end by halves
            // before reading on page by page (a claimed 2^63 would take 10^7 requests).
            s.status.notice = endSearchNotice
            return segmentEffects(&s, s.list.nextEndProbe())
        }
        if s.status.notice == endSearchNotice { s.status.notice = nil }
        if s.activity == .seekingEnd, case .numberedPages = s.paging {
            return move(&s, to: s.list.rowCount - 1, jump: true)
        }
        if s.activity == .seekingEnd {
            // Reading on to the end: hold what is near the end, not everything on the way.
            evict(&s, around: s.list.rowCount - 1)
            if s.list.hasUnrequestedWindows {
                return segmentEffects(&s, s.list.nextUnloaded(after: s.list.rowCount))
            }
            if s.list.hasMoreWindows { return [] }
            s.status.notice = nil
            return move(&s, to: s.list.rowCount - 1, jump: true)
        }
        return fetches(&s, horizon: s.prefetchHorizon)
    }

    /// The source has read everything it answered the first page before (a large saved file).
    /// Pages shown in an order that did not hold are read again; a numbered list still without
    /// its total asks for it.
    static func settled(_ s: inout BrowserState, _ settlement: SourceSettlement) -> [BrowserEffect] {
        var effects: [BrowserEffect] = []
        if !settlement.earlierAnswersStand {
            // The applied filter, not the draft: an edit that did not validate must not keep the
            // pages shown in the wrong order. (An export waits for the settlement before reading.)
            effects = reread(&s) + ensureStatistics(&s)
        } else if case .numberedPages = s.paging, s.list.reportedTotal == nil {
            effects = [.fetchTotal(generation: s.generation, s.applied)]
        }
        if let notice = settlement.notice { s.status.notice = notice }
        if let problem = settlement.problem { s.status.lastError = problem }
        return effects
    }

    // MARK: Filters

    static func apply(_ s: inout BrowserState, now: Date) -> [BrowserEffect] {
        switch s.draft.validate(zone: s.zone, now: now) {
        case .failure(let errors):
            s.fieldErrors = errors.byField
            if let first = errors.first { s.status.lastError = "\(FilterLine.key(of: first.field)): \(first.message)" }
            return []
        case .success(let filter):
            s.zone = s.draft.resolvedZone(display: s.zone) ?? s.zone
            s.fieldErrors = [:]
            s.status = StatusLine()
            s.applied = filter
            s.appliedDraft = s.draft
            return reread(&s)
        }
    }

    /// Reads the applied filter again from its first row, as a new generation: what the old one
    /// was fetching is cancelled, and its late answers are dropped.
    static func reread(_ s: inout BrowserState) -> [BrowserEffect] {
        let old = s.generation
        s.generation += 1
        s.list = CallList(paging: s.paging, since: s.applied.since, until: s.applied.until, maximumLoadedSegments: s.list.maximumLoadedSegments)
        s.selection = 0
        s.scrollTop = 0
        s.activity.stop()
        return [.cancelGeneration(old)] + fetches(&s, horizon: s.prefetchHorizon)
    }

    /// The line is the filter: its terms over the profile's defaults, so a field left off is
    /// cleared (the range goes back to the default). A term that does not validate is named and
    /// its field keeps what was applied; the status line says so and what the filter now is.
    static func applyLine(_ s: inout BrowserState, _ line: String, now: Date) -> [BrowserEffect] {
        let parsed = FilterLine.parse(line)
        let before = s.draft
        s.draft = s.defaults
        for term in parsed.terms { s.draft[term.field] = term.value }
        var problems = parsed.unknown.map { "'\(SafeText.sanitize($0))' names no field (use since, until, zone, dir, status, from, to, cause, trunk, min, max, search)" }
        var kept: [String] = []
        if case .failure(let errors) = s.draft.validate(zone: s.zone, now: now) {
            for (field, message) in errors.byField.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                problems.append("\(FilterLine.key(of: field)): \(message)")
                s.draft[field] = before[field]
                kept.append(FilterLine.describe(field, before[field]))
            }
        }
        let effects = apply(&s, now: now)
        if !problems.isEmpty, s.status.lastError == nil {
            let keptText = kept.isEmpty ? "" : "; kept \(kept.joined(separator: " "))"
            let now = FilterLine.describe(s.draft, against: s.defaults)
            s.status.lastError = problems.joined(separator: "; ") + keptText + " — the filter is " + (now.isEmpty ? "the defaults" : now)
        }
        return effects
    }

    // MARK: Find

    /// Moves to the first row matching the find text from `start` on in that direction; where
    /// rows are not loaded, loads the segment and looks again from there when it comes.
    static func find(_ s: inout BrowserState, forward: Bool, from start: Int) -> [BrowserEffect] {
        let query = s.search.query.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return [] }
        let matcher = CallMatcher(text: query)
        let step = forward ? 1 : -1
        if start < 0 { return notFound(&s, query, forward: forward) }
        guard start < s.list.rowCount, var position = s.list.locate(row: start) else {
            return forward ? findFurtherBack(&s, query) : notFound(&s, query, forward: forward)
        }
        while s.list.segments.indices.contains(position.segment) {
            let segment = s.list.segments[position.segment]
            if let calls = segment.calls {
                var offset = position.offset
                while offset >= 0 && offset < calls.count {
                    if matcher.matches(calls[offset]) {
                        s.activity.stop()
                        s.status.notice = nil
                        return move(&s, to: s.list.rowStart(ofSegment: position.segment) + offset)
                    }
                    offset += step
                }
            } else if segment.needsFetch || segment.isLoading {
                // Rows not here yet: fetch them and look again from here when they come.
                let first = s.list.rowStart(ofSegment: position.segment)
                s.activity.waitToFind(forward: forward, from: forward ? first : first + max(0, segment.rowCount - 1))
                s.status.notice = "searching for '\(SafeText.sanitize(query))'…"
                return segmentEffects(&s, s.list.startLoading(segmentAt: position.segment, fromEnd: !forward).map { [$0] } ?? [])
            }
            position.segment += step
            guard s.list.segments.indices.contains(position.segment) else { break }
            position.offset = forward ? 0 : max(0, (s.list.segments[position.segment].calls?.count ?? 1) - 1)
        }
        return forward ? findFurtherBack(&s, query) : notFound(&s, query, forward: forward)
    }

    /// Past the last row read: read an older window and look again, or say there is none.
    static func findFurtherBack(_ s: inout BrowserState, _ query: String) -> [BrowserEffect] {
        guard s.list.hasMoreWindows else { return notFound(&s, query, forward: true) }
        s.activity.waitToFind(forward: true, from: s.list.rowCount)
        s.status.notice = "searching for '\(SafeText.sanitize(query))' further back…"
        return segmentEffects(&s, s.list.nextUnloaded(after: s.list.rowCount))
    }

    static func notFound(_ s: inout BrowserState, _ query: String, forward: Bool) -> [BrowserEffect] {
        s.activity.stop()
        s.status.notice = "no \(forward ? "further" : "earlier") match for '\(SafeText.sanitize(query))'"
        return []
    }

    // MARK: Detail

    static func open(_ s: inout BrowserState, id: String) -> [BrowserEffect] {
        s.focus = .detail
        // Whatever was being fetched for the previous call is no longer wanted.
        let wasLoading = { if case .loading = s.detail { return true } else { return false } }()
        let cancel: [BrowserEffect] = wasLoading ? [.cancelDetail] : []
        if let cached = s.detailCache[id] {
            s.detail = .loaded(cached)
            return cancel
        }
        let loaded = s.list.loadedCalls.first { $0.id == id || $0.alternateId == id }
        if let loaded, !loaded.hasFullerDetail {
            remember(&s, loaded, as: id)
            s.detail = .loaded(loaded)
            return cancel
        }
        s.detail = .loading(id: id, scannedBackTo: nil)
        return cancel + [.fetchDetail(id: id, s.applied, summary: loaded)]
    }

    static func remember(_ s: inout BrowserState, _ call: Call, as requested: String) {
        for key in Set([requested, call.id]) {
            if s.detailCache.updateValue(call, forKey: key) == nil { s.detailCacheOrder.append(key) }
        }
        while s.detailCacheOrder.count > detailCacheLimit {
            s.detailCache[s.detailCacheOrder.removeFirst()] = nil
        }
    }

    // MARK: Follow

    static func poll(_ s: inout BrowserState, now: Date) -> [BrowserEffect] {
        // A slow provider must not pile polls up: the next tick waits for this answer.
        guard s.pollInFlight != s.generation else { return [] }
        s.pollInFlight = s.generation
        var filter = s.applied
        // An end the user gave stays where it is; only an open end ("now") moves on.
        if filter.untilIsNow { filter.until = max(filter.until, now.addingTimeInterval(60)) }
        let newest = s.list.newestSeen ?? s.applied.until.addingTimeInterval(-3600)
        switch s.paging {
        case .numberedPages:
            return [.poll(generation: s.generation, .page(1), filter)]
        case .timeWindows:
            filter.since = newest
            return [.poll(generation: s.generation, .window(since: newest, until: filter.until), filter)]
        }
    }
}
