import CallscopeDomain
import Foundation

/// What a browsing session starts from: the typed filter and the profile's defaults, who and
/// where, and what the source says at start. The reducer derives the first state from it
/// (`BrowserReducer.initialState`), as it derives every later one.
public struct BrowserStart: Sendable {
    public var zone: ZoneClock
    public var draft: FilterDraft
    public var defaults: FilterDraft
    public var maximumLoadedSegments = 12
    public var profile: String?
    public var scope: CallScope = .all
    public var sourceArguments: [String] = []
    public var customers: [String: String] = [:]
    public var profiles: [ProfileSummary] = []
    /// What the source says at start (a saved file: what it is, and where it stopped).
    public var notice: String?
    public var problem: String?
    /// The config's `[watch]`: how the board and follow mode take normal.
    public var watch = WatchSettings()
    /// The rate deck calls are rated by (`--rates`, a profile's `rates`).
    public var deck: RateDeck?

    public init(zone: ZoneClock, draft: FilterDraft, defaults: FilterDraft) {
        self.zone = zone
        self.draft = draft
        self.defaults = defaults
    }
}

extension BrowserReducer {
    /// The first state: the typed filter applied, or, where it does not validate, the last
    /// week browsed while the sidebar shows what is wrong.
    public static func initialState(_ start: BrowserStart, providerID: ProviderID, paging: PagingStyle,
                                    placement: FilterPlacement, now: Date) -> BrowserState {
        let validated = start.draft.validate(zone: start.zone, now: now)
        let filter = (try? validated.get()) ?? {
            var lastWeek = CallFilter(since: now.addingTimeInterval(-7 * 86_400), until: now)
            lastWeek.untilIsNow = true
            return lastWeek
        }()
        var state = BrowserState(providerID: providerID, paging: paging, zone: start.zone, filter: filter, placement: placement)
        state.draft = start.draft
        state.defaults = start.defaults
        state.appliedDraft = (try? validated.get()) == nil ? start.defaults : start.draft
        state.profile = start.profile
        state.scope = start.scope
        state.sourceArguments = start.sourceArguments
        state.customerNames = start.customers
        state.profiles = start.profiles
        state.watchSettings = start.watch
        state.deck = start.deck
        state.status.notice = start.notice
        state.status.lastError = start.problem
        if case .failure(let errors) = validated {
            state.fieldErrors = errors.byField
            state.status.lastError = errors.first.map { "\(FilterLine.key(of: $0.field)): \($0.message)" }
        }
        state.list = CallList(paging: paging, since: filter.since, until: filter.until, maximumLoadedSegments: start.maximumLoadedSegments)
        return state
    }
}
