import CallscopeDomain

/// Text from data as the views show it: cut to what a screen can show before it is sanitized
/// or measured, so a megabyte caller name costs a frame what a short one does
/// (docs/ARCHITECTURE.md, "Enormous fields"). Cutting first is safe: sanitizing only
/// lengthens text, so nothing cut could have been on screen.
public enum DisplayText {
    /// The most of a list cell's text kept, in unicode scalars: more than any terminal line holds.
    public static let cellScalars = 1_024
    /// The most of a detail value shown, in UTF-8 bytes; the rest is counted, not shown.
    public static let detailBytes = 4_096

    /// A list cell: at most `cellScalars` scalars, sanitized.
    public static func cell(_ text: String) -> String {
        SafeText.sanitize(prefix(text, scalars: cellScalars))
    }

    /// A detail value: at most `detailBytes` bytes of it, sanitized, followed by
    /// "(… N more bytes)" when cut.
    public static func detailValue(_ text: String) -> String {
        let total = text.utf8.count
        guard total > detailBytes else { return SafeText.sanitize(text) }
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            let size = UTF8.width(scalar)
            if bytes + size > detailBytes { break }
            kept.append(scalar)
            bytes += size
        }
        return SafeText.sanitize(String(kept)) + " (… \(total - bytes) more bytes)"
    }

    static func prefix(_ text: String, scalars limit: Int) -> String {
        // No more bytes than the limit: no more scalars either.
        if text.utf8.count <= limit { return text }
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              end != scalars.endIndex else { return text }
        return String(scalars[..<end])
    }
}
