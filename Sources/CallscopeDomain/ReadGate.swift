import Synchronization

/// Holds back the body of a segment read ahead of its turn (docs/ARCHITECTURE.md, "Reading
/// ahead"). A reader that hands segments on in order keeps several requests on their way so the
/// round trips overlap, but a window must be held whole until it is sorted: without a gate every
/// window in flight would sit decoded in memory at once. With one, a window that is not yet the
/// next to be handed on takes in `allowance` bytes and then stops reading, so the provider's
/// round trip is behind it, the rest waits in the connection (TCP holds the server back), and
/// memory holds the head window and a little of each behind it.
///
/// The walker sets the gate of each request as a task-local (`current`), so a provider client
/// reads it where it streams a body without another parameter through every `CallProvider`.
public final class ReadGate: Sendable {
    @TaskLocal public static var current: ReadGate?

    /// About 330 VOXO records. Measured on a busy day (README, "Benchmarks"): 64 KB to 1 MB
    /// read it as fast at 0 and at 200 ms per request; past 256 KB each megabyte let in costs
    /// about 4 MB more at the peak (the pieces held by the HTTP client, the calls decoded).
    public static let defaultAllowance = 256 * 1024
    /// A gated body is read on after this long anyway: a connection left unread for the HTTP
    /// client's read timeout (30 s) would fail and be asked again, which costs more than memory.
    public static let defaultLongestHold: Duration = .seconds(10)

    public let allowance: Int
    let longestHold: Duration
    let sleep: @Sendable (Duration) async throws -> Void

    private struct State {
        var isOpen = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// - Parameter sleep: how the longest hold is waited out (tests pass one they end by hand).
    public init(allowance: Int = ReadGate.defaultAllowance, longestHold: Duration = ReadGate.defaultLongestHold,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.allowance = max(0, allowance)
        self.longestHold = longestHold
        self.sleep = sleep
    }

    /// The segment's turn has come: it reads freely from now on, and any wait ends.
    public func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiting { waiter.resume() }
    }

    public var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Called by a body's reader after each piece: once `received` bytes are past the allowance
    /// and the segment's turn has not come, waits until it comes, the longest hold has passed
    /// (the gate then stays open) or the task is cancelled.
    public func holdBack(received: Int) async {
        guard received >= allowance, !Task.isCancelled, !isOpen else { return }
        let timer = Task { [sleep, longestHold] in
            guard (try? await sleep(longestHold)) != nil, !Task.isCancelled else { return }
            self.open()
        }
        await waitUntilOpen()
        timer.cancel()
    }

    private func waitUntilOpen() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.isOpen || Task.isCancelled { return true }
                    state.waiters[id] = waiter
                    return false
                }
                if resumeNow { waiter.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
