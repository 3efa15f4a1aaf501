import CallscopeDomain

/// What the connected source does with a filter, for the state to derive from the applied
/// filter whenever it changes: which parts run on its server (the sidebar's `srv`/`cli`), and
/// whether its total counts exactly the filter. Taken from the provider when it connects.
public struct FilterPlacement: Sendable {
    public let serverSide: @Sendable (CallFilter) -> Set<CallFilter.Field>
    public let countsExactly: @Sendable (CallFilter) -> Bool

    public init(_ provider: any CallProvider) {
        serverSide = { provider.serverSideFields(for: $0) }
        countsExactly = { provider.countsExactly($0) }
    }

    public init(serverSide: @escaping @Sendable (CallFilter) -> Set<CallFilter.Field>, countsExactly: @escaping @Sendable (CallFilter) -> Bool) {
        self.serverSide = serverSide
        self.countsExactly = countsExactly
    }

    /// The same parts on the server for every filter, the total exact when a filter uses no
    /// other (the protocol's own rule).
    public static func fixed(_ fields: Set<CallFilter.Field>) -> FilterPlacement {
        FilterPlacement(serverSide: { _ in fields }, countsExactly: { $0.activeFields.isSubset(of: fields) })
    }
}
