import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

/// Customers by name (a profile's `[profiles.NAME.customers]`): wherever a customer appears —
/// the all-customers list, the status bar, the detail, the groups, a copied call — its name is
/// shown with its id, and `:account` takes the name.
@Suite("Customers by name")
struct CustomerNameTests {
    static let names = ["MA_48149cf4": "Acme Corp", "MA_7d2e91a0": "Globex"]

    /// Vobiz rows of every customer, naming their account, with no caller names.
    func state() -> BrowserState {
        let ids = ["MA_48149cf4", "MA_7d2e91a0", "MA_c05b3f18"]
        var state = ScreenFixture.state(height: 12) { index, call in
            call.callerName = nil
            call.account = ids[index % ids.count]
        }
        state.providerID = .vobiz
        state.scope = .all
        state.customerNames = Self.names
        return state
    }

    @Test func theListTheStatusBarTheDetailAndTheGroupsNameTheCustomer() throws {
        var state = state()
        let list = ScreenFixture.render(state, rows: 24, columns: 120).text
        #expect(list.contains("CUSTOMER") && list.contains("Acme Corp") && list.contains("Globex") && list.contains("MA_c05b3f18"), "\(list)")

        let call = try #require(state.list.loadedCalls.first { $0.account == "MA_7d2e91a0" })
        state.detail = .loaded(call)
        let detail = ScreenFixture.render(state, rows: 40, columns: 120).text
        #expect(detail.contains("MA_7d2e91a0 (Globex)"), "\(detail)")
        #expect(try #require(Evidence.call(state, markdown: true)).contains("customer `MA_7d2e91a0` Globex"))

        state.detail = .closed
        state.groupField = .account
        var statistics = StatisticsState(generation: state.generation, range: state.applied.since...state.applied.until, groupBy: .account, zone: state.zone)
        for call in state.list.loadedCalls { statistics.groups?.add(call); statistics.figures.add(call) }
        statistics.complete = true
        state.statistics = statistics
        let groups = ScreenFixture.render(state, rows: 24, columns: 120).text
        #expect(groups.contains("Acme Corp (MA_48149cf4)") && groups.contains("Globex (MA_7d2e91a0)"), "\(groups)")

        state.groupField = nil
        state.scope = .account("MA_48149cf4")
        #expect(state.connectionText == "Vobiz, customer MA_48149cf4 Acme Corp")
    }

    @Test func accountTakesANameOrItsStart() {
        let state = state()
        var ui = UIState()
        #expect(InputController.command("account globex", state: state, ui: &ui) == [.action(.changeScope(.account("MA_7d2e91a0")))])
        #expect(InputController.command("account Acme", state: state, ui: &ui) == [.action(.changeScope(.account("MA_48149cf4")))])
        #expect(InputController.command("account MA_c05b3f18", state: state, ui: &ui) == [.action(.changeScope(.account("MA_c05b3f18")))])
        #expect(InputController.command("account", state: state, ui: &ui).isEmpty)
        #expect(ui.message?.contains("Acme Corp (MA_48149cf4)") == true && ui.message?.contains("Globex (MA_7d2e91a0)") == true, "\(ui.message ?? "")")
    }

    /// A row of every customer that names none: the detail says where its SIP code and MOS are.
    @Test func aRowWithoutItsCustomerSaysWhereTheSIPCodeIs() {
        var call = ScreenFixture.call(3, provider: .vobiz)
        call.sipResponseCode = nil
        call.mos = nil
        call.hasFullerDetail = true
        let facts = CallFacts.of(call, zone: ZoneClock(identifier: "UTC")!)
        #expect(facts.contains { $0.label == "SIP code" && $0.value.contains("open the call with :account ID") })
        #expect(facts.contains { $0.label == "MOS" && $0.value == "not in the list's record" })
    }

    /// `P` offers the profile's customers too: typing narrows to one, Enter reads it.
    @Test func thePickerCompletesFromTheCustomers() {
        var state = state()
        state.profile = "acme"
        state.profiles = [ProfileSummary(name: "acme", providerID: .vobiz, scope: .all, zone: nil, isDefault: true)]
        var ui = UIState()
        _ = InputController.handle(.char("P"), state: state, ui: &ui)
        for character in "glob" { _ = InputController.handle(.char(character), state: state, ui: &ui) }
        let grid = ScreenFixture.render(state, ui: ui, rows: 24, columns: 100).text
        #expect(grid.contains("Globex") && grid.contains("customer MA_7d2e91a0 of acme") && grid.contains("1 of 3"), "\(grid)")
        #expect(InputController.handle(.enter, state: state, ui: &ui) == [.action(.changeScope(.account("MA_7d2e91a0")))])
        #expect(ui.picker == nil)
    }
}
