/// Whose calls a connection reads: everything the credentials may see, or one customer.
/// VOXO narrows by tenant or billing code, Vobiz by customer account; the TUI's `:tenant`,
/// `:billing`, `:account` and `:all` change it.
public enum CallScope: Sendable, Hashable {
    case all
    case tenant(String)
    case billingCode(String)
    case account(String)
    /// The customers a profile names, each read on its own and merged (`MergedCallSource`):
    /// for a partner whose all-customers rows do not say whose call they are.
    case namedCustomers
    /// A saved file, by its name: read offline, with no narrower scope.
    case file(String)

    /// Whether `provider` can read this scope.
    public func isAvailable(on provider: ProviderID) -> Bool {
        switch (self, provider) {
        case (.all, _), (.tenant, .voxo), (.billingCode, .voxo), (.account, .vobiz), (.namedCustomers, .vobiz): return true
        case (.file, _): return false
        default: return false
        }
    }

    /// "customer MA_1", "tenant 37", "all customers": for status lines (sanitized).
    public func describe(on provider: ProviderID) -> String {
        switch self {
        case .all: return provider == .voxo ? "all partner calls" : "all customers"
        case .tenant(let id): return "tenant \(SafeText.sanitize(id))"
        case .billingCode(let code): return "billing code \(SafeText.sanitize(code))"
        case .account(let id): return "customer \(SafeText.sanitize(id))"
        case .namedCustomers: return "named customers, merged"
        case .file(let name): return "file \(SafeText.sanitize(name))"
        }
    }
}
