import CallscopeDomain
import Foundation
import Testing

/// Rating calls by a rate deck (README, "Billing"): every increment form and its boundaries,
/// the longest prefix, unrated calls, connection fees, two currencies, exact decimal sums over a
/// million calls against integer arithmetic, and decks with errors named by line and column.
@Suite("Rate decks")
struct RateDeckTests {
    static let deck = """
        prefix,destination,rate,increment,currency,connection_fee
        1,United States,0.0100,60/60,USD,
        1876,Jamaica,0.2500,60/60,USD,0.05
        44,United Kingdom,0.0120,6/6,GBP,
        4420,London,0.0090,1/1,GBP,
        91,India,0.0075,30/6,USD,0.01
        """

    static func call(to number: String, talk: Int, answered: Bool = true) -> Call {
        var call = Call(id: "c", provider: .vobiz)
        call.direction = .outbound
        call.to = number
        call.status = answered ? .answered : .noAnswer
        call.durationSeconds = answered ? talk : 0
        return call
    }

    @Test(arguments: [
        // 60/60: the first minute whole, then whole minutes.
        ("60/60", 0, 60), ("60/60", 1, 60), ("60/60", 60, 60), ("60/60", 61, 120), ("60/60", 120, 120), ("60/60", 121, 180),
        // 6/6
        ("6/6", 1, 6), ("6/6", 6, 6), ("6/6", 7, 12), ("6/6", 12, 12), ("6/6", 13, 18),
        // 1/1: the talk itself
        ("1/1", 1, 1), ("1/1", 59, 59), ("1/1", 3_601, 3_601),
        // 30/6: 30 s first, then 6 s steps
        ("30/6", 1, 30), ("30/6", 30, 30), ("30/6", 31, 36), ("30/6", 36, 36), ("30/6", 37, 42),
    ])
    func billableSeconds(_ increment: String, _ talk: Int, _ billable: Int) throws {
        let rule = try #require(BillingIncrement(increment))
        #expect(rule.billableSeconds(talk: talk) == billable)
    }

    @Test func providerNumbersNeverTrap() throws {
        let rule = try #require(BillingIncrement("60/60"))
        #expect(rule.billableSeconds(talk: Int.max) == Int.max)
        #expect(rule.billableSeconds(talk: Int.max - 100) >= Int.max - 100)
        #expect(BillingIncrement("0/60") == nil && BillingIncrement("60/0") == nil && BillingIncrement("60") == nil && BillingIncrement("a/b") == nil)
    }

    @Test func theLongestPrefixRatesAndFeesApplyToAnsweredCalls() throws {
        let deck = try RateDeckReader.parse(Self.deck, name: "deck.csv")
        let jamaica = try #require(deck.rate(Self.call(to: "+1 876 555 0100", talk: 61)))
        #expect(jamaica.prefix == "1876" && jamaica.destination == "Jamaica" && jamaica.billableSeconds == 120)
        #expect(jamaica.ratedCost == Decimal(string: "0.55"), "0.25 × 2 min + 0.05")
        let us = try #require(deck.rate(Self.call(to: "0012125550100", talk: 30)))
        #expect(us.prefix == "1" && us.ratedCost == Decimal(string: "0.01"))
        let london = try #require(deck.rate(Self.call(to: "+44 20 7946 0123", talk: 7)))
        #expect(london.prefix == "4420" && london.billableSeconds == 7 && london.currency == "GBP")
        #expect(london.ratedCost == Decimal(string: "0.0090")! * 7 / 60)
        // Unanswered: nothing billable, no fee.
        let missed = try #require(deck.rate(Self.call(to: "+18765550100", talk: 0, answered: false)))
        #expect(missed.billableSeconds == 0 && missed.ratedCost == 0)
        // No prefix prices it: unrated, and counted so when answered.
        #expect(deck.rate(Self.call(to: "+33 1 23 45 67 89", talk: 30)) == nil)
        var figures = RatedFigures()
        figures.add(Self.call(to: "+33123456789", talk: 30), rating: nil)
        figures.add(Self.call(to: "+33123456789", talk: 0, answered: false), rating: nil)
        #expect(figures.unrated == 1)
    }

    @Test func twoCurrenciesStayApartAndBilledMinusRatedIsPerCurrency() throws {
        let deck = try RateDeckReader.parse(Self.deck, name: "deck.csv")
        var figures = RatedFigures()
        var us = Self.call(to: "+12125550100", talk: 90)
        us.cost = "0.03"
        us.currency = "USD"
        var uk = Self.call(to: "+441612345678", talk: 6)
        uk.cost = "0.0012"
        uk.currency = "GBP"
        for call in [us, uk] { figures.add(call, rating: deck.rate(call)) }
        #expect(figures.rated == ["USD": Decimal(string: "0.02")!, "GBP": Decimal(string: "0.0012")!])
        #expect(figures.difference == ["USD": Decimal(string: "0.01")!, "GBP": 0])
        #expect(figures.billableSeconds == 126)
    }

    /// A million calls summed in decimal equal the same sums done in integers (micro-cents per
    /// second of rate), to the last digit: no binary floating point on the path.
    @Test func aMillionCallsSumExactly() throws {
        let deck = try RateDeckReader.parse(Self.deck, name: "deck.csv")
        var figures = RatedFigures()
        // Reference: rate in units of 0.0001 per minute, times seconds; fees in 0.01.
        var rateUnitSeconds: [String: Int] = [:]
        var feeCents: [String: Int] = [:]
        let numbers = ["+12125550100", "+18765550100", "+441612345678", "+442079460123", "+919876543210"]
        let rates = ["1": 100, "1876": 2_500, "44": 120, "4420": 90, "91": 75]
        let fees = ["1876": 5, "91": 1]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for n in 0..<1_000_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let talk = Int((state >> 33) % 4_000)
            let call = Self.call(to: numbers[n % numbers.count], talk: talk, answered: (state >> 20) % 10 != 0)
            let rating = deck.rate(call)
            figures.add(call, rating: rating)
            guard let rating else { continue }
            rateUnitSeconds[rating.currency, default: 0] += (rates[rating.prefix] ?? 0) * rating.billableSeconds
            if call.status == .answered { feeCents[rating.currency, default: 0] += fees[rating.prefix] ?? 0 }
        }
        for (currency, units) in rateUnitSeconds {
            let reference = Decimal(units) / 10_000 / 60 + Decimal(feeCents[currency] ?? 0) / 100
            #expect(RatedFigures.rounded(figures.rated[currency] ?? 0, places: 12) == RatedFigures.rounded(reference, places: 12), "\(currency)")
            #expect(figures.rateSeconds[currency] == Decimal(units) / 10_000, "the sum before the division is exact: \(currency)")
        }
    }

    @Test(arguments: [
        ("prefix,destination,rate,increment,currency\n1,US,0.01x,60/60,USD\n", 2, 6, "rate '0.01x'"),
        ("prefix,destination,rate,increment,currency\n1,US,0.01,60-60,USD\n", 2, 11, "increment '60-60'"),
        ("prefix,destination,rate,increment,currency\n1,US,0.01,60/60,USD\n+1,Again,0.02,60/60,USD\n", 3, 1, "prefix 1 is priced twice: on line 2 and here"),
        ("prefix,destination,rate,increment\n1,US,0.01,60/60\n", 1, 34, "the header has no 'currency' column"),
        ("prefix,destination,rate,increment,currency\n1,US,-0.01,60/60,USD\n", 2, 6, "rate '-0.01'"),
        ("prefix,destination,rate,increment,currency\n1,US,0.01,60/60,usd1\n", 2, 17, "currency 'usd1'"),
        ("prefix,destination,rate,increment,currency\n1a,US,0.01,60/60,USD\n", 2, 1, "prefix '1a'"),
        ("prefix,destination,rate,increment,currency\n\"1,US,0.01,60/60,USD\n", 2, 1, "a quote opened here is not closed"),
        ("prefix,destination,rate,increment,currency\n1,US,0.01\n", 2, 6, "'increment' is missing"),
    ] as [(String, Int, Int, String)])
    func aDeckWithAnErrorNamesTheLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ words: String) {
        do {
            _ = try RateDeckReader.parse(text, name: "rates.csv")
            Issue.record("read without complaint")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.description.contains(words), "\(error)")
            #expect(error.description.hasPrefix("rates.csv:\(line)"))
        }
    }

    @Test func aCustomerWithADeckOfItsOwnIsRatedByIt() throws {
        var deck = try RateDeckReader.parse(Self.deck, name: "deck.csv")
        deck.byCustomer["MA_acme"] = try RateDeckReader.parse("prefix,destination,rate,increment,currency\n1,US (Acme's price),0.0060,6/6,USD\n", name: "acme.csv")
        var acme = Self.call(to: "+12125550100", talk: 7)
        acme.account = "MA_acme"
        var other = acme
        other.account = "MA_other"
        #expect(deck.rate(acme)?.destination == "US (Acme's price)" && deck.rate(acme)?.billableSeconds == 12)
        #expect(deck.rate(other)?.destination == "United States" && deck.rate(other)?.billableSeconds == 60)
    }

    @Test func quotedDestinationsAndAnyColumnOrder() throws {
        let deck = try RateDeckReader.parse("currency,rate,prefix,increment,destination\r\nKRW,12,82,1/1,\"Korea, Republic of\"\r\n", name: "d")
        #expect(deck.entries.first?.destination == "Korea, Republic of")
        #expect(deck.entries.first?.rate == 12 && deck.entries.first?.prefix == "82")
    }
}
