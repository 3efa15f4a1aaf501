import CallscopeConfig
import CallscopeDomain
import CallscopeFiles
import CallscopeMockServer
import CallscopeProviders
import Foundation
import Logging

/// What a command starts from: the config file (if any), the connection plan and the zone.
struct SessionSetup: Sendable {
    let demo: Bool
    /// `--no-store` and `--offline`.
    var noStore = false
    var offline = false
    let config: ConfigFile?
    let plan: ConnectionPlan
    let zone: ZoneClock

    /// Reads the config file (`--config`, else the default path; none is fine), says its
    /// warnings on stderr, and resolves flags > profile > environment.
    static func resolve(_ options: ProviderOptions, context: CommandContext, warnings: (String) -> Void) throws(CLIFailure) -> SessionSetup {
        // A saved file reads no profile.
        let config = options.demo || options.file != nil ? nil : try loadConfig(options.config, environment: context.environment)
        for warning in config?.warnings ?? [] { warnings("callscope: warning: \(warning)\n") }
        let plan = try ConnectionPlan.resolve(options, config: config, environmentProfile: context.environment["CALLSCOPE_PROFILE"])
        let zone = try ProviderSession.resolveZone(plan.zoneName, environment: context.environment)
        return SessionSetup(demo: options.demo, noStore: options.noStore, offline: options.offline, config: config, plan: plan, zone: zone)
    }

    /// `explicitPath` (`--config`) must exist; the default path may not.
    static func loadConfig(_ explicitPath: String?, environment: [String: String]) throws(CLIFailure) -> ConfigFile? {
        guard let path = explicitPath ?? ConfigFile.defaultPath(environment: environment) else { return nil }
        do {
            return try ConfigFile.load(path: path, required: explicitPath != nil)
        } catch {
            throw CLIFailure(error.description, exitCode: CallscopeExit.config)
        }
    }
}

/// A provider client ready to use, with the in-process mock server behind it in demo mode.
/// `close()` stops that server.
public struct ProviderSession: Sendable {
    public let provider: any CallProvider
    public let zone: ZoneClock
    /// What is being read, for headers and status lines ("Vobiz, all customers").
    public let scopeDescription: String
    /// What was opened (in demo mode with the mock server's URL): a scope change starts from it.
    let plan: ConnectionPlan
    var profile: String? { plan.profile?.name }
    var scope: CallScope { plan.scope }
    /// Opens further connections (the browser's profile switches) with the same secrets.
    let factory: ProviderFactory
    let demoServer: RunningMockServer?
    /// The saved file read instead of a provider (`--file`, `open`), as it was when opened (the
    /// browser opens a large file head first: its span is then its first and last calls').
    let file: SavedFileSummary?

    /// The range a command reads when no `--since`/`--until` is given: a saved file's whole
    /// span, as the first and last days that hold calls (a bare date includes its whole day);
    /// a provider's profile `since` (else the last 7 days).
    var defaultRange: (since: String?, until: String?) {
        guard let file else { return (plan.since, nil) }
        // No call has a start (or there are no calls): the widest range valid in every zone;
        // calls without a start pass any range.
        guard let span = file.span else { return ("1970-01-02", "2199-12-30") }
        return (zone.day(of: span.lowerBound), zone.day(of: span.upperBound))
    }

    /// A VOXO answer read without `--tz`: its times carry no zone, so the display zone was assumed.
    var assumedZoneWarning: String? {
        guard let file, file.format == .voxoArray, plan.zoneName == nil else { return nil }
        return "\(SafeText.sanitize(file.name)) is a VOXO answer, whose times carry no zone: they were read as \(zone.identifier) (give --tz the zone it was requested in)"
    }

    /// What the status bar says a file's times are read in: a VOXO answer carries no zone.
    var fileNotice: String? {
        guard let file else { return nil }
        let name = SafeText.sanitize(file.name)
        guard file.format == .voxoArray else { return "\(name): a \(file.format)\(file.compressed ? ", gzip" : "")" }
        return plan.zoneName == nil
            ? "\(name): VOXO times carry no zone; read as \(zone.identifier), assumed (open it with --tz ZONE)"
            : "\(name): VOXO times read as \(zone.identifier) (--tz)"
    }

    /// The browser's profile switcher: the config's profiles (the demo's in demo mode).
    func connector(config: ConfigFile?, baseZone: ZoneClock) -> ProfileConnector {
        ProfileConnector(config: config, demoBaseURL: demoServer?.baseURL, start: plan, factory: factory, baseZone: baseZone)
    }

    public func close() async {
        await demoServer?.stop()
    }

    /// Opens the connection `setup` plans and reads `filterOptions` into the filter it is read
    /// with. A provider's filter is checked before anything is sent; a saved file is opened
    /// first, since its default range is the file's own. `fileHeadFirst`: a large file is shown
    /// from its first records while it is indexed (the browser), instead of indexed first.
    static func open(
        _ setup: SessionSetup,
        filterOptions: FilterOptions,
        context: CommandContext,
        logger: Logger = Logger(label: "callscope", factory: { _ in SwiftLogNoOpLogHandler() }),
        fileHeadFirst: Bool = false
    ) async throws(CLIFailure) -> (session: ProviderSession, filter: CallFilter) {
        guard setup.plan.file != nil else {
            let filter = try filterOptions.filter(zone: setup.zone, now: context.now, defaultSince: setup.plan.since)
            return (try await open(setup, context: context, logger: logger), filter)
        }
        let session = try await open(setup, context: context, logger: logger, fileHeadFirst: fileHeadFirst)
        let range = session.defaultRange
        do {
            return (session, try filterOptions.filter(zone: setup.zone, now: context.now, defaultSince: range.since, defaultUntil: range.until))
        } catch {
            await session.close()
            throw error
        }
    }

    /// Opens the connection `setup` plans; in demo mode starts the mock server first and
    /// reads it with its own credentials.
    static func open(
        _ setup: SessionSetup,
        context: CommandContext,
        logger: Logger = Logger(label: "callscope", factory: { _ in SwiftLogNoOpLogHandler() }),
        fileHeadFirst: Bool = false
    ) async throws(CLIFailure) -> ProviderSession {
        var plan = setup.plan
        if let path = plan.file {
            let source: FileCallSource
            do {
                source = try FileCallSource.open(path: path, zone: setup.zone, headFirst: fileHeadFirst)
            } catch {
                throw CLIFailure(error.description, exitCode: error.kind == .cannotOpen ? CallscopeExit.notFound : CallscopeExit.badData)
            }
            let file = source.summary
            plan.provider = file.provider
            plan.scope = .file(file.name)
            // No profile is read with a file, so no secret: the factory only answers the browser's switches.
            let factory = ProviderFactory(environment: context.environment, secrets: SecretResolver(environment: context.environment), config: nil,
                                          settings: context.settings, sleeper: context.sleeper, logger: logger)
            return ProviderSession(provider: source, zone: setup.zone, scopeDescription: "\(SafeText.sanitize(file.name)) (a \(file.format))",
                                   plan: plan, factory: factory, demoServer: nil, file: file)
        }
        var environment = context.environment
        var demoServer: RunningMockServer?
        if setup.demo {
            do {
                let server = try await MockServer.start(MockServerConfiguration(history: .init(anchor: Int64(context.now.timeIntervalSince1970))))
                demoServer = server
                plan.baseURL = server.baseURL
            } catch {
                throw CLIFailure("could not start the demo server: \(error)", exitCode: CallscopeExit.unavailable)
            }
            environment = MockCredentials.environment
        }
        // The demo's history is made up at each start: nothing of it is kept.
        let store = setup.demo ? nil : try StoreUse.open(setup, context: context)
        let factory = ProviderFactory(environment: environment, secrets: SecretResolver(environment: environment), config: setup.config,
                                      settings: context.settings, sleeper: context.sleeper, logger: logger, store: store)
        do {
            let provider = try await factory.make(plan, zone: setup.zone)
            return ProviderSession(provider: provider, zone: setup.zone, scopeDescription: "\(plan.provider.displayName), \(plan.scope.describe(on: plan.provider))",
                                   plan: plan, factory: factory, demoServer: demoServer, file: nil)
        } catch {
            await demoServer?.stop()
            throw error
        }
    }

    /// `--tz` (or the profile's zone), else `TZ`, else the system zone. An unknown name is a usage error.
    static func resolveZone(_ name: String?, environment: [String: String]) throws(CLIFailure) -> ZoneClock {
        if let name {
            guard let zone = ZoneClock(identifier: name) else {
                throw .usage("unknown time zone '\(SafeText.sanitize(name))' for --tz: use an IANA name such as America/New_York or UTC")
            }
            return zone
        }
        if let tz = environment["TZ"], !tz.isEmpty, !tz.hasPrefix(":"), let zone = ZoneClock(identifier: tz) {
            return zone
        }
        return ZoneClock(TimeZone.current)
    }
}

extension MockCredentials {
    /// The environment a demo session reads its credentials from.
    static var environment: [String: String] {
        ["VOXO_TOKEN": voxoToken, "VOBIZ_AUTH_ID": vobizAuthID, "VOBIZ_AUTH_TOKEN": vobizAuthToken]
    }
}
