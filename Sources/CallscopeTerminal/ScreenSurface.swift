import CallscopeDomain

/// Colours by meaning; the ncurses screen maps them to colour pairs (or to nothing with NO_COLOR).
public enum ColorRole: Int16, Sendable, Hashable, CaseIterable {
    case answered = 1, noAnswer, busy, failed, accent, error
}

/// How a run of cells looks.
public struct TextStyle: Sendable, Hashable {
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false
    public var color: ColorRole?

    public init(bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false, color: ColorRole? = nil) {
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
        self.color = color
    }

    public static let plain = TextStyle()
}

/// What views draw into: a grid of cells. One implementation draws with ncurses, one keeps
/// the cells in memory for tests. Text goes through `ScreenText` on the way in (escapes for
/// controls, and for all non-ASCII where the terminal is not UTF-8), then is measured per
/// character (CJK and emoji take two cells), so nothing from data can reach the terminal raw.
public protocol ScreenSurface {
    var rows: Int { get }
    var columns: Int { get }
    /// The terminal takes 7-bit text only (its locale is not UTF-8).
    var asciiOnly: Bool { get }
    mutating func clear()
    /// Writes `text` from (`row`, `column`), cut to `width` cells (to the right edge if nil)
    /// and padded to it when `pad` is set. Returns the cells written.
    @discardableResult
    mutating func put(_ text: String, row: Int, column: Int, width: Int?, style: TextStyle, pad: Bool) -> Int
}

extension ScreenSurface {
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, width: Int? = nil, style: TextStyle = .plain, pad: Bool = false) -> Int {
        put(text, row: row, column: column, width: width, style: style, pad: pad)
    }

    /// The characters of `text` that fit in `width` cells from `column`, and their width.
    static func fitting(_ text: String, width: Int, asciiOnly: Bool) -> (text: String, cells: Int) {
        var out = ""
        var used = 0
        // Only a line's worth of text is looked at: a megabyte name costs what a short one does.
        // (Escapes only lengthen text, so cutting first never hides what would show.)
        // Secrets are redacted over twice that before the cut (docs/ARCHITECTURE.md, "Secrets"),
        // so a cut cannot leave the start of one on the screen.
        let scalars = text.unicodeScalars
        let reach = width * 4 + 16
        let window = scalars.index(scalars.startIndex, offsetBy: reach * 2, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let shown = window == scalars.endIndex ? text : String(scalars[..<window])
        let redacted = SecretRedactor.shared.redact(shown).unicodeScalars
        let end = redacted.index(redacted.startIndex, offsetBy: reach, limitedBy: redacted.endIndex) ?? redacted.endIndex
        // Nearly every cell is short and holds no secret: it is drawn as it came, with no copy.
        let line = end == redacted.endIndex ? String(redacted) : String(redacted[..<end])
        for character in ScreenText.prepared(line, asciiOnly: asciiOnly) {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            out.append(character)
            used += w
        }
        return (out, used)
    }
}
