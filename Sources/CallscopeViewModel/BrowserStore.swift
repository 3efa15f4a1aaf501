import CallscopeDomain
import Foundation
import Synchronization

/// Holds the state, applies actions through the reducer, and runs the effects it asks for
/// against the provider: fetches as tasks tracked by generation (so a new filter cancels the
/// old one's), the detail fetch, and the follow-mode timer. Answers come back as actions.
///
/// One writer (docs/ARCHITECTURE.md, "Threading model"): the owner — the UI loop, or a test
/// through `waitUntil` — calls `dispatch` and `drain`, and only it runs the reducer. Tasks
/// finishing on other threads `post` their answers to an inbox and call `onChange`, which
/// wakes the owner to drain it. The state's lock only makes `snapshot` safe to read anywhere.
public final class BrowserStore: Sendable {
    private let state: Mutex<BrowserState>
    /// Answers of effects, in the order they finished, waiting for the owner to apply them.
    private let inbox = Mutex<[BrowserAction]>([])
    /// Segments the list and the statistics reader share, so neither fetches one twice.
    private let segments = SegmentCache()
    /// The connection being read; replaced by a profile or scope switch (under the state lock).
    private let currentProvider: Mutex<any CallProvider>
    private var provider: any CallProvider { currentProvider.withLock { $0 } }
    private let connector: (any ProviderConnector)?
    private let exporter: (any CallExporter)?
    private let clock: any BrowserClock
    private let tasks = Mutex(RunningTasks())
    private let observers = Mutex<[Int: AsyncStream<Void>.Continuation]>([:])
    private let nextObserver = Atomic<Int>(0)
    private let onChange: @Sendable () -> Void
    /// The latest generation's "now vs normal" reader: a later look asks only for what is new.
    private let normalReader = Mutex<(generation: Int, reader: WatchReader)?>(nil)

    private struct RunningTasks {
        var nextID = 0
        var segments: [Int: (generation: Int, task: Task<Void, Never>)] = [:]
        var detail: Task<Void, Never>?
        var follow: Task<Void, Never>?
        var connect: Task<Void, Never>?
        var statistics: Task<Void, Never>?
        var normal: Task<Void, Never>?
        var export: Task<Void, Never>?
        var settlement: Task<Void, Never>?
    }

    public init(
        provider: any CallProvider,
        zone: ZoneClock,
        draft: FilterDraft = FilterDraft(),
        defaults: FilterDraft = FilterDraft(),
        clock: any BrowserClock = SystemBrowserClock(),
        maximumLoadedSegments: Int = 12,
        profile: String? = nil,
        scope: CallScope = .all,
        sourceArguments: [String] = [],
        customers: [String: String] = [:],
        connector: (any ProviderConnector)? = nil,
        exporter: (any CallExporter)? = nil,
        notice: String? = nil,
        problem: String? = nil,
        watch: WatchSettings = WatchSettings(),
        deck: RateDeck? = nil,
        onChange: @escaping @Sendable () -> Void = {}
    ) {
        var start = BrowserStart(zone: zone, draft: draft, defaults: defaults)
        start.maximumLoadedSegments = maximumLoadedSegments
        start.profile = profile
        start.scope = scope
        start.sourceArguments = sourceArguments
        start.customers = customers
        start.profiles = connector?.profiles ?? []
        start.notice = notice
        start.problem = problem
        start.watch = watch
        start.deck = deck
        let initial = BrowserReducer.initialState(start, providerID: provider.providerID, paging: provider.pagingStyle,
                                                  placement: FilterPlacement(provider), now: clock.now())
        self.state = Mutex(initial)
        self.currentProvider = Mutex(provider)
        self.connector = connector
        self.exporter = exporter
        self.clock = clock
        self.onChange = onChange
    }

    /// A copy of the state to render (copy-on-write: cheap).
    public var snapshot: BrowserState { state.withLock { $0 } }

    /// Loads the first screen; a source that answers it before reading everything (a large
    /// saved file) is heard from again when it has.
    public func start() {
        // Asked before the first fetch: a source settled by then answers nothing without its total.
        let settling = (provider as? any SettlingCallSource).flatMap { $0.isSettled ? nil : $0 }
        dispatch(.resize(height: snapshot.viewportHeight))
        guard let settling else { return }
        let serial = snapshot.connectSerial
        let task = Task {
            let settlement = await settling.settled()
            if !Task.isCancelled { self.post(.sourceSettled(serial: serial, settlement)) }
        }
        tasks.withLock { $0.settlement = task }
    }

    /// Applies an action now. Call from the owner only (the UI loop, or the test driving it).
    public func dispatch(_ action: BrowserAction) {
        apply(action)
        onChange()
    }

    /// Applies every answer waiting in the inbox, oldest first. Call from the owner only.
    /// Returns whether there were any (the screen needs drawing).
    @discardableResult
    public func drain() -> Bool {
        let waiting = inbox.withLock { queued in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued
        }
        for action in waiting { apply(action) }
        return !waiting.isEmpty
    }

    /// Hands a task's answer to the owner: queued, and the owner woken to drain it.
    private func post(_ action: BrowserAction) {
        inbox.withLock { $0.append(action) }
        onChange()
        let waiting = observers.withLock { Array($0.values) }
        for observer in waiting { observer.yield() }
    }

    private func apply(_ action: BrowserAction) {
        let now = clock.now()
        state.withLock { s in
            // A switch's new provider is in place before the reducer asks it for anything.
            if case .connected(let serial, let connection) = action, serial == s.connectSerial {
                currentProvider.withLock { $0 = connection.provider }
            }
            let effects = BrowserReducer.reduce(&s, action, now: now)
            // Started under the state lock, so effects of two actions never start out of
            // order (a newer detail fetch cancelled by an older one). Starting only creates
            // tasks; their answers come back through `dispatch` once the lock is free.
            for effect in effects { perform(effect) }
        }
    }

    /// Stops every task; call when leaving.
    public func stop() {
        tasks.withLock { running in
            for (_, entry) in running.segments { entry.task.cancel() }
            running.detail?.cancel()
            running.follow?.cancel()
            running.connect?.cancel()
            running.statistics?.cancel()
            running.export?.cancel()
            running.settlement?.cancel()
            running = RunningTasks()
        }
        segments.cancelAll()
    }

    // MARK: Effects

    private func perform(_ effect: BrowserEffect) {
        switch effect {
        case .forgetStored(let filter):
            // At once, before the reads that follow it start.
            provider.forgetHeld(filter)
        case .fetchSegment(let generation, let id, let request, let filter):
            track(generation: generation) { [provider, segments] in
                do {
                    let segment = try await segments.segment(request, generation: generation, filter: filter, from: provider)
                    return .segmentLoaded(generation: generation, index: id, segment)
                } catch {
                    return .segmentFailed(generation: generation, index: id, message: Self.message(error))
                }
            }
        case .poll(let generation, let request, let filter):
            track(generation: generation) { [provider, segments] in
                do {
                    let news = try await provider.segment(request, matching: filter)
                    // New calls shift numbered pages: what the cache holds is out of date.
                    segments.dropFinished()
                    return .polled(generation: generation, news)
                } catch {
                    return .pollFailed(generation: generation, message: Self.message(error))
                }
            }
        case .cancelGeneration(let generation):
            tasks.withLock { running in
                running.statistics?.cancel()
                running.statistics = nil
                for (key, entry) in running.segments where entry.generation <= generation {
                    entry.task.cancel()
                    running.segments[key] = nil
                }
            }
        case .fetchDetail(let id, let filter, let summary):
            let task = Task { [provider] in
                let action: BrowserAction
                do {
                    let progress: @Sendable (Date) -> Void = { [weak self] back in
                        self?.post(.detailProgress(requestedID: id, scannedBackTo: back))
                    }
                    let call = if let summary {
                        try await provider.fullDetail(of: summary, within: filter, progress: progress)
                    } else {
                        try await provider.call(id: id, within: filter, progress: progress)
                    }
                    action = .detailLoaded(requestedID: id, call)
                } catch {
                    action = .detailFailed(requestedID: id, message: Self.message(error))
                }
                if !Task.isCancelled { self.post(action) }
            }
            tasks.withLock { running in
                running.detail?.cancel()
                running.detail = task
            }
        case .cancelDetail:
            tasks.withLock { $0.detail?.cancel() }
        case .startFollowTimer(let interval):
            let task = Task { [clock] in
                while !Task.isCancelled {
                    do { try await clock.sleep(for: interval) } catch { return }
                    if Task.isCancelled { return }
                    self.post(.followTick)
                }
            }
            tasks.withLock { running in
                running.follow?.cancel()
                running.follow = task
            }
        case .stopFollowTimer:
            tasks.withLock { running in
                running.follow?.cancel()
                running.follow = nil
            }
        case .readStatistics(let generation, let filter, let groupBy, let zone, let whole, let deck):
            // Below the list's own fetches: what is on screen comes first.
            let task = Task(priority: .background) { [provider, segments] in
                // The headline first, where the provider counts it on its server (a few one-row
                // requests in parallel, exact at once); then the figures are read.
                let counted = try? await provider.countByOutcome(filter)
                if let counted, !Task.isCancelled {
                    self.post(.outcomesCounted(generation: generation, counted))
                }
                // The budget holds the counting requests too (five, one per status and the whole).
                let budget = whole ? nil : provider.requestBudget.map { counted != nil ? max(2, $0 - 5) : $0 }
                let start = StatisticsState(generation: generation, range: filter.since...max(filter.since, filter.until), groupBy: groupBy, zone: zone, deck: deck)
                // The figures so far are shown as they grow, so the strip fills as it reads;
                // a failure ends them marked as stopped, with what was read kept.
                let state = await StatisticsReader(provider: provider, filter: filter, generation: generation, cache: segments, budget: budget).read(start) { soFar in
                    if !Task.isCancelled { self.post(.statisticsRead(generation: generation, soFar)) }
                }
                if !Task.isCancelled { self.post(.statisticsRead(generation: generation, state)) }
            }
            tasks.withLock { running in
                running.statistics?.cancel()
                running.statistics = task
            }
        case .readNormal(let generation, let filter, let settings, let zone):
            let task = Task(priority: .background) { [provider, clock] in
                var reader = self.normalReader.withLock { $0?.generation == generation ? $0?.reader : nil }
                    ?? WatchReader(provider: provider, filter: filter, settings: settings, zone: zone)
                do {
                    let sample = try await reader.look(until: clock.now())
                    self.normalReader.withLock { $0 = (generation, reader) }
                    let report = WatchEvaluation.evaluate(sample, settings: settings)
                    if !Task.isCancelled { self.post(.normalRead(generation: generation, report)) }
                } catch {
                    if !Task.isCancelled { self.post(.normalFailed(generation: generation, message: Self.message(error))) }
                }
            }
            tasks.withLock { running in
                running.normal?.cancel()
                running.normal = task
            }
        case .stopStatistics:
            tasks.withLock { running in
                running.statistics?.cancel()
                running.statistics = nil
            }
        case .export(let serial, let path, let filter, let replacing):
            export(serial: serial, path: path, filter: filter, replacing: replacing)
        case .cancelExport:
            tasks.withLock { running in
                running.export?.cancel()
                running.export = nil
            }
        case .fetchTotal(let generation, let filter):
            // Straight from the source, not the segment cache: the cache may hold the first page
            // as it was answered before the source settled, without its total.
            track(generation: generation) { [provider] in
                do {
                    let first = try await provider.segment(.page(1), matching: filter)
                    guard let total = first.reportedTotal else {
                        return .totalFailed(generation: generation, message: "\(provider.providerID.displayName) gave no count of these calls")
                    }
                    return .totalLearned(generation: generation, total: total)
                } catch {
                    return .totalFailed(generation: generation, message: Self.message(error))
                }
            }
        case .connect(let serial, let target):
            let task = Task { [connector] in
                let action: BrowserAction
                do {
                    guard let connector else { throw SwitchUnavailable() }
                    action = .connected(serial: serial, try await connector.connect(target))
                } catch {
                    action = .connectFailed(serial: serial, message: Self.message(error))
                }
                if !Task.isCancelled { self.post(action) }
            }
            // A newer switch supersedes one still connecting.
            tasks.withLock { running in
                running.connect?.cancel()
                running.connect = task
            }
        }
    }

    /// Writes every call of `filter` through the exporter, reading the pages or windows not yet
    /// loaded in the background; progress after each. A cancelled or failed export abandons
    /// its file, so nothing is left behind.
    private func export(serial: Int, path: String, filter: CallFilter, replacing: Bool) {
        let task = Task(priority: .utility) { [provider, exporter] in
            let writer: any CallExportWriting
            do throws(ExportRefusal) {
                guard let exporter else { throw ExportRefusal(.cannotWrite, "this session cannot export") }
                writer = try exporter.begin(path: path, replacing: replacing)
            } catch {
                self.post(error.kind == .exists ? .exportNeedsConfirmation(serial: serial, path: path)
                                                : .exportFailed(serial: serial, path: path, message: error.description))
                return
            }
            var written = 0
            do {
                // A source still settling (a large file shown from its first records) may yet
                // find its calls in another order: the export reads them once it knows.
                if let settling = provider as? any SettlingCallSource, !settling.isSettled { _ = await settling.settled() }
                for try await batch in provider.allCalls(matching: filter) {
                    try Task.checkCancellation()
                    try writer.write(batch.calls)
                    written += batch.calls.count
                    self.post(.exportProgress(serial: serial, written: written, total: batch.reportedTotal))
                }
                try Task.checkCancellation()
                try writer.commit()
                self.post(.exportFinished(serial: serial, path: path, written: written))
            } catch {
                writer.abandon()
                if Task.isCancelled || error is CancellationError { return }
                // A file that appeared at the path while writing: ask, as at the start.
                if let refusal = error as? ExportRefusal, refusal.kind == .exists {
                    self.post(.exportNeedsConfirmation(serial: serial, path: path))
                } else {
                    self.post(.exportFailed(serial: serial, path: path, message: Self.message(error)))
                }
            }
        }
        tasks.withLock { running in
            running.export?.cancel()
            running.export = task
        }
    }

    /// Runs `work` as a task of `generation`; its answer is dispatched unless cancelled.
    private func track(generation: Int, _ work: @escaping @Sendable () async -> BrowserAction) {
        tasks.withLock { running in
            let key = running.nextID
            running.nextID += 1
            let task = Task {
                let action = await work()
                self.tasks.withLock { _ = $0.segments.removeValue(forKey: key) }
                if !Task.isCancelled { self.post(action) }
            }
            running.segments[key] = (generation, task)
        }
    }

    struct SwitchUnavailable: Error, CustomStringConvertible {
        var description: String { "this session cannot switch profiles (started without a config file)" }
    }

    /// Provider errors describe themselves for users (what happened, what to do).
    static func message(_ error: any Error) -> String {
        SafeText.sanitize(SecretRedactor.shared.redact(String(describing: error)))
    }

    // MARK: Waiting (tests, benchmarks)

    /// Waits until `predicate` holds for the state, or `timeout` passes, applying answers as
    /// they arrive: the waiter is the owner meanwhile. Returns whether the predicate held.
    public func waitUntil(timeout: Duration = .seconds(10), _ predicate: @escaping @Sendable (BrowserState) -> Bool) async -> Bool {
        let key = nextObserver.add(1, ordering: .relaxed).newValue
        let (changes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        observers.withLock { $0[key] = continuation }
        defer { observers.withLock { $0[key] = nil } }
        drain()
        if predicate(snapshot) { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { [self] in
                for await _ in changes {
                    drain()
                    if predicate(snapshot) { return true }
                }
                return false
            }
            group.addTask {
                try? await ContinuousClock().sleep(for: timeout)
                return false
            }
            let result = await group.next() ?? false
            continuation.finish()
            group.cancelAll()
            return result
        }
    }
}
