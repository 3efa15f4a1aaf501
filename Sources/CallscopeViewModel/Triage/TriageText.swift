import CallscopeDomain
import Foundation

/// How figures read as text, the same in the strip, the group view and `callscope stats`.
public enum TriageText {
    /// "66.2 %", or "-" where there is no ratio.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.1f %%", value * 100)
    }

    /// "3:12" or "1:02:03", or "-".
    public static func clock(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "-" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// "10,089.00 INR, 10,211.85 USD": exact decimal sums per currency, currencies in order (a
    /// cost without one is "(no currency)"); nil with no cost at all.
    public static func cost(_ sums: [String: Decimal]) -> String? {
        guard !sums.isEmpty else { return nil }
        return sums.sorted { $0.key < $1.key }
            .map { "\(money($0.value, currency: $0.key)) \($0.key.isEmpty ? "(no currency)" : SafeText.sanitize($0.key))" }.joined(separator: ", ")
    }

    /// Amounts rounded half-up to each currency's minor unit, for display (a rated cost is a
    /// rate × seconds ÷ 60 that need not end); "" where there is none.
    public static func roundedCost(_ sums: [String: Decimal]) -> String? {
        cost(sums.reduce(into: [:]) { rounded, entry in
            rounded[entry.key] = RatedFigures.rounded(entry.value, places: entry.key.isEmpty ? 2 : minorUnits[entry.key.uppercased()] ?? 2)
        })
    }

    /// Rated figures in a line: "billable 43,069 min, rated 1,234.56 USD, billed 1,300.00 USD,
    /// billed over rated 65.44 USD, 12 answered unrated".
    public static func rated(_ figures: RatedFigures) -> String {
        var parts = ["billable \(minutes(figures.billableSeconds)) min"]
        parts.append("rated " + (roundedCost(figures.rated) ?? "0"))
        parts.append("billed " + (roundedCost(figures.billed) ?? "none"))
        parts.append("billed over rated " + (roundedCost(figures.difference) ?? "0"))
        if figures.unrated > 0 { parts.append("\(figures.unrated) answered unrated") }
        return parts.joined(separator: ", ")
    }

    /// Started minutes of `seconds`, grouped ("11,880"); never traps on a saturated sum.
    public static func minutes(_ seconds: Int) -> String {
        let seconds = max(0, seconds)
        return (seconds / 60 + (seconds % 60 == 0 ? 0 : 1)).formatted(.number)
    }

    /// An exact amount with thousands grouped and at least the currency's minor units
    /// ("10,089.00" for INR, "1,200" for JPY); digits beyond them are kept, never rounded away.
    public static func money(_ amount: Decimal, currency: String) -> String {
        let text = "\(amount)"
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole.allSatisfy(\.isNumber) else { return text }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        let minor = currency.isEmpty ? 0 : minorUnits[currency.uppercased()] ?? 2
        if fraction.count < minor { fraction += String(repeating: "0", count: minor - fraction.count) }
        var grouped = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// ISO 4217 currencies whose minor unit is not the hundredth (the rest have two).
    public static let minorUnits: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0,
        "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]

    /// "3 h", "15 min", "1 d".
    public static func bucket(_ seconds: Int) -> String {
        seconds % 86_400 == 0 ? "\(seconds / 86_400) d" : (seconds % 3600 == 0 ? "\(seconds / 3600) h" : "\(seconds / 60) min")
    }

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiBlocks: [Character] = [" ", ".", ".", ":", ":", "|", "|", "#", "#"]

    /// One cell per value, eight heights; `scale` is drawn full height (default: the largest).
    public static func sparkline(_ values: [Int], scale: Int? = nil, ascii: Bool = false) -> String {
        let glyphs = ascii ? asciiBlocks : blocks
        let top = max(1, scale ?? values.max() ?? 1)
        return String(values.map { value in
            value <= 0 ? glyphs[0] : glyphs[max(1, min(8, Int((Double(value) / Double(top) * 8).rounded(.up))))]
        })
    }
}
