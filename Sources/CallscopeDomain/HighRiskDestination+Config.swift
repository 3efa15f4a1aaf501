/// A high-risk destination as the config's `high_risk` list writes it.
extension HighRiskDestination {
    /// "+881" or "+1876 Jamaica": a prefix of digits after "+", then an optional label (else
    /// the region the prefix is in). Nil for anything else.
    public init?(configText text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.hasPrefix("+") else { return nil }
        let afterPlus = trimmed.dropFirst()
        let digits = afterPlus.prefix { $0.isASCII && $0.isNumber }
        let rest = afterPlus.dropFirst(digits.count)
        guard (1...15).contains(digits.count), rest.isEmpty || rest.first == " " else { return nil }
        let label = String(rest).trimmingASCIIWhitespace()
        let region = PhoneRegions.region(of: "+" + digits + String(repeating: "0", count: max(0, 11 - digits.count)))
        self.init(prefix: String(digits), category: "configured", label: label.isEmpty ? (region?.key ?? "+" + digits) : label)
    }
}
