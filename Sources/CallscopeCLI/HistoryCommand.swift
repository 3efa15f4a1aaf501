import ArgumentParser
import CallscopeDomain
import CallscopeStore
import Foundation

/// `callscope history`: what the local store of closed history holds, per profile and scope,
/// and its housekeeping (README, "The local store").
public struct HistoryCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show what the local store of closed history holds (`history prune`, `history clear` manage it).",
        subcommands: [HistoryPruneCommand.self, HistoryClearCommand.self]
    )

    public init() {}

    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in try execute(.live, output: output) }
    }

    public func execute(_ context: CommandContext, output: some OutputSink) throws(CLIFailure) {
        let store = try Self.open(context)
        let (sources, used) = try Self.guarded { () throws(StoreError) in (try store.summary(), try store.usedBytes()) }
        let zone = ZoneClock(identifier: "UTC") ?? ZoneClock(TimeZone.current)
        var rows = [["PROFILE", "PROVIDER", "SCOPE", "CALLS", "SIZE", "CALLS FROM", "TO", "HELD WHOLE (UTC)"]]
        for source in sources {
            let held = source.held.filter { $0.filter.isEmpty }.map { "\(zone.local($0.range.lowerBound)) to \(zone.local($0.range.upperBound))" }
            let narrowed = source.held.filter { !$0.filter.isEmpty }.count
            let heldText = (held.isEmpty ? ["-"] : held).joined(separator: ", ") + (narrowed > 0 ? " (+\(narrowed) filtered)" : "")
            rows.append([SafeText.sanitize(source.profile ?? "-"), source.provider.displayName, SafeText.sanitize(source.scope),
                         source.calls.formatted(.number), Self.size(source.bytes),
                         source.oldestCall.map { "\(zone.local($0))" } ?? "-", source.newestCall.map { "\(zone.local($0))" } ?? "-", heldText])
        }
        if sources.isEmpty {
            output.write("the local store holds nothing yet\n")
        } else {
            // The table follows the locale, as list's does.
            let table = TextColumns.format(rows)
            output.write(context.writesUTF8 ? table : SevenBitText.escaped(table))
        }
        output.writeError("\(SafeText.sanitize(store.path)): \(Self.size(used)) of \(Self.size(store.sizeCap)) (store_max_megabytes)\n")
    }

    static func open(_ context: CommandContext) throws(CLIFailure) -> HistoryStore {
        guard let path = StoreUse.path(context.environment) else {
            throw CLIFailure.usage("the local store lives under $XDG_CACHE_HOME or $HOME: set one")
        }
        let cap = StoreUse.sizeCap(try? SessionSetup.loadConfig(nil, environment: context.environment))
        return try guarded { () throws(StoreError) in try HistoryStore(path: path, sizeCap: cap) }
    }

    static func guarded<T>(_ body: () throws(StoreError) -> T) throws(CLIFailure) -> T {
        do { return try body() } catch { throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate) }
    }

    /// "12.4 MB"
    static func size(_ bytes: Int64) -> String {
        let megabytes = Double(bytes) / 1_048_576
        return megabytes >= 1_024 ? String(format: "%.1f GB", megabytes / 1_024) : String(format: "%.1f MB", megabytes)
    }
}

/// `callscope history prune`: removes calls older than a span.
public struct HistoryPruneCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove stored calls older than --older-than (default 90d).")

    @Option(help: "How old a call must be to go: a span such as 90d, 12w or 36h.")
    public var olderThan = "90d"

    public init() {}

    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in try execute(.live, output: output) }
    }

    public func execute(_ context: CommandContext, output: some OutputSink) throws(CLIFailure) {
        let zone = ZoneClock(identifier: "UTC") ?? ZoneClock(TimeZone.current)
        let cut: Date
        do {
            cut = try TimeSpec.parse(olderThan, zone: zone, now: context.now)
        } catch {
            throw CLIFailure.usage("--older-than \(SafeText.sanitize(olderThan)): give a span such as 90d, 12w or 36h")
        }
        let store = try HistoryCommand.open(context)
        let removed = try HistoryCommand.guarded { () throws(StoreError) in try store.prune(before: cut) }
        output.writeError("removed \(removed.formatted(.number)) call\(removed == 1 ? "" : "s") that started before \(zone.local(cut)) UTC\n")
    }
}

/// `callscope history clear [PROFILE]`: removes everything, or everything read through a profile.
public struct HistoryClearCommand: ParsableCommand, AsyncRunnable {
    public static let configuration = CommandConfiguration(commandName: "clear", abstract: "Remove everything stored, or everything read through PROFILE.")

    @Argument(help: "The profile whose stored history goes (default: all of it).")
    public var profile: String?

    public init() {}

    public func runAsync() async throws {
        let output = StandardOutput()
        try await reportingFailures(output) { () async throws(CLIFailure) in try execute(.live, output: output) }
    }

    public func execute(_ context: CommandContext, output: some OutputSink) throws(CLIFailure) {
        let store = try HistoryCommand.open(context)
        let removed = try HistoryCommand.guarded { () throws(StoreError) in try store.clear(profile: profile) }
        let whose = profile.map { " read through profile '\(SafeText.sanitize($0))'" } ?? ""
        output.writeError("removed \(removed.formatted(.number)) stored call\(removed == 1 ? "" : "s")\(whose)\n")
    }
}
