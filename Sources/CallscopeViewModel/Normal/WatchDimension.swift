import CallscopeDomain
import Foundation

/// What a group of calls is compared by: the whole scope, or one customer, trunk, destination
/// country or direction (causes are compared inside each group, as failure shares).
public enum WatchDimension: String, Sendable, Hashable, CaseIterable, Comparable {
    case customer, trunk, country, direction, scope

    /// The group of `call` in this dimension; nil where the call does not say (a Vobiz list row
    /// names no customer unless the profile names the customers).
    public func key(of call: WatchCall) -> String? {
        switch self {
        case .scope: return "all"
        case .customer: return call.account
        case .trunk: return call.trunk
        case .country: return call.country == "unknown" ? nil : call.country
        case .direction: return call.direction?.description
        }
    }

    /// Narrowest first: an alert on one customer explains the same calls better than one on the
    /// country they went to, or on the whole scope.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// One group: a dimension and its value ("customer MA_c05b3f18").
public struct WatchGroup: Sendable, Hashable, Comparable {
    public let dimension: WatchDimension
    public let value: String

    public init(_ dimension: WatchDimension, _ value: String) {
        self.dimension = dimension
        self.value = value
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.dimension, a.value) < (b.dimension, b.value)
    }

    /// "customer MA_c05b3f18", "all calls": the group in words, safe for a terminal.
    public var text: String {
        dimension == .scope ? "all calls" : "\(dimension.rawValue) \(SafeText.sanitize(value))"
    }
}
