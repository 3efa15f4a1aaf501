import CallscopeConfig
import CallscopeDomain
import CallscopeStore
import CallscopeViewModel
import Foundation

/// The local store as a session uses it (docs/ARCHITECTURE.md, "The local store"): which file,
/// whether the provider may be asked, and the clock that says what has closed.
struct StoreUse: Sendable {
    let store: HistoryStore
    let offline: Bool
    let now: @Sendable () -> Date

    /// The store a session reads through: none with `--no-store`, and none (said once on stderr)
    /// when it cannot be opened, since reading without it loses nothing; `--offline` needs it.
    static func open(_ setup: SessionSetup, context: CommandContext, warn: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) throws(CLIFailure) -> StoreUse? {
        guard !setup.noStore, setup.plan.file == nil else { return nil }
        guard let path = path(context.environment) else {
            if setup.offline { throw CLIFailure.usage("--offline reads the local store, which lives under $XDG_CACHE_HOME or $HOME: set one") }
            return nil
        }
        let cap = sizeCap(setup.config)
        let store: HistoryStore
        do {
            store = try HistoryStore(path: path, sizeCap: cap)
        } catch {
            if setup.offline { throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate) }
            warn("callscope: warning: \(error.description); reading without it\n")
            return nil
        }
        // The session's clock: the context's now, moving on with the wall clock.
        let start = context.now
        let wall = Date()
        return StoreUse(store: store, offline: setup.offline, now: { start.addingTimeInterval(Date().timeIntervalSince(wall)) })
    }

    /// `CALLSCOPE_STORE`, else the default under `$XDG_CACHE_HOME` or `$HOME`.
    static func path(_ environment: [String: String]) -> String? {
        environment["CALLSCOPE_STORE"] ?? HistoryStore.defaultPath(environment: environment)
    }

    /// `store_max_megabytes`, else the default cap.
    static func sizeCap(_ config: ConfigFile?) -> Int64 {
        config?.storeMaxMegabytes.map { Int64($0) << 20 } ?? HistoryStore.defaultSizeCap
    }
}

/// What the local store answered in a read, said after it on stderr: as of when, and, offline or
/// with the provider out of reach, which ranges it holds.
struct StoreNote {
    private(set) var fromStore = 0
    private(set) var fromProvider = 0
    private(set) var answer: StoredAnswer?

    init() {}

    /// What the statistics reading heard (`stats`).
    init(_ statistics: StatisticsState) {
        (fromStore, fromProvider, answer) = (statistics.segmentsFromStore, statistics.segmentsFromProvider, statistics.stored)
    }

    mutating func add(_ batch: CallBatch) {
        guard let stored = batch.stored else {
            fromProvider += 1
            return
        }
        fromStore += 1
        answer = answer?.including(stored) ?? stored
    }

    /// The line to print, or nil when the provider answered everything.
    func line(zone: ZoneClock) -> String? {
        guard let answer else { return nil }
        let asOf = "\(zone.local(answer.asOf)) \(zone.identifier)"
        switch answer.instead {
        case nil:
            let rest = fromProvider > 0 ? "; the open part was asked of the provider" : ""
            return "from the local store, as read from the provider at \(asOf)\(rest) (--no-store asks again)"
        case .offline?:
            return "offline: from the local store alone, as read at \(asOf); it holds \(Self.ranges(answer.held, zone: zone)) for this scope"
        case .unreachable(let why)?:
            return "the provider could not be reached (\(why)): from the local store, as read at \(asOf); it holds \(Self.ranges(answer.held, zone: zone)) for this scope"
        }
    }

    static func ranges(_ held: [Range<Date>], zone: ZoneClock) -> String {
        guard !held.isEmpty else { return "nothing" }
        return held.map { "\(zone.local($0.lowerBound)) to \(zone.local($0.upperBound))" }.joined(separator: ", ")
    }
}
