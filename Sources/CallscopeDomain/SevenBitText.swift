/// Text for a terminal whose locale is not UTF-8 (docs/ARCHITECTURE.md, "Terminal safety"):
/// every non-ASCII character becomes an escape (`\u{E9}`), and callscope's own glyphs (arrows,
/// the ellipsis, line drawing) ASCII look-alikes, so only 7-bit bytes are written. ASCII, line
/// breaks included, passes unchanged: the screen and the command line's table and text share it.
public enum SevenBitText {
    public static func escaped(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else if let replacement = lookalike[scalar.value] {
                out += replacement
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// callscope's own glyphs in ASCII. Data with the same punctuation shows it this way too:
    /// harmless, and the text stays readable.
    static let lookalike: [UInt32: String] = [
        0x2192: "->", 0x2190: "<-", 0x2191: "Up", 0x2193: "Down",
        0x2026: "...", 0x2014: "-", 0x2013: "-", 0x00B7: "-", 0x00D7: "x", 0x2265: ">=", 0x2264: "<=", 0x00B1: "+/-",
        0x2502: "|", 0x25CF: "*", 0x2588: "_",
        // The sparkline's blocks, low to high (the strip draws its own ASCII ones).
        0x2581: ".", 0x2582: ".", 0x2583: ":", 0x2584: ":", 0x2585: "|", 0x2586: "|", 0x2587: "#",
    ]

    /// Whether a locale named by the environment writes UTF-8, as the C library would decide:
    /// the first of LC_ALL, LC_CTYPE and LANG that is set and not empty names it; none means the
    /// C locale, which is ASCII.
    public static func localeIsUTF8(environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
