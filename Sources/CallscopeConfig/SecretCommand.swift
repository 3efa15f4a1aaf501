import CallscopeDomain
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a `token_command` or `password_command` (docs/ARCHITECTURE.md, "Profiles and secrets"):
/// no shell, standard input closed (/dev/null), in a session of its own with no controlling
/// terminal (a command that would prompt on the tty fails instead of drawing over the
/// screen), killed with its process group when it outlasts `timeout`. Standard output is the
/// secret; standard error is kept for the message when the command fails.
public struct SecretCommand: Sendable {
    public var timeout: Duration

    /// More than any token: a command printing this much is not printing a token.
    static let outputLimit = 64 * 1024

    public init(timeout: Duration = .seconds(15)) {
        self.timeout = timeout
    }

    public enum Failure: Error, Sendable, Equatable {
        case notStarted(program: String, reason: String)
        case exited(status: Int32, stderr: String)
        case signalled(signal: Int32, stderr: String)
        case timedOut(Duration)
        case tooMuchOutput
        case cancelled
    }

    /// The command's standard output, as sent (trimming is the caller's).
    public func run(_ argv: [String]) async throws(Failure) -> String {
        guard let program = argv.first else { throw .notStarted(program: "", reason: "the command is empty") }
        let limit = timeout
        let outcome: Result<ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>, any Error>? = await withTaskGroup(of: Result<ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>, any Error>?.self) { group in
            group.addTask {
                let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
                var options = PlatformOptions()
                options.createSession = true
                // Cancelled (timed out): ask the whole group to stop, then kill it.
                options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
                let arguments = Arguments(Array(argv.dropFirst()))
                do {
                    return .success(try await Subprocess.run(
                        executable, arguments: arguments, platformOptions: options,
                        input: .none, output: .string(limit: Self.outputLimit), error: .string(limit: Self.outputLimit)))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await ContinuousClock().sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let outcome else { throw Task.isCancelled ? .cancelled : .timedOut(limit) }
        switch outcome {
        case .failure(let error as SubprocessError):
            switch error.code {
            case .executableNotFound: throw .notStarted(program: program, reason: "no such program (is it on PATH?)")
            case .outputLimitExceeded: throw .tooMuchOutput
            default: throw .notStarted(program: program, reason: error.underlyingError.map { "\($0)" } ?? "it could not be started")
            }
        case .failure:
            throw .notStarted(program: program, reason: "it could not be started")
        case .success(let result):
            let stderr = result.standardError
            switch result.terminationStatus {
            case .exited(0): return result.standardOutput
            case .exited(let code): throw .exited(status: code, stderr: stderr)
            case .signaled(let signal): throw .signalled(signal: signal, stderr: stderr)
            }
        }
    }
}
