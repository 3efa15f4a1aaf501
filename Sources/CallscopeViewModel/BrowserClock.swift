import Foundation

/// Time as the browser sees it: now (for "7d" and follow polls) and waiting (the follow
/// interval). Injected so tests advance time by hand instead of sleeping.
public protocol BrowserClock: Sendable {
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

public struct SystemBrowserClock: BrowserClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await ContinuousClock().sleep(for: duration) }
}
