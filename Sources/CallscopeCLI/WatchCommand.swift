import ArgumentParser
import CallscopeConfig
import CallscopeDomain
import CallscopeViewModel
import Foundation

/// `callscope watch`: is something wrong right now? The window against the same hours of the
/// earlier days, and the abuse lens (README, "Is something wrong?"). With `--once` it exits as
/// a monitoring plugin does.
public struct WatchCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Compare the last hour with the same hours of the last 7 days and look for abuse; --once exits 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        discussion: """
            Alerts name the group (customer, trunk, destination country, direction), now against \
            normal, what changed, and a `callscope list` line that shows the calls. Customers are \
            known where calls name them: VOXO tenants and Vobiz customers read with --account or \
            --named-customers. Settings: the config's [watch] table (window, days, same_weekday, \
            min_calls, bell, high_risk); these flags win over it.

            Example (cron or Icinga): callscope watch --profile acme --named-customers --once
            """
    )

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Flag(help: "Look once and exit: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; the first line is the plugin's status with performance data.")
    public var once = false

    @Option(help: "How often to look again without --once: 30s, 5m (default 60s).")
    public var every: String = "60s"

    @Option(help: "The window compared, ending now or at --until: 15m, 60m, 2h (default 60m, or [watch] window).")
    public var window: String?

    @Option(help: "How many earlier days (or weeks, with --same-weekday) make the normal (default 7).")
    public var days: Int?

    @Flag(help: "Compare with the same weekday of earlier weeks instead of earlier days.")
    public var sameWeekday = false

    @Option(help: "Calls a group needs in the window before it can alert (default 20).")
    public var minCalls: Int?

    @Option(help: "text or json.")
    public var format: WatchFormat = .text

    public init() {}

    public mutating func validate() throws {
        if filterOptions.since != nil {
            throw ValidationError("--since does not apply: watch compares the window ending now (or at --until); set its length with --window")
        }
        if let window, WatchConfig.seconds(window).map({ (60...86_400).contains($0) }) != true {
            throw ValidationError("--window must be a length from 1m to 24h: 15m, 60m, 2h")
        }
        if WatchConfig.seconds(every).map({ (5...86_400).contains($0) }) != true {
            throw ValidationError("--every must be a length from 5s to 24h: 30s, 60s, 5m")
        }
        if let days, !(1...60).contains(days) { throw ValidationError("--days must be 1 to 60") }
        if let minCalls, !(1...1_000_000).contains(minCalls) { throw ValidationError("--min-calls must be 1 to 1000000") }
    }

    public func runAsync() async throws {
        let code = await run(.live, output: StandardOutput(), clock: { Date() }, sleep: { try await Task.sleep(for: $0) })
        if code != 0 { throw ExitCode(code) }
    }

    /// Runs the command; returns the exit code. `clock` tells the time for each look and
    /// `sleep` waits between looks, so a test drives repeats with a manual clock.
    public func run(_ context: CommandContext, output: some OutputSink, clock: @Sendable () -> Date,
                    sleep: @Sendable (Duration) async throws -> Void, looks: Int = .max) async -> Int32 {
        do {
            return try await watch(context, output: output, clock: clock, sleep: sleep, looks: looks)
        } catch {
            if once {
                // A plugin's first line is its status, whatever went wrong.
                output.write("UNKNOWN: \(error.message)\n")
                return WatchExit.unknown
            }
            output.writeError("callscope: \(error.message)\n")
            return error.exitCode
        }
    }

    private func watch(_ context: CommandContext, output: some OutputSink, clock: @Sendable () -> Date,
                       sleep: @Sendable (Duration) async throws -> Void, looks: Int) async throws(CLIFailure) -> Int32 {
        let setup = try SessionSetup.resolve(providerOptions, context: context, warnings: output.writeError)
        let settings = self.settings(setup.config?.watch ?? WatchConfig())
        let session = try await ProviderSession.open(setup, context: context)
        do {
            let code = try await watch(session, settings: settings, context: context, output: output, clock: clock, sleep: sleep, looks: looks)
            await session.close()
            return code
        } catch {
            await session.close()
            throw error
        }
    }

    private func watch(_ session: ProviderSession, settings: WatchSettings, context: CommandContext, output: some OutputSink,
                       clock: @Sendable () -> Date, sleep: @Sendable (Duration) async throws -> Void, looks: Int) async throws(CLIFailure) -> Int32 {
        if let assumed = session.assumedZoneWarning { output.writeError("callscope: warning: \(assumed)\n") }
        // Each window sets its own range; the start here only has to come before any --until.
        let filter = try filterOptions.filter(zone: session.zone, now: context.now, defaultSince: "2000-01-01")
        let fixedEnd = filterOptions.until != nil ? filter.until : nil
        var reader = WatchReader(provider: session.provider, filter: filter, settings: settings, zone: session.zone)
        let text = WatchText(zone: session.zone, scopeDescription: session.scopeDescription, filter: filter, scope: session.scope,
                             provider: session.provider.providerID, sourceArguments: session.plan.commandLineArguments,
                             sevenBit: !context.writesUTF8)
        var previous: [String: WatchAlert] = [:]
        var look = 0
        while true {
            look += 1
            let report: WatchReport
            do {
                let sample = try await reader.look(until: fixedEnd ?? clock())
                report = WatchEvaluation.evaluate(sample, settings: settings)
            } catch {
                let failure = CLIFailure(providerFailure: error)
                guard !once, look < looks else { throw failure }
                // Repeating: a failed look is reported, and the next one tries again.
                output.writeError("callscope: \(failure.message); trying again in \(every)\n")
                try await pause(sleep)
                continue
            }
            if once || look == 1 {
                output.write(format == .json ? text.json(report) : text.plugin(report) + text.alerts(report))
            } else {
                output.write(format == .json ? text.json(report) : text.changes(report, since: previous))
            }
            if once { return WatchExit.code(report.worst) }
            previous = Dictionary(report.alerts.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
            if look >= looks || fixedEnd != nil { return WatchExit.code(report.worst) }
            try await pause(sleep)
        }
    }

    private func pause(_ sleep: @Sendable (Duration) async throws -> Void) async throws(CLIFailure) {
        do {
            try await sleep(.seconds(WatchConfig.seconds(every) ?? 60))
        } catch {
            throw CLIFailure("interrupted", exitCode: CallscopeExit.interrupted)
        }
    }

    /// The config's `[watch]` table, then these flags.
    func settings(_ config: WatchConfig) -> WatchSettings {
        var settings = Self.settings(config)
        settings.windowSeconds = window.flatMap(WatchConfig.seconds) ?? settings.windowSeconds
        settings.days = days ?? settings.days
        settings.sameWeekday = sameWeekday || settings.sameWeekday
        settings.minCalls = minCalls ?? settings.minCalls
        return settings
    }

    /// The config's `[watch]` table over the defaults (the browser's board reads it too).
    static func settings(_ config: WatchConfig) -> WatchSettings {
        var settings = WatchSettings()
        settings.windowSeconds = config.windowSeconds ?? settings.windowSeconds
        settings.days = config.days ?? settings.days
        settings.sameWeekday = config.sameWeekday ?? settings.sameWeekday
        settings.minCalls = config.minCalls ?? settings.minCalls
        settings.highRisk = config.highRisk ?? settings.highRisk
        settings.bell = config.bell ?? settings.bell
        settings.follow = config.follow ?? settings.follow
        return settings
    }
}

public enum WatchFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json
}

/// The monitoring plugin's exit codes (Nagios, Icinga).
enum WatchExit {
    static let ok: Int32 = 0
    static let warning: Int32 = 1
    static let critical: Int32 = 2
    static let unknown: Int32 = 3

    static func code(_ worst: WatchSeverity?) -> Int32 {
        switch worst {
        case nil: return ok
        case .warning?: return warning
        case .critical?: return critical
        }
    }
}
