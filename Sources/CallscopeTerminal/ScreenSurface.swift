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
/// the cells in memory for tests. Text is measured per character (CJK and emoji take two
/// cells) and sanitized again on the way in, so nothing from data can reach the terminal raw.
public protocol ScreenSurface {
    var rows: Int { get }
    var columns: Int { get }
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
    static func fitting(_ text: String, width: Int) -> (text: String, cells: Int) {
        var out = ""
        var used = 0
        for character in SafeText.sanitize(text) {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            out.append(character)
            used += w
        }
        return (out, used)
    }
}
