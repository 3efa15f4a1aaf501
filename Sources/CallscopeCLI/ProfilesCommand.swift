import ArgumentParser
import CallscopeConfig
import CallscopeDomain
import CallscopeProviders
import Foundation
import Logging

/// `callscope profiles`: the profiles of config.toml, and where each one's secret comes from
/// (never the secret or a command's text).
public struct ProfilesCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the profiles of config.toml (`profiles check` tries each one).",
        subcommands: [ProfilesCheckCommand.self]
    )

    @Option(help: "The config file (default: $XDG_CONFIG_HOME/callscope/config.toml, else ~/.config/callscope/config.toml).")
    public var config: String?

    public init() {}

    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in try execute(.live, output: output) }
    }

    public func execute(_ context: CommandContext, output: some OutputSink) throws(CLIFailure) {
        guard let file = try Self.load(config, context: context, output: output) else { return }
        let rows = file.profiles.map { profile in
            [file.defaultProfile == profile.name ? "*" : " ", profile.name, profile.provider.displayName,
             profile.scope.describe(on: profile.provider), profile.zone ?? "-", Self.secretColumn(profile, file)]
        }
        output.write(TextColumns.format([[" ", "NAME", "PROVIDER", "SCOPE", "ZONE", "SECRET FROM"]] + rows))
        if file.defaultProfile != nil { output.write("(* default_profile)\n") }
    }

    static func secretColumn(_ profile: Profile, _ file: ConfigFile) -> String {
        let inline = [profile.token, profile.password].contains { if case .inline? = $0 { return true } else { return false } }
        return profile.secretOrigin + (inline && !file.ownerOnly ? " (refused until chmod 600)" : "")
    }

    /// The config file, its warnings said on stderr; nil (with a hint) when there is none.
    static func load(_ path: String?, context: CommandContext, output: some OutputSink) throws(CLIFailure) -> ConfigFile? {
        guard let file = try SessionSetup.loadConfig(path, environment: context.environment) else {
            let where_ = SafeText.sanitize(ConfigFile.defaultPath(environment: context.environment) ?? "~/.config/callscope/config.toml")
            output.writeError("callscope: no config file at \(where_): see the README, \"Profiles\"\n")
            return nil
        }
        for warning in file.warnings { output.writeError("callscope: warning: \(warning)\n") }
        if file.profiles.isEmpty { output.writeError("callscope: \(SafeText.sanitize(file.path)) defines no [profiles.NAME]\n") }
        return file
    }
}

/// `callscope profiles check [NAME]`: one cheap request per profile, in parallel.
public struct ProfilesCheckCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Make one cheap request per profile: reachable, credentials refused, not allowed or unreachable, with the round trip.",
        discussion: "Exit status: 0 when every profile checked is reachable, else that of the worst (69 unreachable, 77 credentials, 78 config)."
    )

    @Argument(help: "The profile to check (default: every profile).")
    public var name: String?

    @Option(help: "The config file.")
    public var config: String?

    public init() {}

    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in try await execute(.live, output: output) }
    }

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        guard let file = try ProfilesCommand.load(config, context: context, output: output) else {
            throw CLIFailure("nothing to check", exitCode: CallscopeExit.config)
        }
        var profiles = file.profiles
        if let name {
            guard let profile = file.profile(named: name) else {
                throw .usage("no profile '\(SafeText.sanitize(name))' in \(file.path): the profiles are \(profiles.map { SafeText.sanitize($0.name) }.joined(separator: ", "))")
            }
            profiles = [profile]
        }
        let checker = ProfileChecker(config: file, context: context, secrets: SecretResolver(environment: context.environment))
        let results = await withTaskGroup(of: (Int, ProfileCheck).self) { group in
            for (index, profile) in profiles.enumerated() {
                group.addTask { (index, await checker.check(profile)) }
            }
            var results = [ProfileCheck?](repeating: nil, count: profiles.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        let rows = results.map { [$0.profile, $0.outcome.label, $0.roundTrip.map(Self.milliseconds) ?? "-", $0.detail ?? ""] }
        output.write(TextColumns.format([["PROFILE", "RESULT", "TIME", "DETAIL"]] + rows))
        if let worst = results.map(\.outcome).max(), worst != .reachable {
            throw CLIFailure("\(results.filter { $0.outcome != .reachable }.count) of \(results.count) profiles failed the check", exitCode: worst.exitCode)
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}

/// One profile's check: its outcome, the request's round trip, and what went wrong.
struct ProfileCheck: Sendable {
    enum Outcome: Int, Comparable, Sendable {
        // Ordered from best to worst: the exit status is the worst one's.
        case reachable, notAllowed, credentialsRefused, noCredentials, notFound, unreadable, misconfigured, unreachable

        static func < (a: Outcome, b: Outcome) -> Bool { a.rawValue < b.rawValue }

        var label: String {
            switch self {
            case .reachable: return "reachable"
            case .notAllowed: return "not allowed"
            case .credentialsRefused: return "credentials refused"
            case .noCredentials: return "no credentials"
            case .notFound: return "not found"
            case .unreadable: return "unreadable answer"
            case .misconfigured: return "misconfigured"
            case .unreachable: return "unreachable"
            }
        }

        var exitCode: Int32 {
            switch self {
            case .reachable: return 0
            case .notAllowed, .credentialsRefused, .noCredentials: return CallscopeExit.credentials
            case .notFound: return CallscopeExit.notFound
            case .unreadable: return CallscopeExit.badData
            case .misconfigured: return CallscopeExit.config
            case .unreachable: return CallscopeExit.unavailable
            }
        }
    }

    let profile: String
    let outcome: Outcome
    let roundTrip: Duration?
    let detail: String?

    init(profile: String, outcome: Outcome, roundTrip: Duration?, detail: String?) {
        self.profile = profile
        self.outcome = outcome
        self.roundTrip = roundTrip
        // A detail quotes what the provider said: through the redactor (docs/ARCHITECTURE.md, "Secrets").
        self.detail = detail.map(SecretRedactor.shared.redact)
    }
}

/// Opens each profile as `list` would and makes one small request: a one-row Vobiz page, or a
/// one-minute VOXO window. No retries: a check says how things are now.
struct ProfileChecker: Sendable {
    let config: ConfigFile
    let context: CommandContext
    /// Shared: profiles naming the same token command run it once.
    let secrets: SecretResolver

    func check(_ profile: Profile) async -> ProfileCheck {
        var settings = context.settings
        settings.retry.maximumAttempts = 1
        settings.requestTimeout = min(settings.requestTimeout, .seconds(15))
        let factory = ProviderFactory(environment: context.environment, secrets: secrets, config: config,
                                      settings: settings, sleeper: context.sleeper, logger: .init(label: "callscope", factory: { _ in SwiftLogNoOpLogHandler() }))
        let name = profile.name
        let provider: any CallProvider
        do {
            let zone = try ProviderSession.resolveZone(profile.zone, environment: context.environment)
            provider = try await factory.make(.of(profile), zone: zone)
        } catch {
            return ProfileCheck(profile: name, outcome: error.exitCode == CallscopeExit.credentials ? .noCredentials : .misconfigured, roundTrip: nil, detail: error.message)
        }
        let now = context.now
        let minute = CallFilter(since: now.addingTimeInterval(-60), until: now)
        let clock = ContinuousClock()
        let started = clock.now
        do {
            switch provider {
            case let vobiz as VobizClient: _ = try await vobiz.fetchPage(1, filter: minute, perPage: 1)
            default: _ = try await provider.segment(.window(since: minute.since, until: minute.until), matching: minute)
            }
            return ProfileCheck(profile: name, outcome: .reachable, roundTrip: clock.now - started, detail: nil)
        } catch let error as ProviderError {
            let outcome: ProfileCheck.Outcome = switch error.kind {
            case .credentials: .credentialsRefused
            case .forbidden: .notAllowed
            case .notFound: .notFound
            case .malformedResponse: .unreadable
            case .rejected, .configuration: .misconfigured
            case .rateLimited, .server, .network, .timeout, .cancelled: .unreachable
            }
            return ProfileCheck(profile: name, outcome: outcome, roundTrip: clock.now - started, detail: error.description)
        } catch {
            return ProfileCheck(profile: name, outcome: .unreachable, roundTrip: clock.now - started, detail: SafeText.sanitize("\(error)"))
        }
    }
}

/// Left-aligned text columns, two spaces apart; the last column is not padded.
enum TextColumns {
    static func format(_ rows: [[String]]) -> String {
        let cleaned = rows.map { $0.map(SafeText.sanitize) }
        let count = cleaned.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in cleaned.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0 }
        return cleaned.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
            }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
