/// Chooses the next VOXO window's length: small first so the first screen is quick, grown
/// while windows come back sparse, shrunk when one comes back huge, never over the limit.
public struct WindowSizer: Sendable, Hashable {
    public var seconds: Int64
    public let maximum: Int64
    public static let first: Int64 = 15 * 60
    public static let minimum: Int64 = 60
    /// Fewer calls than this in a window: the next one may be longer.
    public static let sparse = 60
    /// More than this: the next one is shorter.
    public static let crowded = 1_500

    public init(maximum: Int64) {
        self.maximum = maximum
        self.seconds = min(Self.first, maximum)
    }

    /// Adjusts to what the last window held.
    public mutating func record(received: Int) {
        if received < Self.sparse {
            seconds = min(maximum, seconds * 4)
        } else if received > Self.crowded {
            seconds = max(Self.minimum, seconds / 2)
        }
    }
}
