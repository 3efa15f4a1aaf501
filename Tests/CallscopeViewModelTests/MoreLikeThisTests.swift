import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

/// `C`, `M`, `T` in a call's detail and `Enter` in the group view: the filter narrows to it.
@Suite("More like this")
struct MoreLikeThisTests {
    static func openCall(direction: CallDirection) -> Call {
        var call = FakeHistory.call(7)
        call.direction = direction
        call.hangupCause = "USER_BUSY"
        call.trunk = "trunk_mum1"
        call.from = "+919876543210"
        call.to = "+14155550100"
        return call
    }

    @Test func theOpenCallsCauseNumberAndTrunk() {
        var h = Harness(paging: .vobiz)
        h.send(.narrowLikeOpenCall(.cause))
        #expect(h.state.status.notice == "open a call first")
        #expect(h.state.generation == 0)

        h.state.detail = .loaded(Self.openCall(direction: .inbound))
        h.send(.narrowLikeOpenCall(.trunk))
        #expect(h.state.applied.trunk == "trunk_mum1")
        #expect(h.state.generation == 1, "applied: a new list")
        h.send(.narrowLikeOpenCall(.cause))
        #expect(h.state.applied.hangupCause == "USER_BUSY" && h.state.applied.trunk == "trunk_mum1", "narrowing adds up")
        // The other party: the caller of an inbound call, the called number of an outbound one.
        h.send(.narrowLikeOpenCall(.number))
        #expect(h.state.applied.from == "+919876543210")
        h.state.detail = .loaded(Self.openCall(direction: .outbound))
        h.send(.narrowLikeOpenCall(.number))
        #expect(h.state.applied.to == "+14155550100")

        var noTrunk = Self.openCall(direction: .inbound)
        noTrunk.trunk = nil
        h.state.detail = .loaded(noTrunk)
        let generation = h.state.generation
        h.send(.narrowLikeOpenCall(.trunk))
        #expect(h.state.status.notice == "this call names no trunk" && h.state.generation == generation)
    }

    @Test func enterOnATrunkGroupNarrowsAndHourSaysWhyNot() {
        var h = Harness(paging: .vobiz)
        h.send(.openGroups)
        h.send(.cycleGroupField)  // cause → direction
        #expect(h.state.groupField == .direction)
        h.state.groupField = .trunk
        h.send(.narrowToGroup("trunk_del2"))
        #expect(h.state.applied.trunk == "trunk_del2" && h.state.groupField == nil)
        h.state.groupField = .hour
        let generation = h.state.generation
        h.send(.narrowToGroup("07:00"))
        #expect(h.state.generation == generation)
        #expect(h.state.status.notice?.contains("cannot narrow by hour") == true)
    }

    @Test func theTrunkFilterMatchesWholeNamesInAnyCase() {
        var filter = CallFilter(since: .distantPast, until: .distantFuture)
        filter.trunk = "TRUNK_MUM1"
        let matcher = CallMatcher(filter)
        var call = Self.openCall(direction: .inbound)
        #expect(matcher.matches(call))
        call.trunk = "trunk_mum10"
        #expect(!matcher.matches(call))
        call.trunk = nil
        #expect(!matcher.matches(call))
        // On the filter line too.
        let parsed = FilterLine.parse("trunk:trunk_abc failed")
        #expect(parsed.terms.contains { $0.field == .trunk && $0.value == "trunk_abc" })
    }
}
