import Foundation

/// A carrier's price list (README, "Billing"): per destination prefix a rate per minute, a
/// billing increment and a currency, sometimes a connection fee. The longest prefix of a call's
/// destination rates it. Money is exact decimal throughout; nothing is rounded but for display.
public struct RateDeck: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// E.164 digits, no "+" ("44", "1876").
        public let prefix: String
        public let destination: String
        /// Per minute.
        public let rate: Decimal
        public let increment: BillingIncrement
        public let currency: String
        /// Added to an answered call's rated cost.
        public let connectionFee: Decimal
        /// The deck's line it came from.
        public let line: Int
    }

    /// The file it was read from, as the user named it.
    public let name: String
    public let entries: [Entry]
    /// Customers priced by decks of their own (a profile's `customer_rates`), by customer id.
    public var byCustomer: [String: RateDeck] = [:]
    private let byPrefix: [String: Entry]
    private let longest: Int

    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
        byPrefix = Dictionary(entries.map { ($0.prefix, $0) }, uniquingKeysWith: { first, _ in first })
        longest = entries.map(\.prefix.count).max() ?? 0
    }

    /// The entry of the longest prefix of `digits` (a number's E.164 digits); nil where none matches.
    public func entry(forDigits digits: Substring) -> Entry? {
        var length = min(longest, digits.count)
        while length > 0 {
            if let entry = byPrefix[String(digits.prefix(length))] { return entry }
            length -= 1
        }
        return nil
    }

    /// How `call` rates: its destination's entry, billable seconds and rated cost; nil where the
    /// call has no destination the deck prices (an unanswered call without one is billed 0 anyway).
    public func rate(_ call: Call) -> CallRating? {
        if let account = call.account, let own = byCustomer[account] { return own.rate(call) }
        let number = call.direction == .inbound ? call.from : call.to
        guard let digits = number.map(Self.digits), !digits.isEmpty, let entry = entry(forDigits: digits[...]) else { return nil }
        let answered = call.status == .answered
        let billable = answered ? entry.increment.billableSeconds(talk: max(0, call.durationSeconds ?? 0)) : 0
        return CallRating(prefix: entry.prefix, destination: entry.destination, increment: entry.increment,
                          billableSeconds: billable, rateSeconds: entry.rate * Decimal(billable),
                          fee: answered ? entry.connectionFee : 0, currency: entry.currency)
    }

    /// A number's digits as E.164 writes them: "+1 (876) 555-0100" → "18765550100"; "00" is the
    /// international prefix.
    public static func digits(_ number: String) -> String {
        var digits = String(String.UnicodeScalarView(number.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }))
        if number.trimmingASCIIWhitespace().hasPrefix("00") { digits.removeFirst(min(2, digits.count)) }
        return digits
    }
}

/// `a/b`: the first `a` seconds are billed whole, then each started `b` seconds ("60/60", "6/6",
/// "1/1", "30/6").
public struct BillingIncrement: Sendable, Hashable, CustomStringConvertible {
    public let first: Int
    public let step: Int

    public init?(first: Int, step: Int) {
        guard first >= 1, step >= 1, first <= 86_400, step <= 86_400 else { return nil }
        self.first = first
        self.step = step
    }

    /// "60/60"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0].trimmingCharacters(in: .whitespaces)), let b = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(first: a, step: b)
    }

    public var description: String { "\(first)/\(step)" }

    /// Billable seconds of an answered call that talked `talk` seconds: `a` up to `a`, then `a`
    /// plus the started `b`-second steps. Saturates rather than traps on a provider's 2^63.
    public func billableSeconds(talk: Int) -> Int {
        guard talk > first else { return first }
        let beyond = talk - first
        let (steps, remainder) = beyond.quotientAndRemainder(dividingBy: step)
        let started = remainder == 0 ? steps : steps + 1
        let (extra, overflow) = started.multipliedReportingOverflow(by: step)
        guard !overflow else { return Int.max }
        let (total, overflowed) = first.addingReportingOverflow(extra)
        return overflowed ? Int.max : total
    }
}

/// One call as the deck rates it.
public struct CallRating: Sendable, Hashable {
    public let prefix: String
    public let destination: String
    public let increment: BillingIncrement
    public let billableSeconds: Int
    /// The rate per minute times the billable seconds: exact (the division by 60 waits for the
    /// sum, so a million calls add up to what one division of their total gives).
    public let rateSeconds: Decimal
    /// The connection fee, where answered.
    public let fee: Decimal
    public let currency: String

    /// Rated cost: rate × billable ÷ 60, plus the fee.
    public var ratedCost: Decimal { rateSeconds / 60 + fee }
}
