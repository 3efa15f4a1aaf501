// Follow benchmark: an hour of follow mode against a live mock server (calls keep arriving)
// over real HTTP on 127.0.0.1, in simulated time: the mock's clock and the store's follow
// timer move together by hand, so an hour takes seconds. Prints resident memory, loaded
// calls and polls every five simulated minutes, for each provider in a process of its own
// (so one's memory does not hide the other's), and the ratio of the last reading to the one
// at five minutes, once the first screen and the first polls are in (flat is ~1).
// Run: swift run -c release FollowBenchmark [calls-per-second] [minutes] [voxo|vobiz]
import BenchmarkSupport
import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeTesting
import CallscopeViewModel
import Foundation

let rate = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20
let minutes = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 60
let start: Int64 = 1_774_440_000
let interval = BrowserReducer.followInterval
let only = CommandLine.arguments.dropFirst(3).first.flatMap(ProviderID.init(rawValue:))

if only == nil {
    // Each provider in a fresh process of this same program.
    for provider in ProviderID.allCases {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["\(rate)", "\(minutes)", provider.rawValue]
        try child.run()
        child.waitUntilExit()
    }
    exit(0)
}

for provider in [only].compactMap({ $0 }) {
    let clock = ManualClock(now: Date(timeIntervalSince1970: TimeInterval(start)))
    // The history: a day before the start, and the hour to come, at `rate` calls a second.
    let span: Int64 = 86_400 + Int64(minutes) * 60 + 60
    var configuration = MockServerConfiguration(history: .init(
        seed: 11, count: Int(span) * rate, anchor: start + Int64(minutes) * 60 + 60, span: span))
    configuration.liveNow = { Int64(clock.now().timeIntervalSince1970) }
    let server = try await MockServer.start(configuration)
    let baseURL = try BaseURL(server.baseURL, provider: provider)
    let client: any CallProvider = provider == .voxo
        ? VoxoClient(configuration: VoxoConfiguration(baseURL: baseURL, scope: .tenant("37"), credentials: .token(MockCredentials.voxoToken),
                                                      zone: ZoneClock(identifier: "UTC")!))
        : VobizClient(configuration: VobizConfiguration(baseURL: baseURL, authID: MockCredentials.vobizAuthID,
                                                        authToken: MockCredentials.vobizAuthToken, account: nil))
    var draft = FilterDraft()
    draft.since = "1d"
    let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: draft, clock: clock)
    store.dispatch(.resize(height: 40))
    _ = await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) }
    let firstKB = residentKilobytes("VmRSS:")
    print("\(provider.displayName): \(rate) calls/s, a poll every \(interval), \(minutes) simulated minutes")
    print("  minute  RSS MB  loaded calls  list rows  segments  new calls seen")
    store.dispatch(.toggleFollow)
    var polls = 0
    var lastKB = firstKB
    var warmKB: Int?
    let started = ContinuousClock.now
    let ticks = minutes * 60 / Int(interval.components.seconds)
    for tick in 1...ticks {
        // Wait for the timer to sleep again and the poll it started to land.
        _ = await store.waitUntil(timeout: .seconds(60)) { $0.pollInFlight == nil }
        while clock.sleepers == 0 { await Task.yield() }
        clock.advance(by: interval)
        while clock.sleepers == 0 { await Task.yield() }
        _ = await store.waitUntil(timeout: .seconds(60)) { $0.pollInFlight == nil }
        polls += 1
        let seconds = tick * Int(interval.components.seconds)
        if seconds % 300 == 0 {
            let snapshot = store.snapshot
            lastKB = residentKilobytes("VmRSS:")
            if warmKB == nil { warmKB = lastKB }
            print(String(format: "  %6d  %6.1f  %12d  %9d  %8d  %14d", seconds / 60, Double(lastKB) / 1024, snapshot.list.loadedCalls.count,
                         snapshot.list.rowCount, snapshot.list.segments.count, seconds * rate))
        }
    }
    let elapsed = ContinuousClock.now - started
    let warm = warmKB ?? firstKB
    print(String(format: "  %d polls in %@; RSS after the first screen %.1f MB, at 5 minutes %.1f MB, at the end %.1f MB: end ÷ 5 minutes = %.2f (flat ≈ 1)",
                 polls, "\(elapsed)", Double(firstKB) / 1024, Double(warm) / 1024, Double(lastKB) / 1024, Double(lastKB) / Double(max(warm, 1))))
    store.stop()
    await server.stop()
}
