// Browse benchmark (issue 3): scrolls the view-model through 1,000,000 calls of the mock
// history over real HTTP on 127.0.0.1 (no added latency), and prints the HTTP requests made,
// peak resident memory, and the cost of one action plus the view computation.
// Run: swift run -c release BrowseBenchmark [calls] [rows-per-screen]
import BenchmarkSupport
import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeViewModel
import Foundation

let calls = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let height = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 40
let anchor: Int64 = 1_774_440_000
let baselineKB = residentKilobytes("VmRSS:")

var configuration = MockServerConfiguration(history: .init(seed: 5, count: calls, anchor: anchor, span: 365 * 86_400))
configuration.port = 0
let server = try await MockServer.start(configuration)
let client = VobizClient(configuration: VobizConfiguration(
    baseURL: try BaseURL(server.baseURL, provider: .vobiz),
    authID: MockCredentials.vobizAuthID, authToken: MockCredentials.vobizAuthToken, account: nil))

var draft = FilterDraft()
draft.since = "2025-01-01"
draft.until = "2026-03-26"
let store = BrowserStore(provider: client, zone: ZoneClock(identifier: "UTC")!, draft: draft)
store.dispatch(.resize(height: height))
_ = await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) && $0.list.reportedTotal != nil }

var costs: [Double] = []
var cpuCosts: [Double] = []
/// Each interval's CPU time by part: answers applied, the key, the rows computed.
var parts: [(Double, Double, Double)] = []
costs.reserveCapacity(calls / height + 10)
cpuCosts.reserveCapacity(calls / height + 10)
var waits = 0
let started = ContinuousClock.now
while true {
    let before = store.snapshot.selection
    let t0 = ContinuousClock.now
    let cpu0 = threadCPUMicroseconds()
    // As the UI loop does: apply the answers that landed, then the key.
    store.drain()
    let cpu1 = threadCPUMicroseconds()
    store.dispatch(.pageDown)
    let cpu2 = threadCPUMicroseconds()
    let rows = store.snapshot.visibleRows()
    parts.append((cpu1 - cpu0, cpu2 - cpu1, threadCPUMicroseconds() - cpu2))
    let t1 = ContinuousClock.now
    cpuCosts.append(threadCPUMicroseconds() - cpu0)
    let elapsed = t1 - t0
    costs.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    if rows.contains(.loading) {
        waits += 1
        _ = await store.waitUntil(timeout: .seconds(60)) { !$0.visibleRows().contains(.loading) }
    }
    if store.snapshot.selection == before { break }
}
let total = ContinuousClock.now - started
let requests = await server.state.faults.requestCount
let visited = store.snapshot.selection + 1
let sorted = costs.sorted()
let p50 = sorted[min(sorted.count - 1, sorted.count / 2)]
let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
let peakKB = residentKilobytes("VmHWM:")

print("rows visited: \(visited) of \(store.snapshot.list.rowCount), \(costs.count) page-downs in \(total)")
print("HTTP requests: \(requests) = \(String(format: "%.3f", Double(requests) / (Double(visited) / 100))) per 100 rows visited (target 1.000); screens that waited for a page: \(waits)")
print("peak resident memory: \(peakKB / 1024) MB (target < 64 MB); at start \(baselineKB / 1024) MB; loaded pages at the end: \(store.snapshot.list.loadedSegmentCount)")
print(String(format: "action + view computation in the store, answers landing meanwhile: p50 %.1f µs, p99 %.1f µs, max %.1f µs (target p99 < 1000 µs)", p50, p99, sorted.last ?? 0))
// The same intervals in this thread's CPU time: the wall figure above also holds the time the
// scheduler gave the mock server and the decoding threads meanwhile.
let cpuSorted = cpuCosts.sorted()
print(String(format: "  the same in this thread's CPU time: p50 %.1f µs, p99 %.1f µs, max %.1f µs; intervals over 1 ms: %d wall, %d CPU",
             cpuSorted[cpuSorted.count / 2], cpuSorted[min(cpuSorted.count - 1, Int(Double(cpuSorted.count) * 0.99))], cpuSorted.last ?? 0,
             sorted.filter { $0 > 1000 }.count, cpuSorted.filter { $0 > 1000 }.count))

func percentile99(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
let (drains, actions, views) = (parts.map(\.0), parts.map(\.1), parts.map(\.2))
print(String(format: "  where it goes, CPU p50/p99: answers applied %.0f/%.0f µs, the key %.0f/%.0f µs, the rows %.0f/%.0f µs",
             median(drains), percentile99(drains), median(actions), percentile99(actions), median(views), percentile99(views)))

// The same, without the network: one action plus the view computation on a state value,
// 20,000 one-row moves through a loaded stretch (what a held-down `j` costs).
var state = store.snapshot
_ = BrowserReducer.reduce(&state, .top, now: Date())
var pure: [Double] = []
for step in 0..<20_000 {
    let t0 = ContinuousClock.now
    _ = BrowserReducer.reduce(&state, .moveBy(step % 200 < 100 ? 1 : -1), now: Date())
    _ = state.visibleRows()
    let elapsed = ContinuousClock.now - t0
    pure.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
}
pure.sort()
print(String(format: "same without the network (reducer + view on a value): p50 %.1f µs, p99 %.1f µs", pure[pure.count / 2], pure[Int(Double(pure.count) * 0.99)]))
store.stop()
await server.stop()
