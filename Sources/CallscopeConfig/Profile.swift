import CallscopeDomain

/// One `[profiles.NAME]` table of the config file: which provider, where, whose calls, as whom.
public struct Profile: Sendable, Hashable {
    public var name: String
    public var provider: ProviderID
    /// The API base URL; nil for the provider's documented one.
    public var baseURL: String?
    public var scope: CallScope = .all
    /// Vobiz: the partner id (not a secret).
    public var authID: String?
    /// VOXO logins: the user's email.
    public var email: String?
    /// The token (VOXO) or auth token (Vobiz); nil falls back to the environment variables.
    public var token: SecretSource?
    /// VOXO logins: the password (with `email`).
    public var password: SecretSource?
    /// Display zone, and VOXO's request zone (IANA name).
    public var zone: String?
    /// Default range start, as `--since` takes it.
    public var since: String?
    /// `[profiles.NAME.customers]`: customer ids (Vobiz accounts, VOXO tenants or billing codes)
    /// and the names to show with them.
    public var customers: [String: String] = [:]
    /// `max_requests_in_flight`: requests a reader that goes to the end keeps on their way at once.
    public var maxRequestsInFlight: Int?
    /// `rates`: the rate deck (a CSV file) calls are rated by (README, "Billing").
    public var rates: String?
    /// `customer_rates`: customers priced by decks of their own, by customer id.
    public var customerRates: [String: String] = [:]
    /// `request_budget`: requests the statistics strip may send before it is asked to read on.
    public var requestBudget: Int?
    /// `store = false`: nothing of this profile is kept in, or read from, the local store.
    public var store = true
    /// `settle_minutes`: how long after its end a range counts as closed (default 120).
    public var settleMinutes: Int?
    /// Where the profile's table starts in the file, for messages.
    public var line: Int?

    public init(name: String, provider: ProviderID) {
        self.name = name
        self.provider = provider
    }

    /// Where the profile's secret comes from, for listings: never the value nor a command's text.
    public var secretOrigin: String {
        if let token { return token.origin(key: "token") }
        if let password { return password.origin(key: "password") }
        switch provider {
        case .vobiz: return "environment (VOBIZ_AUTH_TOKEN)"
        case .voxo: return "environment (VOXO_TOKEN or VOXO_EMAIL/VOXO_PASSWORD)"
        }
    }
}

/// Where one secret comes from. Exactly one per secret; the value itself is read only when
/// the profile is used (`SecretResolver`).
public enum SecretSource: Sendable, Hashable {
    /// Run without a shell; its standard output is the secret.
    case command([String])
    /// This environment variable holds it.
    case environment(String)
    /// Written in the config file (refused unless the file is readable by its owner alone).
    case inline(String)

    /// "token_command", "token_env VOXO_TOKEN_37", "token (inline)": never a value or argument.
    public func origin(key: String) -> String {
        switch self {
        case .command: return "\(key)_command"
        case .environment(let variable): return "\(key)_env \(SafeText.sanitize(variable))"
        case .inline: return "\(key) (inline)"
        }
    }
}

extension SecretSource: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never the secret or the command's text, whatever prints it.
    public var description: String { origin(key: "secret") }
    public var debugDescription: String { description }
}
