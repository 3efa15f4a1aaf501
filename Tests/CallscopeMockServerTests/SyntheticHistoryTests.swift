import CallscopeDomain
import Testing
@testable import CallscopeMockServer

@Suite("The synthetic history")
struct SyntheticHistoryTests {
    let history = SyntheticHistory(.init(seed: 3, count: 100_000, anchor: 1_774_440_000, span: 30 * 86_400))

    @Test func sameSeedSameCalls() {
        let again = SyntheticHistory(.init(seed: 3, count: 100_000, anchor: 1_774_440_000, span: 30 * 86_400))
        for index in [0, 1, 99, 54_321, 99_999] {
            #expect(history.call(at: index) == again.call(at: index))
        }
        let other = SyntheticHistory(.init(seed: 4, count: 100_000, anchor: 1_774_440_000, span: 30 * 86_400))
        #expect(history.call(at: 5).uuid != other.call(at: 5).uuid)
    }

    @Test func newestFirstAndWithinTheSpan() {
        var previous = Int64.max
        for index in stride(from: 0, to: 100_000, by: 37) {
            let start = history.startTime(of: index)
            #expect(start < previous)
            previous = start
        }
        #expect(history.startTime(of: 0) <= 1_774_440_000)
        #expect(history.startTime(of: 99_999) >= 1_774_440_000 - 30 * 86_400)
    }

    @Test func timeRangesMapToIndexRanges() {
        let since: Int64 = 1_774_440_000 - 86_400
        let until: Int64 = 1_774_440_000 - 3_600
        let range = history.indices(since: since, until: until)
        #expect(!range.isEmpty)
        #expect(range.allSatisfy { (since..<until).contains(history.startTime(of: $0)) })
        #expect(history.startTime(of: range.lowerBound - 1) >= until)
        #expect(history.startTime(of: range.upperBound) < since)
    }

    @Test func realisticMixes() {
        var statuses: [String: Int] = [:]
        var inbound = 0, hostile = 0, wide = 0, international = 0, linked = 0, sparse = 0
        let sample = 20_000
        for index in 0..<sample {
            let call = history.call(at: index)
            statuses[call.status.description, default: 0] += 1
            if call.direction == .inbound { inbound += 1 }
            if let name = call.callerName {
                if name.unicodeScalars.contains(where: SafeText.needsEscape) { hostile += 1 }
                if DisplayWidth.of(name) > name.count { wide += 1 }
            }
            if !call.from.hasPrefix("+1") || !call.to.hasPrefix("+1") { international += 1 }
            if call.previousUniqueId != nil { linked += 1 }
            if call.sparse { sparse += 1 }
            if call.status != .answered { #expect(call.talkSeconds == 0) }
        }
        #expect(Double(statuses["answered", default: 0]) / Double(sample) > 0.55)
        #expect(statuses["no-answer", default: 0] > 0 && statuses["busy", default: 0] > 0 && statuses["failed", default: 0] > 0)
        #expect(statuses["congestion", default: 0] > 0, "a value outside the documented four")
        #expect(inbound > sample / 3)
        #expect(hostile > 0 && wide > 0 && international > sample / 4 && linked > 0 && sparse > sample / 10)
    }

    @Test func linkedLegsPointAtEachOther() throws {
        let newer = try #require((0..<5_000).first { history.call(at: $0 * 2).previousUniqueId != nil }) * 2
        let older = history.call(at: newer + 1)
        #expect(history.call(at: newer).previousUniqueId == older.voxoUniqueId)
        #expect(older.nextUniqueId == history.call(at: newer).voxoUniqueId)
        #expect(older.account == history.call(at: newer).account)
    }

    @Test func accountSelectionArithmeticMatchesAScan() {
        for (slot, range) in [(0, 0..<40), (1, 3..<41), (3, 7..<8), (2, 10..<10), (1, 999..<2_501)] {
            let selection = VobizSelection.account(slot: slot, accounts: 4, range: range)
            let scanned = range.filter { SyntheticHistory.accountSlot(of: $0, accounts: 4) == slot }
            #expect(selection.count == scanned.count, "\(slot) \(range)")
            #expect((0..<selection.count).map { selection[$0] } == scanned, "\(slot) \(range)")
        }
    }

    @Test func uuidsLeadBackToTheirCall() {
        for index in [0, 1, 77, 99_999] {
            #expect(history.index(ofUUID: history.call(at: index).uuid) == index)
        }
        var forged = history.call(at: 5).uuid
        forged.removeFirst()
        forged = "0" + forged
        #expect(history.index(ofUUID: forged) == nil, "the tail alone is not enough")
        #expect(history.index(ofUUID: "abc123-def456-ghi789") == nil)
    }

    @Test func faultSpecs() {
        #expect(MockFault(spec: "429") == .status(429, retryAfterSeconds: 1))
        #expect(MockFault(spec: "429:5") == .status(429, retryAfterSeconds: 5))
        #expect(MockFault(spec: "500") == .status(500, retryAfterSeconds: nil))
        #expect(MockFault(spec: "truncated") == .truncated)
        #expect(MockFault(spec: "drop") == .drop)
        #expect(MockFault(spec: "HTML") == .malformed)
        #expect(MockFault(spec: "200") == nil)
        #expect(MockFault(spec: "boom") == nil)
    }
}
