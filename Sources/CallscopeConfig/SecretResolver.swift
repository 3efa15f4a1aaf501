import CallscopeDomain
import Foundation

/// Why a profile's secret could not be had. Names the profile and the source, never the value
/// or a command's stdout or arguments.
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    public let profile: String
    public let source: String
    public let problem: String
    /// An inline secret in a file others may read: a permission problem (chmod), not a wrong secret.
    public let isLoosePermission: Bool

    public var description: String {
        "the \(source) of profile '\(SafeText.sanitize(profile))' \(problem)"
    }
}

/// Reads profiles' secrets: each source at most once per process, kept in memory only
/// (never written, logged or shown). Safe to share: an actor.
public actor SecretResolver {
    private let environment: [String: String]
    private let command: SecretCommand
    /// Each source's lookup, finished or under way: a second request waits for the first.
    private var lookups: [SecretSource: Task<String, any Error>] = [:]

    public init(environment: [String: String], command: SecretCommand = SecretCommand()) {
        self.environment = environment
        self.command = command
    }

    /// The secret `source` holds for `profile` (`key` is "token" or "password", for messages).
    /// `config` is where an inline secret was written (its permissions decide).
    public func secret(_ source: SecretSource, key: String, profile: String, config: ConfigFile) async throws(SecretError) -> String {
        let lookup = lookups[source] ?? Task { [environment, command] in
            try await Self.read(source, key: key, profile: profile, config: config, environment: environment, command: command)
        }
        lookups[source] = lookup
        do {
            return try await lookup.value
        } catch let error as SecretError {
            // Not kept: the user may fix the source (export the variable) and switch again.
            lookups[source] = nil
            throw error
        } catch {
            lookups[source] = nil
            throw SecretError(profile: profile, source: source.origin(key: key), problem: "was cancelled", isLoosePermission: false)
        }
    }

    private static func read(_ source: SecretSource, key: String, profile: String, config: ConfigFile,
                             environment: [String: String], command: SecretCommand) async throws(SecretError) -> String {
        let origin = source.origin(key: key)
        func failure(_ problem: String, loose: Bool = false) -> SecretError {
            SecretError(profile: profile, source: origin, problem: problem, isLoosePermission: loose)
        }
        let raw: String
        switch source {
        case .inline(let value):
            guard config.ownerOnly else {
                let path = SafeText.sanitize(config.path)
                throw failure("is written in \(path), which others may read: run chmod 600 \(path), or use \(key)_command or \(key)_env", loose: true)
            }
            raw = value
        case .environment(let variable):
            guard let value = environment[variable] else {
                throw failure("names $\(SafeText.sanitize(variable)), which is not set: export it, or change the profile")
            }
            raw = value
        case .command(let argv):
            do {
                raw = try await command.run(argv)
            } catch {
                throw failure(Self.describe(error))
            }
        }
        switch SecretText.clean(raw) {
        case .success(let value):
            SecretRedactor.shared.register(value)
            return value
        case .failure(.empty):
            throw failure(source.isCommand ? "printed nothing: run it by hand to see why" : "is empty")
        case .failure(.controlCharacter):
            throw failure("holds a control character (a line break or an escape inside the value): it must be the secret alone, on one line")
        }
    }

    static func describe(_ failure: SecretCommand.Failure) -> String {
        switch failure {
        case .notStarted(let program, let reason):
            return "could not start '\(SafeText.sanitize((program as NSString).lastPathComponent))': \(reason)"
        case .exited(let status, let stderr):
            return "failed with exit status \(status)\(stderrExcerpt(stderr)): run it by hand to see why"
        case .signalled(let signal, let stderr):
            return "was killed by signal \(signal)\(stderrExcerpt(stderr))"
        case .timedOut(let limit):
            return "did not finish within \(limit.components.seconds) s (it was stopped): does it wait for a password or a tty?"
        case .tooMuchOutput:
            return "printed more than 64 KB: it must print the secret alone"
        case .cancelled:
            return "was cancelled"
        }
    }

    /// The command's stderr, one line, cut, made safe: what it said about why it failed.
    static func stderrExcerpt(_ stderr: String) -> String {
        let oneLine = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " / ")
        guard !oneLine.isEmpty else { return "" }
        let cut = oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
        return " and said: \(SafeText.sanitize(cut))"
    }
}

extension SecretSource {
    var isCommand: Bool { if case .command = self { return true } else { return false } }
}
