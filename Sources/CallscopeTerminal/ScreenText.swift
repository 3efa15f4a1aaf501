import CallscopeDomain

/// The one transformation every string gets on its way to a screen cell (docs/ARCHITECTURE.md,
/// "Terminal safety"): untrusted controls and invisible characters become visible escapes,
/// and where the locale is not UTF-8 every non-ASCII character does too, so only 7-bit bytes
/// reach such a terminal. Widths are measured after this, so an escape takes its own width.
public enum ScreenText {
    public static func prepared(_ text: String, asciiOnly: Bool) -> String {
        let safe = SafeText.sanitize(text)
        return asciiOnly ? SevenBitText.escaped(safe) : safe
    }
}
