import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

@Suite("Statistics and groups")
struct CallStatisticsTests {
    static let anchor = Date(timeIntervalSince1970: 1_774_440_000)
    static let range = anchor.addingTimeInterval(-86_400)...anchor
    static let utc = ZoneClock(identifier: "UTC")!

    static func call(_ id: Int, _ status: CallStatus?, talk: Int? = nil, cause: String? = nil, cost: String? = nil,
                     currency: String? = "USD", mos: Double? = nil, to: String? = nil, minutesAgo: Double = 10) -> Call {
        var call = Call(id: "c\(id)", provider: .vobiz, fields: JSONObject([]))
        call.status = status
        call.durationSeconds = talk
        call.hangupCause = cause
        call.cost = cost
        call.currency = cost == nil ? nil : currency
        call.mos = mos
        call.to = to
        call.startTime = anchor.addingTimeInterval(-60 * minutesAgo)
        return call
    }

    static let sample: [Call] = [
        call(1, .answered, talk: 60, cause: "NORMAL_CLEARING", cost: "0.10", mos: 4.3, to: "+919876543210"),
        call(2, .answered, talk: 120, cause: "NORMAL_CLEARING", cost: "0.20", mos: 3.7, to: "+14155550100"),
        call(3, .busy, cause: "USER_BUSY", cost: "0", mos: 0, to: "5550100100"),
        call(4, .noAnswer, cause: "NO_ANSWER", to: "+442079460123"),
        call(5, .failed, cause: "NO_ROUTE_DESTINATION", to: "+8613800322970", minutesAgo: 300),
        call(6, .other("congestion"), cost: "1.5", currency: "INR", mos: 2.0),
    ]

    func statistics(_ calls: [Call]) -> CallStatistics {
        var stats = CallStatistics(range: Self.range)
        for call in calls { stats.add(call) }
        return stats
    }

    @Test func figuresOfAHandMadeSet() {
        let stats = statistics(Self.sample)
        #expect(stats.calls == 6 && stats.answered == 2 && stats.busy == 1 && stats.noAnswer == 1 && stats.failed == 1 && stats.other == 1)
        #expect(stats.asr == 2.0 / 6.0)
        #expect(stats.ner == 4.0 / 6.0, "answered, busy and no answer reached the callee; failed and congestion did not")
        #expect(stats.acdSeconds == 90)
        #expect(stats.talkSeconds == 180)
        #expect(stats.cost == ["USD": Decimal(string: "0.30")!, "INR": Decimal(string: "1.5")!], "decimal: 0.1 + 0.2 is 0.3")
        // The strip and `stats` say it the same way: currencies in order, each sum as added.
        #expect(TriageText.cost(stats.cost) == "1.50 INR, 0.30 USD", "in the currencies' minor units")
        #expect(TriageText.cost([:]) == nil)
        #expect(TriageText.cost(["\u{1B}[2J": 1]) == "1.00 \\e[2J", "a currency is provider text")
        // Thousands grouped; minor units as the currency has them; no digit rounded away.
        #expect(TriageText.money(Decimal(string: "10089")!, currency: "INR") == "10,089.00")
        #expect(TriageText.money(Decimal(string: "1234567.8")!, currency: "USD") == "1,234,567.80")
        #expect(TriageText.money(Decimal(string: "1200")!, currency: "JPY") == "1,200")
        #expect(TriageText.money(Decimal(string: "0.0450")!, currency: "INR") == "0.045")
        #expect(TriageText.money(Decimal(string: "-12.5")!, currency: "KWD") == "-12.500")
        #expect(stats.mos == MOSBands(good: 1, fair: 1, poor: 0, bad: 1, notMeasured: 3, absent: 2), "mos 0 is not measured; none sent is absent")
        #expect(stats.mos.noneText == "not measured")
        #expect(MOSBands(notMeasured: 4, absent: 4).noneText == "not in list data", "rows that carry no MOS say so")
        #expect(stats.topCauses(2).map(\.cause) == ["NORMAL_CLEARING", "NO_ANSWER"])
        #expect(stats.histogram.bucketSeconds == 1800)
        #expect(stats.histogram.calls.reduce(0, +) == 6 && stats.histogram.failed.reduce(0, +) == 1)
    }

    @Test func edgeCasesHaveNoRatiosRatherThanNaN() {
        let empty = statistics([])
        #expect(empty.asr == nil && empty.ner == nil && empty.acdSeconds == nil)
        let unanswered = statistics([Self.call(1, .busy), Self.call(2, .failed)])
        #expect(unanswered.asr == 0 && unanswered.acdSeconds == nil)
        let huge = statistics([Self.call(1, .answered, talk: .max), Self.call(2, .answered, talk: .max)])
        #expect(huge.talkSeconds == .max, "saturates, never traps")
    }

    @Test func mergeInAnyOrderGivesTheSameFigures() {
        let pages = [Array(Self.sample[0..<2]), Array(Self.sample[2..<3]), Array(Self.sample[3...])]
        let whole = statistics(Self.sample)
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            var merged = CallStatistics(range: Self.range)
            for index in order { merged.merge(statistics(pages[index])) }
            #expect(merged == whole)
        }
    }

    @Test func histogramBucketFitsTheRange() {
        #expect(Histogram(range: Self.anchor.addingTimeInterval(-3600)...Self.anchor).bucketSeconds == 60)
        #expect(Histogram(range: Self.anchor.addingTimeInterval(-7 * 86_400)...Self.anchor).bucketSeconds == 3 * 3600)
        #expect(Histogram(range: Self.anchor.addingTimeInterval(-31 * 86_400)...Self.anchor).bucketSeconds == 86_400)
        #expect(Histogram(range: Self.anchor.addingTimeInterval(-31 * 86_400)...Self.anchor).calls.count <= Histogram.maximumBuckets + 1)
    }

    @Test func causesAreBounded() {
        var stats = CallStatistics(range: Self.range)
        for index in 0..<(CallStatistics.causeLimit + 50) { stats.add(Self.call(index, .failed, cause: "CAUSE_\(index)")) }
        #expect(stats.causes.count == CallStatistics.causeLimit + 1)
        #expect(stats.causes[CallStatistics.otherCauses] == 50)
    }

    @Test func groupsByEveryField() {
        func groups(_ field: GroupField) -> [String: Int] {
            var groups = CallGroups(field: field, zone: Self.utc)
            for call in Self.sample { groups.add(call) }
            return groups.groups.mapValues(\.calls)
        }
        #expect(groups(.cause) == ["NORMAL_CLEARING": 2, "USER_BUSY": 1, "NO_ANSWER": 1, "NO_ROUTE_DESTINATION": 1, "(none)": 1])
        #expect(groups(.status) == ["answered": 2, "busy": 1, "no-answer": 1, "failed": 1, "congestion": 1])
        #expect(groups(.country) == ["IN +91": 1, "US +1": 2, "GB +44": 1, "CN +86": 1, "unknown": 1])
        #expect(groups(.hour).keys.sorted() == ["07:00", "11:00"])
        var byCause = CallGroups(field: .cause, zone: Self.utc)
        for call in Self.sample { byCause.add(call) }
        let top = byCause.sorted.first
        #expect(top?.key == "NORMAL_CLEARING" && top?.figures.asr == 1 && top?.figures.acdSeconds == 90)
        #expect(GroupField.initial(for: .voxo) == .status && GroupField.initial(for: .vobiz) == .cause)
    }

    @Test func pagesThatShiftAreCountedOnceInAnyOrder() {
        // 1,000 calls read as 10 pages while 7 new calls arrived before pages 4 onwards were read:
        // each of those pages starts with the last 7 calls of the page before.
        let pages = (1...10).map { FakeHistory.page($0, total: 1_007, shift: $0 >= 4 ? 7 : 0) }
        var seed = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var deduplicator = NeighbourDeduplicator(first: 1)
            var figures = CallStatistics(range: Self.range)
            var mostHeld = 0
            for number in Array(1...10).shuffled(using: &seed) {
                for call in deduplicator.fresh(pages[number - 1].calls, segment: number) { figures.add(call) }
                mostHeld = max(mostHeld, deduplicator.heldSegments)
            }
            let unique = Set(pages.flatMap { $0.calls.map(\.id) }).count
            #expect(figures.calls == unique, "each call once, whatever the order")
            #expect(deduplicator.heldSegments <= 1, "only the last page's ids stay once all are folded")
        }
        // Read in order, at most two pages' ids are held at once, however many pages.
        var inOrder = NeighbourDeduplicator(first: 1)
        var mostHeld = 0
        for number in 1...1_000 {
            _ = inOrder.fresh(FakeHistory.page(number, total: 100_000).calls, segment: number)
            mostHeld = max(mostHeld, inOrder.heldSegments)
        }
        #expect(mostHeld <= 2)
    }

    @Test func windowProgressReachesBackWithoutGaps() {
        var progress = WindowProgress()
        let day = 86_400.0
        #expect(progress.finished(1, since: Self.anchor.addingTimeInterval(-2 * day)) == nil, "window 0 is still on its way")
        #expect(progress.finished(0, since: Self.anchor.addingTimeInterval(-day)) == Self.anchor.addingTimeInterval(-2 * day))
        #expect(progress.finished(3, since: Self.anchor.addingTimeInterval(-4 * day)) == nil)
    }
}
