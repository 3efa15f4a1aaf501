import ArgumentParser
import CallscopeConfig
import CallscopeDomain
import Foundation

/// Which provider to read, where, as whom and in which zone: shared by `list` and `show`.
public struct ProviderOptions: ParsableArguments {
    /// The profiles config.toml names, for the shell's completion of `--profile` (nothing when
    /// the file is missing or unreadable: a completion says no error).
    static func profileNames() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        guard let path = ConfigFile.defaultPath(environment: environment),
              let config = try? ConfigFile.load(path: path, required: false) else { return [] }
        return config.profiles.map(\.name)
    }

    @Option(help: "The profile of config.toml to read (default: CALLSCOPE_PROFILE, else its default_profile).",
            completion: .custom { _, _, _ in ProviderOptions.profileNames() })
    public var profile: String?

    @Option(help: "The config file (default: $XDG_CONFIG_HOME/callscope/config.toml, else ~/.config/callscope/config.toml).")
    public var config: String?

    @Option(help: "The provider: voxo or vobiz (without --profile: read by flags and environment alone).")
    public var provider: ProviderID?

    @Option(help: "The API base URL (default: the provider's documented one). HTTPS, or http to a loopback address.")
    public var baseURL: String?

    @Option(name: .customLong("tenant"), help: "VOXO: the account (tenantId) to read.")
    public var tenant: String?

    @Option(help: "VOXO partner admins: the billingCode to read.")
    public var billingCode: String?

    @Option(help: "Vobiz: the customer auth id to read (default: every customer).")
    public var account: String?

    @Flag(help: "Vobiz: read the customers the profile names ([profiles.NAME.customers]), each on its own, merged newest first: every row then names its customer.")
    public var namedCustomers = false

    @Option(help: "Display zone, and VOXO's request zone (IANA name; default: TZ, else the system zone).")
    public var tz: String?

    @Flag(help: "Use the built-in mock API server: no account needed.")
    public var demo = false

    @Option(help: "Read a saved file instead of a provider: a VOXO or Vobiz answer, or a callscope JSON, NDJSON or CSV export (gzip too). Its whole range is read unless --since/--until narrow it.")
    public var file: String?

    @Flag(help: "Neither read nor keep the local store of closed history: ask the provider for everything.")
    public var noStore = false

    @Flag(help: "Ask no provider: answer from the local store of closed history alone, saying which ranges it holds.")
    public var offline = false

    public init() {}

    public mutating func validate() throws {
        if offline && noStore { throw ValidationError("--offline reads the local store alone, and --no-store reads without it: give one") }
        if offline && (demo || file != nil) { throw ValidationError("--offline answers from the local store, which --demo and --file do not use: drop --offline") }
        if file != nil, demo || profile != nil || config != nil || provider != nil || baseURL != nil || scope != nil {
            throw ValidationError("--file reads a saved file: drop --demo, --profile, --config, --provider, --base-url, --tenant, --billing-code and --account")
        }
        if tenant != nil && billingCode != nil {
            throw ValidationError("give --tenant or --billing-code, not both")
        }
        if demo && (profile != nil || config != nil) {
            throw ValidationError("--demo reads the built-in mock server: drop --profile and --config")
        }
        if let provider, provider == .vobiz, tenant != nil || billingCode != nil {
            throw ValidationError("--tenant and --billing-code are VOXO scopes; for Vobiz use --account")
        }
        if provider == .voxo, account != nil {
            throw ValidationError("--account is a Vobiz scope; for VOXO use --tenant or --billing-code")
        }
    }
}

extension ProviderID: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
