import CallscopeDomain

/// Whose history a stored call belongs to: one provider, at one base URL, as one identity, for
/// one scope (docs/ARCHITECTURE.md, "The local store"). The identity is a hash of the partner id
/// or login, never a secret; for a token-only login (which has no name of its own) it is the
/// profile's name.
public struct StoreSource: Sendable, Hashable {
    public let provider: ProviderID
    public let baseURL: String
    /// `StoreSource.hash` of who reads, in hex.
    public let identity: String
    /// The scope in words ("customer MA_1", "all customers").
    public let scope: String
    /// The profile read through last, for `history` and `history clear PROFILE`.
    public let profile: String?

    public init(provider: ProviderID, baseURL: String, identity: String, scope: CallScope, profile: String?) {
        self.provider = provider
        self.baseURL = SecretRedactor.shared.redact(baseURL)
        self.identity = Self.hash(identity)
        self.scope = scope.describe(on: provider)
        self.profile = profile
    }

    /// FNV-1a, 64 bits, in hex: keeps an id out of the file's listing. Not a protection of a
    /// secret (none is ever hashed here), only a stable short key.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}
