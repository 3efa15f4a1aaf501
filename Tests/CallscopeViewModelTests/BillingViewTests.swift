import CallscopeDomain
import CallscopeOutput
import Foundation
import Testing
@testable import CallscopeViewModel

/// Billing in the browser's view-model: the strip's figures carry the rating, the copied
/// statistics name it, the detail says how the call rated, and an export with a deck reads back.
@Suite("Billing in the browser")
struct BillingViewTests {
    static let deck = try! RateDeckReader.parse("prefix,destination,rate,increment,currency,connection_fee\n1,US,0.60,60/60,USD,0.10\n", name: "deck.csv")

    static func call(_ id: String, talk: Int, cost: String) -> Call {
        var call = Call(id: id, provider: .vobiz)
        call.startTime = Date(timeIntervalSince1970: 1_774_440_000)
        call.direction = .outbound
        call.to = "+12125550100"
        call.status = .answered
        call.durationSeconds = talk
        call.cost = cost
        call.currency = "USD"
        return call
    }

    @Test func theFiguresAndTheCopiedStatisticsCarryTheRating() {
        var h = Harness(paging: .numberedPages(size: 100))
        h.state.deck = Self.deck
        h.send(.toggleStatistics)
        let statistics = try? #require(h.state.statistics)
        #expect(statistics?.figures.deck == Self.deck, "the reading rates by the browser's deck")
        var state = StatisticsState(generation: h.state.generation, range: h.now...h.now, groupBy: .account, zone: h.state.zone, deck: Self.deck)
        for call in [Self.call("a", talk: 61, cost: "1.30"), Self.call("b", talk: 10, cost: "0.70")] {
            state.figures.add(call)
            state.groups?.add(call)
        }
        state.complete = true
        h.send(.statisticsRead(generation: h.state.generation, state))
        // 2 min × 0.60 + 0.10, and 1 min × 0.60 + 0.10.
        #expect(state.figures.rated.rated == ["USD": Decimal(string: "2.00")!])
        #expect(state.figures.rated.difference == ["USD": 0])
        #expect(state.figures.rated.billableSeconds == 180)
        let copied = Evidence.statistics(h.state) ?? ""
        #expect(copied.contains("| rated | `2.00 USD` |"), "\(copied)")
        #expect(copied.contains("| billed over rated | `0.00 USD` |"))
        #expect(copied.contains("| billable | `3 min (180 s)` |"))
    }

    @Test func theDetailSaysHowTheCallRated() {
        let lines = DetailModel.lines(for: Self.call("a", talk: 61, cost: "1.30"), zone: ZoneClock(TimeZone(secondsFromGMT: 0)!), deck: Self.deck)
        let text = lines.map { "\($0)" }.joined(separator: "\n")
        #expect(text.contains("+1 US, 60/60"), "\(text)")
        #expect(text.contains("120 s"))
        #expect(text.contains("1.3 USD"))
    }

    @Test func anExportWithADeckCarriesTheRatingAndReadsBack() throws {
        var encoder = CallStreamEncoder(format: .csv, zone: ZoneClock(TimeZone(secondsFromGMT: 0)!))
        encoder.deck = Self.deck
        var buffer = JSONWriter()
        encoder.begin(into: &buffer)
        encoder.append(Self.call("a", talk: 61, cost: "1.30"), into: &buffer)
        encoder.end(into: &buffer)
        let text = String(decoding: buffer.bytes, as: UTF8.self)
        #expect(text.hasPrefix(String(CallCSVFormatter.ratedHeader.prefix(20))))
        #expect(text.contains(",120,1.3,USD,1,US\r\n"), "\(text)")
    }
}
