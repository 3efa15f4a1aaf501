import CallscopeDomain

/// The list's window sizes: `WindowSizing` with its screen rule (a quick first screen), grown
/// from the length it asked for last.
public struct WindowSizer: Sendable, Hashable {
    private var sizing: WindowSizing
    public var seconds: Int64 { sizing.seconds }
    public var maximum: Int64 { sizing.maximum }
    public static var first: Int64 { WindowSizing.screen.first }
    public static var minimum: Int64 { WindowSizing.minimum }
    public static var sparse: Int { WindowSizing.screen.sparse }
    public static var crowded: Int { WindowSizing.screen.crowded }

    public init(maximum: Int64) {
        sizing = WindowSizing(maximum: maximum, rule: WindowSizing.screen)
    }

    /// Adjusts to what the last window held.
    public mutating func record(received: Int) {
        sizing.record(received: received, length: sizing.seconds)
    }
}
