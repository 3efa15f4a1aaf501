import Dispatch
import Synchronization

/// A saved file being indexed on a thread of its own, not on the shared task pool (a pass over a
/// large file would hold one of its few threads throughout); `file()` waits for it. A waiter is
/// not cancelled early: the pass takes a fraction of a second, and every waiter wants its result.
final class BackgroundIndex: Sendable {
    private enum State {
        case building(waiting: [CheckedContinuation<SavedFile, Never>])
        case built(SavedFile)
    }

    private let state: Mutex<State>

    init(built file: SavedFile) {
        state = Mutex(.built(file))
    }

    /// Runs the pass on a thread of Dispatch's (tests hold it back to see what is answered meanwhile).
    typealias Runner = @Sendable (@escaping @Sendable () -> Void) -> Void
    static let onDispatch: Runner = { DispatchQueue.global(qos: .userInitiated).async(execute: $0) }

    init(building: @escaping @Sendable () -> SavedFile, runner: Runner = onDispatch) {
        state = Mutex(.building(waiting: []))
        runner { [self] in
            let file = building()
            let waiting = state.withLock { current -> [CheckedContinuation<SavedFile, Never>] in
                defer { current = .built(file) }
                if case .building(let waiting) = current { return waiting }
                return []
            }
            for waiter in waiting { waiter.resume(returning: file) }
        }
    }

    /// The file, once indexed; nil while it is being indexed.
    var builtFile: SavedFile? {
        state.withLock { current in
            if case .built(let file) = current { return file }
            return nil
        }
    }

    /// The file, indexed (waiting for the pass to finish).
    func file() async -> SavedFile {
        if let file = builtFile { return file }
        return await withCheckedContinuation { continuation in
            let file = state.withLock { current -> SavedFile? in
                switch current {
                case .built(let file): return file
                case .building(var waiting):
                    waiting.append(continuation)
                    current = .building(waiting: waiting)
                    return nil
                }
            }
            if let file { continuation.resume(returning: file) }
        }
    }
}
