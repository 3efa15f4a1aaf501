import CallscopeDomain

/// The one transformation every string gets on its way to a screen cell (docs/ARCHITECTURE.md,
/// "Terminal safety"): untrusted controls and invisible characters become visible escapes,
/// and where the locale is not UTF-8 every non-ASCII character does too, so only 7-bit bytes
/// reach such a terminal. Widths are measured after this, so an escape takes its own width.
public enum ScreenText {
    public static func prepared(_ text: String, asciiOnly: Bool) -> String {
        let safe = SafeText.sanitize(text)
        guard asciiOnly, !safe.utf8.allSatisfy({ $0 < 0x80 }) else { return safe }
        var out = ""
        for scalar in safe.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else if let replacement = asciiLookalike[scalar.value] {
                out += replacement
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// callscope's own glyphs (arrows in the help, the ellipsis, separators) in ASCII. Data with
    /// the same punctuation shows it this way too: harmless, and the text stays readable.
    static let asciiLookalike: [UInt32: String] = [
        0x2192: "->", 0x2190: "<-", 0x2191: "Up", 0x2193: "Down",
        0x2026: "...", 0x2014: "-", 0x2013: "-", 0x00B7: "-", 0x00D7: "x", 0x2265: ">=", 0x2264: "<=",
        0x2502: "|", 0x25CF: "*", 0x2588: "_",
    ]
}
