import CallscopeMockServer
import CallscopeTesting
import Foundation
import Testing

/// Errors that echo the credentials (a 401 naming the token, a proxy's page quoting the
/// Authorization header, a login's 5xx echoing the password), in the real browser: the secret
/// and its first 12 characters are on no screen, in no byte written to the terminal and in no
/// log line (docs/ARCHITECTURE.md, "Secrets").
@Suite("callscope shows no echoed secret", .serialized)
struct SecretEchoEndToEndTests {
    static func expectNothingOf(_ secret: String, in text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for needle in [secret, String(secret.prefix(12))] {
            #expect(!text.contains(needle), "\(what) holds '\(needle)':\n\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["vobiz", "voxo-token", "voxo-login"])
    func echoedCredentialsNeverReachTheTerminalOrTheLog(_ credential: String) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        var configuration = MockServerConfiguration(history: .init(seed: 3, count: 300, anchor: now - 60, span: 86_400))
        configuration.controlRoutes = true
        let server = try await MockServer.start(configuration)
        let state = try TemporaryDirectory()
        let (provider, secret, environment): (String, String, [String: String]) = switch credential {
        case "vobiz": ("vobiz", MockCredentials.vobizAuthToken, ["VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken])
        case "voxo-token": ("voxo", MockCredentials.voxoToken, ["VOXO_TOKEN": MockCredentials.voxoToken])
        default: ("voxo", MockCredentials.voxoPassword, ["VOXO_EMAIL": MockCredentials.voxoEmail, "VOXO_PASSWORD": MockCredentials.voxoPassword])
        }
        // The first requests (a login, the first page, the strip's) are answered with an echo.
        await server.state.faults.inject(.echo(credential == "voxo-login" ? 503 : 401), times: 30)
        let pane = try TmuxPane(["--provider", provider, "--base-url", server.baseURL, "--since", "1d"], columns: 120, rows: 40,
                                environment: environment.merging(["TZ": "UTC", "XDG_STATE_HOME": state.url.path]) { $1 })
        defer {
            pane.close()
            Task { await server.stop() }
        }
        var (ok, screen) = try await pane.waitFor { $0.contains(credential == "voxo-login" ? "HTTP 503" : "(401)") }
        #expect(ok, "the refusal is shown:\n\(screen)")
        Self.expectNothingOf(secret, in: screen, "the screen at the first echo")
        if credential == "voxo-login" {
            #expect(!screen.contains("Bad Gateway"), "no byte of a login's answer is quoted:\n\(screen)")
        } else {
            #expect(screen.contains("[secret]"), "the echo is shown redacted:\n\(screen)")
        }

        // A proxy's 502 page and a 403, each after a refresh.
        for status in [502, 403] {
            await server.state.faults.clear()
            await server.state.faults.inject(.echo(status), times: 30)
            try pane.sendKeys(["r"])
            (ok, screen) = try await pane.waitFor(timeout: .seconds(40)) { $0.contains(status == 403 ? "(403)" : "HTTP 502") }
            #expect(ok, "\(status) is shown:\n\(screen)")
            Self.expectNothingOf(secret, in: screen, "the screen at \(status)")
        }
        await server.state.faults.clear()
        try pane.sendKeys(["q"])
        (ok, screen) = try await pane.waitFor { $0.contains("EXITED 0") }
        #expect(ok, "quit:\n\(screen)")
        Self.expectNothingOf(secret, in: String(decoding: pane.raw, as: UTF8.self), "the raw terminal bytes")
        #expect(!state.log.isEmpty, "the log was written")
        Self.expectNothingOf(secret, in: state.log, "the log")
    }
}
