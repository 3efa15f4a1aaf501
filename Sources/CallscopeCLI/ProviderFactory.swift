import CallscopeConfig
import CallscopeDomain
import CallscopeProviders
import CallscopeStore
import Foundation
import Logging

/// Builds a provider client for a plan: the base URL checked, the secrets read from the
/// profile's sources (or the environment variables when it names none), and the advice a
/// refusal gives pointing at where those secrets came from.
struct ProviderFactory: Sendable {
    let environment: [String: String]
    let secrets: SecretResolver
    let config: ConfigFile?
    let settings: HTTPSettings
    let sleeper: any RetrySleeper
    let logger: Logger
    /// The local store every provider this factory makes is read through; nil reads without one.
    var store: StoreUse?

    func make(_ plan: ConnectionPlan, zone: ZoneClock) async throws(CLIFailure) -> any CallProvider {
        if plan.file != nil {
            throw CLIFailure.usage("a saved file is read whole: it has no tenant, billing code or customer to narrow to")
        }
        guard plan.scope.isAvailable(on: plan.provider) else {
            throw CLIFailure.usage("\(plan.provider.displayName) cannot read \(plan.scope.describe(on: plan.provider))").naming(plan.profile)
        }
        var settings = self.settings
        if let count = plan.profile?.maxRequestsInFlight { settings.maxRequestsInFlight = count }
        if let budget = plan.profile?.requestBudget { settings.requestBudget = budget }
        let baseURL: BaseURL
        do {
            baseURL = try BaseURL(plan.baseURL ?? Self.defaultBaseURL(plan.provider), provider: plan.provider)
        } catch {
            throw CLIFailure(providerFailure: error).naming(plan.profile)
        }
        switch plan.provider {
        case .vobiz where plan.scope == .namedCustomers:
            // Each named customer's own list, merged: every row then knows its customer.
            guard let customers = plan.profile?.customers, !customers.isEmpty else {
                throw CLIFailure.usage("--named-customers reads the customers a profile names: add [profiles.NAME.customers] with MA_48149cf4 = \"Acme Corp\"").naming(plan.profile)
            }
            var one = plan
            var parts: [(customer: String, source: any CallProvider)] = []
            for id in customers.keys.sorted() {
                one.scope = .account(id)
                parts.append((id, try await make(one, zone: zone)))
            }
            return MergedCallSource(parts, pageSize: VobizConfiguration.maximumPerPage)
        case .vobiz:
            let (authID, token, hint) = try await vobizCredentials(plan)
            let account: String? = if case .account(let id) = plan.scope { id } else { nil }
            var configuration = VobizConfiguration(baseURL: baseURL, authID: authID, authToken: token, account: account)
            configuration.credentialHint = hint
            let client = VobizClient(configuration: configuration, settings: settings, sleeper: sleeper, logger: logger)
            return try stored(client, plan, baseURL: baseURL.string, identity: authID)
        case .voxo:
            let (credentials, hint) = try await voxoCredentials(plan)
            let scope: VoxoScope = switch plan.scope {
            case .tenant(let id): .tenant(id)
            case .billingCode(let code): .billingCode(code)
            case .all, .account, .namedCustomers, .file: .partner
            }
            var configuration = VoxoConfiguration(baseURL: baseURL, scope: scope, credentials: credentials, zone: zone)
            configuration.credentialHint = hint
            let client = VoxoClient(configuration: configuration, settings: settings, sleeper: sleeper, logger: logger)
            // A token names no one: the profile that holds it does (never the token itself).
            let identity: String = switch credentials {
            case .login(let email, _): email
            case .token: "token of " + (plan.profile?.name ?? "VOXO_TOKEN")
            }
            return try stored(client, plan, baseURL: baseURL.string, identity: identity)
        }
    }

    /// `client` read through the local store, unless there is none or the profile keeps none.
    func stored(_ client: any CallProvider, _ plan: ConnectionPlan, baseURL: String, identity: String) throws(CLIFailure) -> any CallProvider {
        guard let store else { return client }
        guard plan.profile?.store != false else {
            if store.offline { throw CLIFailure.usage("--offline answers from the local store, and this profile keeps none (store = false)").naming(plan.profile) }
            return client
        }
        let source = StoreSource(provider: plan.provider, baseURL: baseURL, identity: identity, scope: plan.scope, profile: plan.profile?.name)
        let settle = plan.profile?.settleMinutes.map { TimeInterval($0) * 60 } ?? StoredCallProvider.defaultSettle
        do throws(StoreError) {
            return try StoredCallProvider(wrapping: client, store: store.store, source: source, settle: settle, offline: store.offline, now: store.now)
        } catch {
            throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate)
        }
    }

    static func defaultBaseURL(_ provider: ProviderID) -> String {
        provider == .voxo ? VoxoConfiguration.defaultBaseURL : VobizConfiguration.defaultBaseURL
    }

    func vobizCredentials(_ plan: ConnectionPlan) async throws(CLIFailure) -> (String, String, String) {
        guard let profile = plan.profile else {
            guard let authID = try variable("VOBIZ_AUTH_ID"), let token = try variable("VOBIZ_AUTH_TOKEN") else {
                throw .credentials("Vobiz needs credentials: set VOBIZ_AUTH_ID (your partner id) and VOBIZ_AUTH_TOKEN, use a profile, or try --demo")
            }
            return (authID, token, "check VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN")
        }
        let name = SafeText.sanitize(profile.name)
        let authIDFromEnvironment = try variable("VOBIZ_AUTH_ID")
        guard let authID = profile.authID ?? authIDFromEnvironment else {
            throw .credentials("profile '\(name)' names no partner: add auth_id = \"PA_…\" to it, or set VOBIZ_AUTH_ID")
        }
        if let source = profile.token {
            let token = try await secret(source, key: "token", profile: profile)
            return (authID, token, "check auth_id and the \(source.origin(key: "token")) of profile '\(name)'")
        }
        guard let token = try variable("VOBIZ_AUTH_TOKEN") else {
            throw .credentials("profile '\(name)' names no token: add token_command (or token_env) to it, or set VOBIZ_AUTH_TOKEN")
        }
        return (authID, token, "check auth_id of profile '\(name)' and VOBIZ_AUTH_TOKEN")
    }

    func voxoCredentials(_ plan: ConnectionPlan) async throws(CLIFailure) -> (VoxoCredentials, String) {
        if let profile = plan.profile {
            let name = SafeText.sanitize(profile.name)
            if let source = profile.token {
                return (.token(try await secret(source, key: "token", profile: profile)), "check the \(source.origin(key: "token")) of profile '\(name)'")
            }
            if let email = profile.email, let source = profile.password {
                let password = try await secret(source, key: "password", profile: profile)
                return (.login(email: email, password: password), "check the email and \(source.origin(key: "password")) of profile '\(name)'")
            }
        }
        if let token = try variable("VOXO_TOKEN") { return (.token(token), "check VOXO_TOKEN") }
        if let email = try variable("VOXO_EMAIL"), let password = try variable("VOXO_PASSWORD") {
            return (.login(email: email, password: password), "check VOXO_EMAIL and VOXO_PASSWORD")
        }
        let whose = plan.profile.map { "profile '\(SafeText.sanitize($0.name))' names no token: add token_command (or token_env) to it, or set VOXO_TOKEN" }
        throw .credentials(whose ?? "VOXO needs credentials: set VOXO_TOKEN, or VOXO_EMAIL and VOXO_PASSWORD, use a profile, or try --demo")
    }

    func secret(_ source: SecretSource, key: String, profile: Profile) async throws(CLIFailure) -> String {
        guard let config else { throw .credentials("profile '\(SafeText.sanitize(profile.name))' has no config file") }
        do {
            return try await secrets.secret(source, key: key, profile: profile.name, config: config)
        } catch {
            throw .credentials(error.description)
        }
    }

    /// A credential from the environment, checked where it is loaded: nil when unset or
    /// empty; a control character inside is refused by the variable's name, never its value.
    func variable(_ name: String) throws(CLIFailure) -> String? {
        guard let raw = environment[name] else { return nil }
        switch SecretText.clean(raw) {
        case .success(let value):
            // VOBIZ_AUTH_ID is an id, not a secret; the rest are.
            if name != "VOBIZ_AUTH_ID" && name != "VOXO_EMAIL" { SecretRedactor.shared.register(value) }
            return value
        case .failure(.empty): return nil
        case .failure(.controlCharacter):
            throw .credentials("\(name) holds a control character (a line break or an escape inside the value): set it again without one")
        }
    }
}

extension CLIFailure {
    /// The same failure, said to be about `profile` where there is one.
    func naming(_ profile: Profile?) -> CLIFailure {
        guard let profile else { return self }
        return CLIFailure("profile '\(SafeText.sanitize(profile.name))': \(message)", exitCode: exitCode)
    }
}
