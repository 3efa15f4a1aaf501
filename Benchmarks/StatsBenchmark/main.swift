// The statistics accumulator in constant memory: 1,000,000 calls (or the first argument) made
// one at a time and folded into `CallStatistics` and groups by cause, then the same calls kept
// in an array as the peer (what buffering them would cost). Prints calls/s and resident memory.
// Run: swift build -c release --product StatsBenchmark && .build/release/StatsBenchmark [calls]
import BenchmarkSupport
import CallscopeDomain
import CallscopeViewModel
import Foundation

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let anchor = Date(timeIntervalSince1970: 1_774_440_000)
let range = anchor.addingTimeInterval(-31 * 86_400)...anchor
let causes = ["NORMAL_CLEARING", "NO_ANSWER", "USER_BUSY", "UNALLOCATED_NUMBER", "NORMAL_CIRCUIT_CONGESTION", "NO_ROUTE_DESTINATION"]
let statuses: [CallStatus] = [.answered, .answered, .answered, .noAnswer, .busy, .failed]

func makeCall(_ index: Int) -> Call {
    var call = Call(id: "call-\(index)", provider: .vobiz, fields: JSONObject([("i", .number(String(index)))]))
    call.startTime = anchor.addingTimeInterval(-Double(index % (31 * 86_400)))
    call.status = statuses[index % statuses.count]
    call.durationSeconds = call.status == .answered ? index % 600 : 0
    call.hangupCause = causes[index % causes.count]
    call.cost = "0.\(index % 100)"
    call.currency = "USD"
    call.mos = index % 3 == 0 ? 0 : 3.0 + Double(index % 20) / 10
    call.to = index % 2 == 0 ? "+9198765\(index % 100_000)" : "+1415555\(index % 10_000)"
    return call
}

let rssStart = residentKilobytes("VmRSS")
var statistics = CallStatistics(range: range)
var groups = CallGroups(field: .cause, zone: ZoneClock(identifier: "UTC")!)
let started = ContinuousClock.now
for index in 0..<count {
    let call = makeCall(index)
    statistics.add(call)
    groups.add(call)
}
let elapsed = ContinuousClock.now - started
let rssFolded = residentKilobytes("VmRSS")
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("folded \(statistics.calls) calls in \(String(format: "%.2f", seconds)) s: \(Int(Double(count) / seconds)) calls/s (making each call included)")
print("RSS before \(rssStart / 1024) MB, after folding \(rssFolded / 1024) MB (growth \((rssFolded - rssStart) / 1024) MB); ASR \(TriageText.percent(statistics.asr)), \(groups.groups.count) cause groups")

// The peer: the same calls kept, as a buffer-then-count tool would.
var kept: [Call] = []
kept.reserveCapacity(count)
for index in 0..<count { kept.append(makeCall(index)) }
let rssKept = residentKilobytes("VmRSS")
print("peer: the same calls kept in memory: RSS \(rssKept / 1024) MB (growth \((rssKept - rssFolded) / 1024) MB); folding grew \(String(format: "%.3f", Double(max(1, rssFolded - rssStart)) / Double(max(1, rssKept - rssFolded)))) of that")
