import CallscopeDomain

/// A profile as the picker shows it: never where its secret comes from.
public struct ProfileSummary: Sendable, Hashable {
    public var name: String
    public var providerID: ProviderID
    public var scope: CallScope
    public var zone: String?
    public var isDefault: Bool

    public init(name: String, providerID: ProviderID, scope: CallScope, zone: String?, isDefault: Bool) {
        self.name = name
        self.providerID = providerID
        self.scope = scope
        self.zone = zone
        self.isDefault = isDefault
    }

    /// "Vobiz, customer MA_1".
    public var scopeText: String { "\(providerID.displayName), \(scope.describe(on: providerID))" }

    /// The profiles whose name, provider or scope contain every word of `query`
    /// (case-insensitive), in their order: the picker's "type to narrow".
    public static func matching(_ query: String, in profiles: [ProfileSummary]) -> [ProfileSummary] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return profiles }
        return profiles.filter { profile in
            let haystack = "\(profile.name) \(profile.scopeText) \(profile.zone ?? "")".lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}

/// What to connect to: a profile (nil: the one the browser started with) and, optionally, a
/// different scope within it.
public struct ConnectionTarget: Sendable, Hashable {
    public var profile: String?
    public var scope: CallScope?

    public init(profile: String?, scope: CallScope? = nil) {
        self.profile = profile
        self.scope = scope
    }
}

/// A provider ready to read, and what the status bar says about it.
public struct Connection: Sendable {
    public var provider: any CallProvider
    public var profile: String?
    public var scope: CallScope
    /// The profile's display zone; nil keeps the current one.
    public var zone: ZoneClock?
    /// The command-line arguments that open this connection again (scope apart).
    public var arguments: [String]
    /// The profile's customers by id.
    public var customers: [String: String]

    public init(provider: any CallProvider, profile: String?, scope: CallScope, zone: ZoneClock?, arguments: [String] = [], customers: [String: String] = [:]) {
        self.customers = customers
        self.provider = provider
        self.profile = profile
        self.scope = scope
        self.zone = zone
        self.arguments = arguments
    }
}

/// Opens connections for profile and scope switches (the command line implements it over
/// config.toml and the provider clients). Errors describe themselves for users.
public protocol ProviderConnector: Sendable {
    var profiles: [ProfileSummary] { get }
    func connect(_ target: ConnectionTarget) async throws -> Connection
}

/// What the `P` picker offers: the profiles, and the current profile's named customers (Enter
/// on one reads that customer), both narrowed by the same words.
public enum PickerEntry: Sendable, Hashable {
    case profile(ProfileSummary)
    case customer(id: String, name: String)

    public static func matching(_ query: String, in state: BrowserState) -> [PickerEntry] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace)
        let profiles = ProfileSummary.matching(query, in: state.profiles).map(PickerEntry.profile)
        let customers = state.customerNames.sorted { $0.value < $1.value }.filter { id, name in
            words.allSatisfy { "customer \(name) \(id)".lowercased().contains($0) }
        }.map { PickerEntry.customer(id: $0.key, name: $0.value) }
        return profiles + customers
    }
}
