import ArgumentParser
import CallscopeDomain
import CallscopeProviders

/// The exit codes callscope documents (README "Exit codes"), from sysexits.h.
public enum CallscopeExit {
    public static let usage: Int32 = 64          // EX_USAGE: bad flags or values
    public static let badData: Int32 = 65        // EX_DATAERR: the provider sent something unreadable
    public static let notFound: Int32 = 66       // EX_NOINPUT: no such call or account
    public static let unavailable: Int32 = 69    // EX_UNAVAILABLE: network, timeout, 5xx, 429
    public static let cannotCreate: Int32 = 73   // EX_CANTCREAT: the output file cannot be written
    public static let credentials: Int32 = 77    // EX_NOPERM: credentials missing, wrong or not allowed
    public static let config: Int32 = 78         // EX_CONFIG: the config file cannot be used
    public static let interrupted: Int32 = 130

    static func code(for error: ProviderError) -> Int32 {
        switch error.kind {
        case .credentials, .forbidden: return credentials
        case .notFound: return notFound
        case .rejected, .configuration: return usage
        case .rateLimited, .server, .network, .timeout: return unavailable
        case .malformedResponse: return badData
        case .cancelled: return interrupted
        }
    }
}

/// A failure the command line reports itself: the message goes to stderr, the code is
/// the process's exit status.
public struct CLIFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        // Whatever it quotes, a failure's message leaves the process (docs/ARCHITECTURE.md, "Secrets").
        self.message = SecretRedactor.shared.redact(message)
        self.exitCode = exitCode
    }

    public var description: String { message }

    static func usage(_ message: String) -> CLIFailure { CLIFailure(message, exitCode: CallscopeExit.usage) }
    static func credentials(_ message: String) -> CLIFailure { CLIFailure(message, exitCode: CallscopeExit.credentials) }

    init(_ error: ProviderError) {
        self.init(error.description, exitCode: CallscopeExit.code(for: error))
    }

    /// Whatever a provider call threw, as the command line reports it.
    init(providerFailure error: any Error) {
        switch error {
        case let error as ProviderError: self.init(error)
        case is CancellationError: self.init("interrupted", exitCode: CallscopeExit.interrupted)
        default: self.init(SafeText.sanitize("\(error)"), exitCode: 1)
        }
    }
}
