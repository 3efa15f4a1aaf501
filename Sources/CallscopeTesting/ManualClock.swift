import CallscopeViewModel
import Foundation
import Synchronization

/// A `BrowserClock` that moves only when a test says: `sleep` waits until `advance` passes
/// its deadline. No real time passes in tests that use it.
public final class ManualClock: BrowserClock {
    private struct Sleeper {
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let state: Mutex<(now: Date, sleepers: [Int: Sleeper], next: Int)>

    public init(now: Date) {
        state = Mutex((now, [:], 0))
    }

    public func now() -> Date { state.withLock { $0.now } }

    /// How many sleeps are waiting.
    public var sleepers: Int { state.withLock { $0.sleepers.count } }

    public func sleep(for duration: Duration) async throws {
        let key = state.withLock { s -> Int in
            s.next += 1
            return s.next
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                state.withLock { s in
                    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                    s.sleepers[key] = Sleeper(deadline: s.now.addingTimeInterval(seconds), continuation: continuation)
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: key) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    public func advance(by duration: Duration) {
        let due = state.withLock { s -> [Sleeper] in
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            s.now = s.now.addingTimeInterval(seconds)
            let ready = s.sleepers.filter { $0.value.deadline <= s.now }
            for key in ready.keys { s.sleepers[key] = nil }
            return Array(ready.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
