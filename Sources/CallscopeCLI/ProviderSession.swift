import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import Foundation
import Logging

/// A provider client ready to use, built from flags and environment, with the in-process
/// mock server behind it in demo mode. `close()` stops that server.
public struct ProviderSession: Sendable {
    public let provider: any CallProvider
    public let zone: ZoneClock
    /// What is being read, for headers and status lines ("Vobiz, all customers").
    public let scopeDescription: String
    let demoServer: RunningMockServer?

    public func close() async {
        await demoServer?.stop()
    }

    /// Credentials come from `context.environment`; in demo mode from the mock server.
    public static func open(
        _ options: ProviderOptions,
        zone: ZoneClock,
        context: CommandContext,
        logger: Logger = Logger(label: "callscope", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws(CLIFailure) -> ProviderSession {
        let settings = context.settings, sleeper = context.sleeper, now = context.now
        let providerID = options.provider ?? .vobiz
        var demoServer: RunningMockServer?
        var baseURLText = options.baseURL ?? (providerID == .voxo ? VoxoConfiguration.defaultBaseURL : VobizConfiguration.defaultBaseURL)
        var env = context.environment
        if options.demo {
            do {
                let server = try await MockServer.start(MockServerConfiguration(history: .init(anchor: Int64(now.timeIntervalSince1970))))
                demoServer = server
                baseURLText = server.baseURL
            } catch {
                throw CLIFailure("could not start the demo server: \(error)", exitCode: CallscopeExit.unavailable)
            }
            env = ["VOXO_TOKEN": MockCredentials.voxoToken, "VOBIZ_AUTH_ID": MockCredentials.vobizAuthID, "VOBIZ_AUTH_TOKEN": MockCredentials.vobizAuthToken]
        }
        do {
            let baseURL = try BaseURL(baseURLText, provider: providerID)
            switch providerID {
            case .voxo:
                let scope: VoxoScope = options.tenant.map(VoxoScope.tenant) ?? options.billingCode.map(VoxoScope.billingCode) ?? .partner
                let credentials = try voxoCredentials(env)
                let client = VoxoClient(
                    configuration: VoxoConfiguration(baseURL: baseURL, scope: scope, credentials: credentials, zone: zone),
                    settings: settings, sleeper: sleeper, logger: logger)
                let scopeText: String
                switch scope {
                case .tenant(let t): scopeText = "tenant \(SafeText.sanitize(t))"
                case .billingCode(let b): scopeText = "billing code \(SafeText.sanitize(b))"
                case .partner: scopeText = "all partner calls"
                }
                return ProviderSession(provider: client, zone: zone, scopeDescription: "VOXO, \(scopeText)", demoServer: demoServer)
            case .vobiz:
                guard let authID = try secret("VOBIZ_AUTH_ID", env), let token = try secret("VOBIZ_AUTH_TOKEN", env) else {
                    throw CLIFailure.credentials("Vobiz needs credentials: set VOBIZ_AUTH_ID (your partner id) and VOBIZ_AUTH_TOKEN, or try --demo")
                }
                let client = VobizClient(
                    configuration: VobizConfiguration(baseURL: baseURL, authID: authID, authToken: token, account: options.account),
                    settings: settings, sleeper: sleeper, logger: logger)
                let scopeText = options.account.map { "customer \(SafeText.sanitize($0))" } ?? "all customers"
                return ProviderSession(provider: client, zone: zone, scopeDescription: "Vobiz, \(scopeText)", demoServer: demoServer)
            }
        } catch let failure as CLIFailure {
            await demoServer?.stop()
            throw failure
        } catch let error as ProviderError {
            await demoServer?.stop()
            throw CLIFailure(error)
        } catch {
            await demoServer?.stop()
            throw CLIFailure("\(error)", exitCode: 1)
        }
    }

    static func voxoCredentials(_ env: [String: String]) throws(CLIFailure) -> VoxoCredentials {
        if let token = try secret("VOXO_TOKEN", env) { return .token(token) }
        if let email = try secret("VOXO_EMAIL", env), let password = try secret("VOXO_PASSWORD", env) {
            return .login(email: email, password: password)
        }
        throw .credentials("VOXO needs credentials: set VOXO_TOKEN, or VOXO_EMAIL and VOXO_PASSWORD, or try --demo")
    }

    /// A credential from the environment, checked where it is loaded: nil when unset or
    /// empty; a control character inside is refused by the variable's name, never its value.
    static func secret(_ variable: String, _ env: [String: String]) throws(CLIFailure) -> String? {
        guard let raw = env[variable] else { return nil }
        switch SecretText.clean(raw) {
        case .success(let value): return value
        case .failure(.empty): return nil
        case .failure(.controlCharacter):
            throw .credentials("\(variable) holds a control character (a line break or an escape inside the value): set it again without one")
        }
    }

    /// `--tz`, else `TZ`, else the system zone. An unknown name is a usage error.
    static func resolveZone(_ flag: String?, environment: [String: String]) throws(CLIFailure) -> ZoneClock {
        if let flag {
            guard let zone = ZoneClock(identifier: flag) else {
                throw .usage("unknown time zone '\(SafeText.sanitize(flag))' for --tz: use an IANA name such as America/New_York or UTC")
            }
            return zone
        }
        if let tz = environment["TZ"].flatMap(nonEmpty), !tz.hasPrefix(":"), let zone = ZoneClock(identifier: tz) {
            return zone
        }
        return ZoneClock(TimeZone.current)
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
