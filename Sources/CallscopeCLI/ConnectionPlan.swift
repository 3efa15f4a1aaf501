import CallscopeConfig
import CallscopeDomain
import Foundation

/// What one connection reads, from flags, a profile and the environment, in that order of
/// precedence (README, "Profiles"). Secrets are not part of it: they are read when the
/// connection opens (`ProviderFactory`).
struct ConnectionPlan: Sendable {
    var provider: ProviderID
    /// The profile it came from; nil when started from flags alone.
    var profile: Profile?
    var baseURL: String?
    var scope: CallScope
    /// `--tz`, else the profile's zone; nil: `TZ`, else the system zone.
    var zoneName: String?
    /// The profile's default range start (`--since` wins).
    var since: String?
    /// `--file`: a saved file read instead of a provider.
    var file: String? = nil

    /// The arguments that open this source again on the command line, scope apart (`Y f`):
    /// the demo, a saved file, a profile, or the provider and base URL given as flags.
    var commandLineArguments: [String] {
        if let file { return ["--file", file] }
        if let profile, profile.name == Profile.demo(provider).name { return ["--demo", "--provider", provider.rawValue] }
        if let profile { return ["--profile", profile.name] }
        return ["--provider", provider.rawValue] + (baseURL.map { ["--base-url", $0] } ?? [])
    }

    /// A profile as it is, optionally narrowed to `scope`.
    static func of(_ profile: Profile, scope: CallScope? = nil) -> ConnectionPlan {
        ConnectionPlan(provider: profile.provider, profile: profile, baseURL: profile.baseURL,
                       scope: scope ?? profile.scope, zoneName: profile.zone, since: profile.since)
    }

    /// The profile named by `--profile`, else by `CALLSCOPE_PROFILE` (`environmentProfile`), else
    /// `default_profile` — the last two unless `--provider` says to go by flags; the flags then
    /// override its values. With none, the flags alone.
    static func resolve(_ options: ProviderOptions, config: ConfigFile?, environmentProfile: String? = nil) throws(CLIFailure) -> ConnectionPlan {
        let flagScope = options.scope
        if let file = options.file {
            // The provider is the file's, known once it is opened.
            return ConnectionPlan(provider: .voxo, profile: nil, baseURL: nil, scope: .file(file), zoneName: options.tz, since: nil, file: file)
        }
        if options.demo {
            let provider = options.provider ?? .vobiz
            return ConnectionPlan(provider: provider, profile: .demo(provider), baseURL: nil, scope: flagScope ?? .all, zoneName: options.tz, since: nil)
        }
        let fromEnvironment = options.profile == nil && options.provider == nil
            ? environmentProfile.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } : nil
        if let name = options.profile ?? fromEnvironment ?? (options.provider == nil ? config?.defaultProfile : nil) {
            // Where the name came from, when it was not typed: an old export in a shell's profile misleads.
            let named = "profile '\(SafeText.sanitize(name))'" + (fromEnvironment != nil ? " (from CALLSCOPE_PROFILE)" : "")
            guard let config else {
                throw .usage("there is no config file, so no \(named): write one (README, \"Profiles\")"
                    + (fromEnvironment != nil ? ", unset CALLSCOPE_PROFILE," : "") + " or use --provider")
            }
            guard let profile = config.profile(named: name) else {
                let names = config.profiles.map { SafeText.sanitize($0.name) }.joined(separator: ", ")
                throw .usage("no \(named) in \(SafeText.sanitize(config.path))" + (names.isEmpty ? "" : ": the profiles are \(names)"))
            }
            if let provider = options.provider, provider != profile.provider {
                throw .usage("--provider \(provider.rawValue) does not match profile '\(SafeText.sanitize(name))', which reads \(profile.provider.displayName)")
            }
            if let flagScope, !flagScope.isAvailable(on: profile.provider) {
                throw .usage(profile.provider == .voxo
                    ? "--account is a Vobiz scope; \(named) reads VOXO: use --tenant or --billing-code"
                    : "--tenant and --billing-code are VOXO scopes; \(named) reads Vobiz: use --account")
            }
            var plan = ConnectionPlan.of(profile, scope: flagScope)
            plan.baseURL = options.baseURL ?? profile.baseURL
            plan.zoneName = options.tz ?? profile.zone
            return plan
        }
        guard let provider = options.provider else {
            throw .usage("say what to read: --profile NAME (or default_profile in config.toml), --provider voxo|vobiz, or --demo")
        }
        return ConnectionPlan(provider: provider, profile: nil, baseURL: options.baseURL, scope: flagScope ?? .all, zoneName: options.tz, since: nil)
    }
}

extension ProviderOptions {
    /// The scope the flags ask for, if any.
    var scope: CallScope? {
        tenant.map(CallScope.tenant) ?? billingCode.map(CallScope.billingCode) ?? account.map(CallScope.account) ?? (namedCustomers ? .namedCustomers : nil)
    }
}
