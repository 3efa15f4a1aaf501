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

    /// "1.5 INR, 0.3 USD": exact decimal sums per currency, currencies in order (a cost without
    /// one is "(no currency)"); nil with no cost at all.
    public static func cost(_ sums: [String: Decimal]) -> String? {
        guard !sums.isEmpty else { return nil }
        return sums.sorted { $0.key < $1.key }
            .map { "\($0.value) \($0.key.isEmpty ? "(no currency)" : SafeText.sanitize($0.key))" }.joined(separator: ", ")
    }

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
