import CallscopeDomain
import CallscopeTesting
import Foundation
import Synchronization
import Testing
@testable import CallscopeViewModel

/// A provider that answers nothing: only its identity matters to the reducer.
struct IdleProvider: CallProvider {
    let providerID: ProviderID
    var pagingStyle: PagingStyle { providerID == .vobiz ? .numberedPages(size: 100) : .timeWindows(maximumSeconds: 86_400) }
    func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [.timeRange] }
    var filterableFields: Set<CallFilter.Field> {
        providerID == .voxo ? Set(CallFilter.Field.allCases).subtracting([.hangupCause]) : Set(CallFilter.Field.allCases)
    }
    func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment { throw CancellationError() }
    func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call { throw CancellationError() }
}

/// Connections by profile name; a name mapped to nil fails like a refused token command.
struct FakeConnector: ProviderConnector {
    let profiles: [ProfileSummary]
    let connections: [String: any CallProvider]

    func connect(_ target: ConnectionTarget) async throws -> Connection {
        guard let name = target.profile ?? profiles.first?.name, let provider = connections[name] else {
            throw FakeRefusal()
        }
        let profile = profiles.first { $0.name == name }
        return Connection(provider: provider, profile: name, scope: target.scope ?? profile?.scope ?? .all, zone: nil)
    }

    struct FakeRefusal: Error, CustomStringConvertible {
        var description: String { "the token_command of profile 'broken' failed with exit status 1" }
    }
}

@Suite("Switching profile and scope")
struct ProfileSwitchTests {
    static let profiles = [
        ProfileSummary(name: "acme", providerID: .vobiz, scope: .all, zone: nil, isDefault: true),
        ProfileSummary(name: "voxo-37", providerID: .voxo, scope: .tenant("37"), zone: "America/Chicago", isDefault: false),
    ]

    func loadedHarness() -> Harness {
        var h = Harness(paging: .numberedPages(size: 100))
        h.state.profiles = Self.profiles
        h.state.profile = "acme"
        h.send(.resize(height: 20))
        h.answerAll { request in
            guard case .page(let number) = request else { return FakeHistory.page(1, total: 250) }
            return FakeHistory.page(number, total: 250)
        }
        return h
    }

    @Test func anUnknownProfileListsTheProfilesThereAre() {
        var h = loadedHarness()
        #expect(h.send(.switchProfile("nope")).isEmpty)
        #expect(h.state.status.lastError == "no profile 'nope': the profiles are acme, voxo-37")
        h.state.profiles = []
        h.send(.switchProfile("acme"))
        #expect(h.state.status.lastError?.hasPrefix("no profiles to switch to") == true)
    }

    @Test func theOldListStaysUntilTheNewConnectionIsOpen() {
        var h = loadedHarness()
        let effects = h.send(.switchProfile("voxo-37"))
        #expect(effects == [.connect(serial: 1, ConnectionTarget(profile: "voxo-37"))])
        #expect(h.state.list.rowCount == 250 && h.state.switching != nil && h.state.isLoading)
        #expect(h.state.status.notice == "switching to profile 'voxo-37'…")
        // The switch fails: nothing already loaded is lost.
        h.send(.connectFailed(serial: 1, message: "the token_command of profile 'voxo-37' failed"))
        #expect(h.state.list.rowCount == 250 && h.state.switching == nil && h.state.providerID == .vobiz)
        #expect(h.state.status.lastError == "the token_command of profile 'voxo-37' failed")
    }

    @Test func connectedCancelsTheOldWorkAndKeepsTheFilterTheNewProviderCanAnswer() {
        var h = loadedHarness()
        h.state.draft.hangupCause = "USER_BUSY"
        h.state.draft.direction = "inbound"
        h.state.draft.from = "5550100"
        h.send(.applyFilter)
        h.send(.open(id: "call-3"))
        h.send(.toggleFollow)
        let oldGeneration = h.state.generation
        h.send(.switchProfile("voxo-37"))
        let effects = h.send(.connected(serial: 1, Connection(provider: IdleProvider(providerID: .voxo), profile: "voxo-37", scope: .tenant("37"), zone: ZoneClock(identifier: "America/Chicago"))))
        #expect(effects.contains(.cancelGeneration(oldGeneration)))
        #expect(effects.contains(.cancelDetail))
        #expect(effects.contains(.stopFollowTimer))
        #expect(effects.contains { if case .fetchSegment(_, _, .window, _) = $0 { return true } else { return false } })
        #expect(h.state.providerID == .voxo && h.state.paging == .timeWindows(maximumSeconds: 86_400))
        #expect(h.state.zone.identifier == "America/Chicago")
        #expect(h.state.draft.hangupCause == "" && h.state.applied.hangupCause == nil, "VOXO records carry no cause")
        #expect(h.state.draft.direction == "inbound" && h.state.applied.direction == .inbound)
        #expect(h.state.draft.from == "5550100")
        #expect(!h.state.follow)
        if case .closed = h.state.detail {} else { Issue.record("the old provider's detail stayed open") }
        #expect(h.state.list.rowCount == 0 && h.state.generation > oldGeneration)
        #expect(h.state.connectionText == "voxo-37: VOXO, tenant 37")
        #expect(h.state.status.notice == "now reading voxo-37: VOXO, tenant 37; dropped the cause filter (VOXO records cannot answer it)")
    }

    @Test func anAnswerForASupersededSwitchIsIgnored() {
        var h = loadedHarness()
        h.send(.switchProfile("voxo-37"))
        h.send(.switchProfile("acme"))
        #expect(h.send(.connected(serial: 1, Connection(provider: IdleProvider(providerID: .voxo), profile: "voxo-37", scope: .all, zone: nil))).isEmpty)
        #expect(h.state.providerID == .vobiz && h.state.switching == ConnectionTarget(profile: "acme"))
    }

    @Test func scopeCommandsFitTheProvider() {
        var h = loadedHarness()
        #expect(h.send(.changeScope(.tenant("37"))).isEmpty)
        #expect(h.state.status.lastError == "Vobiz cannot narrow that way: use :account ID or :all")
        #expect(h.send(.changeScope(.account("MA_1"))) == [.connect(serial: 1, ConnectionTarget(profile: "acme", scope: .account("MA_1")))])
    }

    @Test func aCallThatNamesItsCustomerNarrowsToIt() {
        var h = loadedHarness()
        h.send(.narrowToCallCustomer)
        #expect(h.state.status.notice == "this call does not name its customer")
        var call = FakeHistory.call(0)
        call.account = "MA_7"
        h.state.detail = .loaded(call)
        #expect(h.send(.narrowToCallCustomer) == [.connect(serial: 1, ConnectionTarget(profile: "acme", scope: .account("MA_7")))])
        h.send(.connected(serial: 1, Connection(provider: IdleProvider(providerID: .vobiz), profile: "acme", scope: .account("MA_7"), zone: nil)))
        h.send(.narrowToCallCustomer)
        #expect(h.state.status.notice == "already reading one customer (:all reads every customer)")
    }

    @Test func pickerNarrowsByEveryWord() {
        #expect(ProfileSummary.matching("", in: Self.profiles).map(\.name) == ["acme", "voxo-37"])
        #expect(ProfileSummary.matching("VOXO", in: Self.profiles).map(\.name) == ["voxo-37"])
        #expect(ProfileSummary.matching("vobiz all", in: Self.profiles).map(\.name) == ["acme"])
        #expect(ProfileSummary.matching("tenant 38", in: Self.profiles).isEmpty)
    }

    @Test func theStoreSwitchesProvidersAndCancelsWhatWasInFlight() async throws {
        let first = GatedProvider(total: 900)
        let second = GatedProvider(total: 120)
        let connector = FakeConnector(profiles: Self.profiles, connections: ["voxo-37": second])
        let store = BrowserStore(provider: first, zone: ZoneClock(identifier: "UTC")!, clock: ManualClock(now: FakeHistory.anchor), profile: "acme", connector: connector)
        store.start()
        #expect(store.snapshot.profiles == Self.profiles)
        #expect(await waitFor(draining: store) { first.isWaiting(1) })
        store.dispatch(.switchProfile("voxo-37"))
        #expect(await waitFor(draining: store) { second.isWaiting(1) })
        #expect(await waitFor(draining: store) { first.cancellations == 1 }, "the old provider's page was cancelled")
        second.release(1)
        #expect(await store.waitUntil { $0.count == .exact(120) && $0.profile == "voxo-37" })
        // A failing switch keeps the current connection and says why.
        store.dispatch(.switchProfile("acme"))
        #expect(await store.waitUntil { $0.status.lastError?.contains("exit status 1") == true })
        #expect(store.snapshot.count == .exact(120) && store.snapshot.profile == "voxo-37")
        store.stop()
    }
}
