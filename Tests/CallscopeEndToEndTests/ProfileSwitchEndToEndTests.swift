import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing

/// Profiles in the real binary: config.toml, a token command, `P`, `:profile`, `:account`, `c`.
@Suite("callscope switches profiles in a terminal", .serialized)
struct ProfileSwitchEndToEndTests {
    /// The browser on profile `acme`, which names two customers, over a mock of `count` calls in
    /// the given Vobiz spelling; returns the pane and the server (stop both when done).
    static func acmeWithCustomers(_ dialect: VobizDialect, count: Int) async throws -> (pane: TmuxPane, server: RunningMockServer, home: TemporaryDirectory) {
        let now = Int64(Date().timeIntervalSince1970)
        var configuration = MockServerConfiguration(history: .init(seed: 3, count: count, anchor: now - 60, span: 86_400))
        configuration.vobizDialect = dialect
        let server = try await MockServer.start(configuration)
        let home = try TemporaryDirectory(prefix: "callscope-e2e-customers")
        try home.write("config/callscope/config.toml", """
            [profiles.acme]
            provider = "vobiz"
            base_url = "\(server.baseURL)"
            auth_id = "\(MockCredentials.vobizAuthID)"
            token_env = "ACME_TOKEN"
            since = "2d"

            [profiles.acme.customers]
            MA_48149cf4 = "Acme Corp"
            MA_7d2e91a0 = "Globex"
            """, mode: 0o600)
        let pane = try TmuxPane(["--profile", "acme"], environment: ["XDG_CONFIG_HOME": home.path + "/config", "XDG_STATE_HOME": home.path + "/state",
                                                                     "ACME_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC"])
        return (pane, server, home)
    }

    /// A profile that names its customers, over rows that name their account: the names in the
    /// list and the groups, and the detail of an all-customers row read from the customer's own
    /// single-call endpoint (SIP code and all).
    @Test func customersByName() async throws {
        let (pane, server, home) = try await Self.acmeWithCustomers(.alternate, count: 400)
        defer {
            pane.close()
            withExtendedLifetime(home) {}
            Task { await server.stop() }
        }
        var (ok, screen) = try await pane.waitFor { $0.contains("CUSTOMER") && $0.contains("Acme Corp") && $0.contains("Globex") }
        #expect(ok, "the list names the customers:\n\(screen)")
        try pane.sendKeys(["F"])
        for _ in 0..<5 { try pane.sendKeys(["Tab"]) }
        (ok, screen) = try await pane.waitFor { $0.contains("Calls by account") && $0.contains("Acme Corp (MA_48149cf4)") }
        #expect(ok, "groups by account, named:\n\(screen)")
        try pane.sendKeys(["Escape", "Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("Outcome") && $0.contains("SIP code") && $0.contains("account") }
        #expect(ok, "the detail of an all-customers row has the customer's SIP code:\n\(screen)")
        try pane.type(":account globex")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("customer MA_7d2e91a0 Globex") }
        #expect(ok, ":account by name:\n\(screen)")
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
    }

    /// Rows of every customer that do not say whose call they are (the documented spelling):
    /// `:customers` reads the named customers one by one, merged, and every row then names one.
    @Test func theNamedCustomersMerged() async throws {
        let (pane, server, home) = try await Self.acmeWithCustomers(.documented, count: 600)
        defer {
            pane.close()
            withExtendedLifetime(home) {}
            Task { await server.stop() }
        }
        var (ok, screen) = try await pane.waitFor { $0.contains("acme: Vobiz, all customers") && $0.contains("NORMAL_CLEARING") }
        #expect(ok && !screen.contains("CUSTOMER"), "rows that name no customer:\n\(screen)")
        try pane.type(":customers")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("named customers, merged") && $0.contains("CUSTOMER") && $0.contains("Acme Corp") && $0.contains("Globex") }
        #expect(ok, "merged, each row naming its customer:\n\(screen)")
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
    }

    @Test func pickAnotherProfileThenNarrowTheScope() async throws {
        let now = Int64(Date().timeIntervalSince1970)
        // The alternate Vobiz spelling names each row's customer, which `c` narrows to.
        var configuration = MockServerConfiguration(history: .init(seed: 3, count: 400, anchor: now - 60, span: 86_400))
        configuration.vobizDialect = .alternate
        let server = try await MockServer.start(configuration)
        let home = try TemporaryDirectory(prefix: "callscope-e2e-profiles")
        let token = try home.script("vobiz-token", "echo '\(MockCredentials.vobizAuthToken)'")
        try home.write("config/callscope/config.toml", """
            default_profile = "acme"

            [profiles.acme]
            provider = "vobiz"
            base_url = "\(server.baseURL)"
            auth_id = "\(MockCredentials.vobizAuthID)"
            token_command = ["\(token)"]
            since = "2d"

            [profiles.voxo-ops]
            provider = "voxo"
            base_url = "\(server.baseURL)"
            token_env = "OPS_TOKEN"
            zone = "America/Chicago"
            """, mode: 0o600)
        let environment = ["XDG_CONFIG_HOME": home.path + "/config", "XDG_STATE_HOME": home.path + "/state",
                           "OPS_TOKEN": MockCredentials.voxoToken, "TZ": "UTC"]
        let pane = try TmuxPane([], environment: environment)
        defer {
            pane.close()
            Task { await server.stop() }
        }
        // The default profile, named in the status bar.
        var (ok, screen) = try await pane.waitFor { $0.contains("acme: Vobiz, all customers") && $0.contains("calls") && !$0.contains("loading") }
        #expect(ok, "first frame:\n\(screen)")

        // P, type to narrow, Enter: the list reloads from VOXO in the profile's zone.
        try pane.sendKeys(["P"])
        (ok, screen) = try await pane.waitFor { $0.contains("Switch profile") && $0.contains("voxo-ops") && $0.contains("2 of 2") }
        #expect(ok, "picker:\n\(screen)")
        try pane.type("vox")
        (ok, screen) = try await pane.waitFor { $0.contains("1 of 2") }
        #expect(ok, "narrowed:\n\(screen)")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { s in
            s.contains("voxo-ops: VOXO, all partner calls") && s.contains("America/Chicago") && s.contains("now reading") && !s.contains("Switch profile")
        }
        #expect(ok, "switched:\n\(screen)")

        // Back by command, then narrow to one customer.
        try pane.type(":profile acme")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("acme: Vobiz, all customers") && $0.contains("now reading") && $0.contains("UTC") }
        #expect(ok, "back:\n\(screen)")
        try pane.type(":account MA_48149cf4")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("acme: Vobiz, customer MA_48149cf4") && $0.contains("calls") && !$0.contains("loading") }
        #expect(ok, "narrowed by :account:\n\(screen)")

        // :all, then c narrows to the customer the selected call names.
        try pane.type(":all")
        try pane.sendKeys(["Enter"])
        (ok, screen) = try await pane.waitFor { $0.contains("acme: Vobiz, all customers") && !$0.contains("loading") }
        #expect(ok, ":all:\n\(screen)")
        try pane.sendKeys(["c"])
        (ok, screen) = try await pane.waitFor { $0.contains("acme: Vobiz, customer MA_") }
        #expect(ok, "c:\n\(screen)")

        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
        #expect(!pane.raw.contains(Data(MockCredentials.vobizAuthToken.utf8)), "the token never reaches the terminal")
    }
}
