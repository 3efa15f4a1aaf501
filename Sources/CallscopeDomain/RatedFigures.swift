import Foundation

/// What a set of calls should have cost by a rate deck, beside what the provider billed:
/// billable seconds, rated and billed cost per currency (exact decimal), and the answered
/// calls no prefix priced. Mergeable in any order, like the other figures.
public struct RatedFigures: Sendable, Equatable {
    public var billableSeconds = 0
    /// Rate × billable seconds per currency: divided by 60 once, for the total (exact).
    public var rateSeconds: [String: Decimal] = [:]
    public var fees: [String: Decimal] = [:]
    /// The provider's cost of every call, per currency (today's `cost`).
    public var billed: [String: Decimal] = [:]
    /// Answered calls whose destination no prefix of the deck matched.
    public var unrated = 0
    /// Calls the deck priced.
    public var ratedCalls = 0

    public init() {}

    public mutating func add(_ call: Call, rating: CallRating?) {
        if let text = call.cost, let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), amount.isFinite {
            billed[(call.currency ?? "").trimmingASCIIWhitespace().uppercased(), default: 0] += amount
        }
        guard let rating else {
            if call.status == .answered { unrated += 1 }
            return
        }
        ratedCalls += 1
        let (sum, overflow) = billableSeconds.addingReportingOverflow(rating.billableSeconds)
        billableSeconds = overflow ? Int.max : sum
        rateSeconds[rating.currency, default: 0] += rating.rateSeconds
        if rating.fee != 0 { fees[rating.currency, default: 0] += rating.fee }
    }

    public mutating func merge(_ other: RatedFigures) {
        let (sum, overflow) = billableSeconds.addingReportingOverflow(other.billableSeconds)
        billableSeconds = overflow ? Int.max : sum
        for (currency, amount) in other.rateSeconds { rateSeconds[currency, default: 0] += amount }
        for (currency, amount) in other.fees { fees[currency, default: 0] += amount }
        for (currency, amount) in other.billed { billed[currency, default: 0] += amount }
        unrated += other.unrated
        ratedCalls += other.ratedCalls
    }

    /// The figures of a sample scaled to its range by `factor` (an estimate): money exactly,
    /// counts rounded, never trapping.
    public func scaled(by factor: Decimal) -> RatedFigures {
        func count(_ value: Int) -> Int {
            let scaled = Double(value) * NSDecimalNumber(decimal: factor).doubleValue
            return scaled.isFinite && scaled < 9e18 ? max(0, Int(scaled.rounded())) : Int.max
        }
        var figures = self
        figures.billableSeconds = count(billableSeconds)
        figures.unrated = count(unrated)
        figures.ratedCalls = count(ratedCalls)
        figures.rateSeconds = rateSeconds.mapValues { $0 * factor }
        figures.fees = fees.mapValues { $0 * factor }
        figures.billed = billed.mapValues { $0 * factor }
        return figures
    }

    /// Rated cost per currency: rate × billable ÷ 60 plus the fees.
    public var rated: [String: Decimal] {
        var rated = rateSeconds.mapValues { $0 / 60 }
        for (currency, fee) in fees { rated[currency, default: 0] += fee }
        return rated
    }

    /// Billed minus rated, per currency: what was billed beyond the deck (negative: below it).
    public var difference: [String: Decimal] {
        var difference = billed
        for (currency, amount) in rated { difference[currency, default: 0] -= amount }
        return difference
    }

    /// An amount rounded half-up to `places` decimals, for display (the sums stay exact).
    public static func rounded(_ amount: Decimal, places: Int) -> Decimal {
        var value = amount
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}
