/// Waits between retries. Injected so tests advance instantly and record what was asked.
public protocol RetrySleeper: Sendable {
    func sleep(for duration: Duration) async throws
}

/// The real wait, on the continuous clock; throws CancellationError when the task is cancelled.
public struct ClockSleeper: RetrySleeper {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        try await ContinuousClock().sleep(for: duration)
    }
}
