import CallscopeProviders
import Synchronization

/// A `RetrySleeper` that returns at once and remembers every wait it was asked for, so
/// retry tests run instantly and can assert the delays (Retry-After, backoff).
public final class RecordingSleeper: RetrySleeper {
    private let recorded = Mutex<[Duration]>([])

    public init() {}

    public func sleep(for duration: Duration) async throws {
        recorded.withLock { $0.append(duration) }
        try Task.checkCancellation()
    }

    public var delays: [Duration] { recorded.withLock { $0 } }
}
