import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing

/// The "now vs normal" board in the real browser: over a normal week with a burst of short
/// calls planted in the last hour for one customer, `W` lists that customer first, marked, and
/// Enter narrows the list to its calls.
@Suite("callscope shows now against normal", .serialized)
struct NormalBoardEndToEndTests {
    @Test func theBoardShowsThePlantedCustomerFirstAndEnterNarrowsToItsCalls() async throws {
        let now = Int64(Date().timeIntervalSince1970)
        var configuration = MockServerConfiguration(history: .init(seed: 3, count: 8 * 24 * 200, anchor: now, span: 8 * 86_400,
                                                                   incidents: [MockIncident(kind: .shortBurst, slot: 1)]))
        configuration.controlRoutes = true
        let server = try await MockServer.start(configuration)
        defer { Task { await server.stop() } }
        let home = try TemporaryDirectory()
        var environment = try NamedCustomersProfile.write(in: home.url.path, baseURL: server.baseURL,
                                                          names: ["Acme", "Globex", "Initech", "Umbrella"])
        environment["LANG"] = "C.UTF-8"
        environment["XDG_STATE_HOME"] = home.url.path + "/state"
        let pane = try TmuxPane(["--profile", "mock", "--named-customers", "--since", "1h"], columns: 120, rows: 40, environment: environment)
        defer { pane.close() }
        var (ok, screen) = try await pane.waitFor { $0.contains(" calls │") || $0.contains(" calls |") }
        #expect(ok, "the list:\n\(screen)")
        try pane.sendKeys(["W"])
        (ok, screen) = try await pane.waitFor { $0.contains("Now vs normal: customers") && $0.contains("alert") && $0.contains("CUSTOMER") }
        #expect(ok, "the board:\n\(screen)")
        let rows = screen.split(separator: "\n").map(String.init)
        let header = try #require(rows.firstIndex { $0.contains("CUSTOMER") && $0.contains("ALERT") })
        let first = rows.indices.contains(header + 1) ? rows[header + 1] : ""
        #expect(first.contains("!! Globex (MA_7d2e91a0)"), "the planted customer first, marked critical:\n\(screen)")
        #expect(first.contains("short-burst: "), "\(first)")
        #expect(screen.contains("CRITICAL short-burst: customer MA_7d2e91a0:") && screen.contains("outbound calls of ≤ 6 s talk"), "the highlighted row's alert in full:\n\(screen)")
        #expect(screen.contains("! ") && screen.contains("(W)"), "the status bar marks the alerts:\n\(screen)")

        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("answered · outbound · talk ≤ 6 s") && !$0.contains("Now vs normal") && $0.contains("NORMAL_CLEARING") }
        #expect(ok, "narrowed to the customer's short calls:\n\(screen)")
        let calls = screen.split(separator: "\n").filter { $0.range(of: #"\d\d:\d\d:\d\d (in|out) "#, options: .regularExpression) != nil }
        #expect(!calls.isEmpty && calls.allSatisfy { $0.contains(" out ") && $0.contains("answered") }, "outbound answered calls only:\n\(screen)")
        #expect(screen.contains("customer MA_7d2e91a0") || screen.contains("Globex"), "the customer read:\n\(screen)")
    }
}
