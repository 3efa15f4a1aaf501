import CallscopeConfig
import CallscopeDomain
import CallscopeViewModel

/// The browser's profile and scope switches over config.toml: each connection opened with the
/// session's factory, so a secret already read is not read (or its command run) again.
/// In demo mode the two built-in profiles read the one in-process mock server.
struct ProfileConnector: ProviderConnector {
    let profiles: [ProfileSummary]
    /// Plans by profile name.
    let plans: [String: ConnectionPlan]
    /// What the browser started on (flags may have changed the profile's values).
    let start: ConnectionPlan
    let factory: ProviderFactory
    /// The zone of a profile that names none: `TZ`, else the system's.
    let baseZone: ZoneClock

    init(config: ConfigFile?, demoBaseURL: String?, start: ConnectionPlan, factory: ProviderFactory, baseZone: ZoneClock) {
        var plans: [String: ConnectionPlan] = [:]
        var profiles: [ProfileSummary] = []
        if let demoBaseURL {
            for provider in ProviderID.allCases {
                var plan = ConnectionPlan.of(Profile.demo(provider))
                plan.baseURL = demoBaseURL
                plans[Profile.demo(provider).name] = plan
                profiles.append(ProfileSummary(name: Profile.demo(provider).name, providerID: provider, scope: .all, zone: nil, isDefault: false))
            }
        }
        for profile in config?.profiles ?? [] {
            plans[profile.name] = .of(profile)
            profiles.append(ProfileSummary(name: profile.name, providerID: profile.provider, scope: profile.scope,
                                           zone: profile.zone, isDefault: profile.name == config?.defaultProfile))
        }
        self.profiles = profiles
        self.plans = plans
        self.start = start
        self.factory = factory
        self.baseZone = baseZone
    }

    func connect(_ target: ConnectionTarget) async throws -> Connection {
        // The profile the browser started on keeps what the flags set (base URL, zone, scope).
        var plan = start
        if let name = target.profile, name != start.profile?.name {
            guard let named = plans[name] else {
                throw CLIFailure.usage("no profile '\(SafeText.sanitize(name))'")
            }
            plan = named
        }
        if let scope = target.scope { plan.scope = scope }
        let zone = plan.zoneName.flatMap(ZoneClock.init(identifier:)) ?? baseZone
        let provider = try await factory.make(plan, zone: zone)
        return Connection(provider: provider, profile: plan.profile?.name, scope: plan.scope, zone: zone, arguments: plan.commandLineArguments,
                          customers: plan.profile?.customers ?? [:])
    }
}

extension Profile {
    /// The built-in profiles of demo mode: no secret source, so the mock's credentials
    /// (in the demo session's environment) are used.
    static func demo(_ provider: ProviderID) -> Profile {
        Profile(name: "demo-\(provider.rawValue)", provider: provider)
    }
}
