import CallscopeDomain
import Foundation

/// Profile and scope switches. The old connection keeps working until the new one is open
/// (a failed switch loses nothing); once it is, everything in flight for the old one is
/// cancelled and the list reloads with the filter parts the new provider can answer.
extension BrowserReducer {
    static func switchProfile(_ s: inout BrowserState, to name: String) -> [BrowserEffect] {
        guard !s.profiles.isEmpty else {
            s.status.lastError = "no profiles to switch to: add them to config.toml (README, \"Profiles\")"
            return []
        }
        guard s.profiles.contains(where: { $0.name == name }) else {
            let names = s.profiles.map { SafeText.sanitize($0.name) }.joined(separator: ", ")
            s.status.lastError = "no profile '\(SafeText.sanitize(name))': the profiles are \(names)"
            return []
        }
        return connect(&s, ConnectionTarget(profile: name))
    }

    /// What a saved file says to a scope change: it is read whole.
    static let fileHasNoScopes = "a saved file is read whole: there is no tenant, billing code or customer to narrow to (the filters narrow it)"

    static func changeScope(_ s: inout BrowserState, to scope: CallScope) -> [BrowserEffect] {
        if case .file = s.scope {
            s.status.lastError = fileHasNoScopes
            return []
        }
        guard scope.isAvailable(on: s.providerID) else {
            let fits = s.providerID == .voxo ? ":tenant ID, :billing CODE or :all" : ":account ID or :all"
            s.status.lastError = "\(s.providerID.displayName) cannot narrow that way: use \(fits)"
            return []
        }
        return connect(&s, ConnectionTarget(profile: s.profile, scope: scope))
    }

    static func narrowToCallCustomer(_ s: inout BrowserState) -> [BrowserEffect] {
        if case .file = s.scope {
            s.status.notice = fileHasNoScopes
            return []
        }
        guard s.providerID == .vobiz else {
            s.status.notice = "\(s.providerID.displayName) calls do not name their customer: use :tenant ID or :billing CODE"
            return []
        }
        guard s.scope == .all else {
            s.status.notice = "already reading one customer (:all reads every customer)"
            return []
        }
        let call: Call? = { if case .loaded(let call) = s.detail { return call } else { return s.selectedCall } }()
        guard let call else {
            s.status.notice = "no call to narrow by"
            return []
        }
        guard let account = call.account, !account.isEmpty else {
            s.status.notice = "this call does not name its customer"
            return []
        }
        return changeScope(&s, to: .account(account))
    }

    static func connect(_ s: inout BrowserState, _ target: ConnectionTarget) -> [BrowserEffect] {
        s.connectSerial += 1
        s.switching = target
        s.status.lastError = nil
        s.status.notice = "switching to \(describe(target, from: s))…"
        return [.connect(serial: s.connectSerial, target)]
    }

    static func describe(_ target: ConnectionTarget, from s: BrowserState) -> String {
        let profile = target.profile.map { "profile '\(SafeText.sanitize($0))'" }
        let scope = target.scope.map { $0.describe(on: s.profiles.first { $0.name == target.profile }?.providerID ?? s.providerID) }
        return [profile, scope].compactMap { $0 }.joined(separator: ", ")
    }

    /// The new connection is open: stop the old one's work, keep what filter the new
    /// provider can answer, and read the range again.
    static func connected(_ s: inout BrowserState, _ connection: Connection, now: Date) -> [BrowserEffect] {
        let provider = connection.provider
        s.switching = nil
        s.providerID = provider.providerID
        s.paging = provider.pagingStyle
        s.placement = FilterPlacement(provider)
        s.profile = connection.profile
        s.scope = connection.scope
        s.sourceArguments = connection.arguments
        s.customerNames = connection.customers
        if let zone = connection.zone { s.zone = zone }
        var dropped: [String] = []
        for field in FilterDraft.Field.allCases {
            guard let part = field.filterField, !provider.filterableFields.contains(part),
                  s.draft[field] != FilterDraft.defaultValue(of: field) else { continue }
            s.draft[field] = FilterDraft.defaultValue(of: field)
            dropped.append(FilterLine.key(of: field))
        }
        s.detail = .closed
        s.detailCache = [:]
        s.detailCacheOrder = []
        if s.focus == .detail { s.focus = .list }
        let wasFollowing = s.follow
        s.follow = false
        s.pollInFlight = nil
        s.activity.stop()
        var effects: [BrowserEffect] = [.cancelDetail]
        if wasFollowing { effects.append(.stopFollowTimer) }
        let old = s.generation
        effects += apply(&s, now: now)
        if s.generation == old {
            // The draft no longer validates in the new zone: read the applied range alone (the
            // sidebar shows what is wrong) rather than keep rows of the old connection.
            var range = CallFilter(since: s.applied.since, until: s.applied.until)
            range.untilIsNow = s.applied.untilIsNow
            s.applied = range
            s.appliedDraft = FilterDraft.defaults(since: s.draft.since, until: s.draft.until)
            effects += reread(&s)
        }
        var notice = "now reading \(s.connectionText)"
        if s.status.lastError != nil { notice += "; the filter did not apply, only its range" }
        if !dropped.isEmpty {
            notice += "; dropped the \(dropped.joined(separator: ", ")) filter (\(s.providerID.displayName) records cannot answer it)"
        }
        s.status.notice = notice
        return effects
    }
}
