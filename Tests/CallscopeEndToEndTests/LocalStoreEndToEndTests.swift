import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing

/// The local store in the real browser: a closed range read whole once is shown again with no
/// request and says so, `r` asks the provider again, and `--offline` answers from the store alone
/// at 80×24 saying which ranges it holds.
@Suite("callscope keeps closed history", .serialized)
struct LocalStoreEndToEndTests {
    @Test func aClosedRangeIsShownFromTheStoreAndOfflineSaysWhatItHolds() async throws {
        var configuration = MockServerConfiguration(history: .init(seed: 5, count: 3_000, anchor: 1_774_440_000, span: 10 * 86_400))
        configuration.controlRoutes = true
        let server = try await MockServer.start(configuration)
        let state = try TemporaryDirectory()
        defer { Task { await server.stop() } }
        let environment = ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken,
                           "TZ": "UTC", "LANG": "C", "XDG_STATE_HOME": state.url.path]
        let range = ["--provider", "vobiz", "--base-url", server.baseURL, "--since", "2026-03-21", "--until", "2026-03-22"]

        // First look: the strip (on from 30 rows) reads the two days whole, so they are kept.
        let first = try TmuxPane(range, columns: 120, rows: 40, environment: environment)
        // Read whole: the strip's first line is the counts alone, with no progress after them.
        func readWhole(_ screen: String) -> Bool { screen.range(of: #"calls \d+  answered"#, options: .regularExpression) != nil }
        var (ok, screen) = try await first.waitFor(readWhole)
        #expect(ok, "first look:\n\(screen)")
        #expect(!screen.contains("from store"))
        try first.sendKeys(["q"])
        _ = try await first.waitFor { $0.contains("EXITED 0") }
        first.close()

        let before = await server.state.faults.requestCount
        let second = try TmuxPane(range, columns: 120, rows: 40, environment: environment)
        (ok, screen) = try await second.waitFor { $0.contains("from store, as of ") && $0.contains("NORMAL_CLEARING") }
        #expect(ok, "second look:\n\(screen)")
        #expect(await server.state.faults.requestCount == before, "the second look asks nothing")
        // r asks the provider again, and the status bar no longer says the store answered; what
        // the store holds stays held (offline below) while it is read again.
        try second.sendKeys(["r"])
        (ok, screen) = try await second.waitFor { !$0.contains("from store") && readWhole($0) }
        #expect(ok, "after r:\n\(screen)")
        #expect(await server.state.faults.requestCount > before, "r asks the provider")
        try second.sendKeys(["q"])
        second.close()

        // Offline, a wider range at 80x24: the held days only, said in a word and on the message line.
        var wider = range
        wider[5] = "2026-03-19"
        let offline = try TmuxPane(wider + ["--offline"], columns: 80, rows: 24, environment: environment)
        defer { offline.close() }
        let asked = await server.state.faults.requestCount
        (ok, screen) = try await offline.waitFor { $0.contains("| offline |") && $0.contains("offline: store holds 03-21 00:00-03-23 00:00") }
        #expect(ok, "offline:\n\(screen)")
        #expect(await server.state.faults.requestCount == asked, "offline asks nothing")
        #expect(screen.contains("2026-03-19"), "the filter stays on screen:\n\(screen)")
    }
}
