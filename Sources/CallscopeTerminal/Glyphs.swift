/// Line drawing: Unicode where the locale is UTF-8, ASCII otherwise (docs/ARCHITECTURE.md, "Terminal safety").
public struct Glyphs: Sendable, Hashable {
    public let vertical: String
    public let ellipsis: String
    public let spinner: [String]
    public let follow: String
    /// Shown for an empty filter field.
    public let empty: String
    public let cursor: String
    public let times: String
    /// An overlay's border: horizontal, and the corners top-left, top-right, bottom-left, bottom-right.
    public let horizontal: String
    public let corners: [String]

    public static let unicode = Glyphs(vertical: "│", ellipsis: "…", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
                                       follow: "●", empty: "·", cursor: "█", times: "×", horizontal: "─", corners: ["┌", "┐", "└", "┘"])
    public static let ascii = Glyphs(vertical: "|", ellipsis: "~", spinner: ["|", "/", "-", "\\"],
                                     follow: "*", empty: "-", cursor: "_", times: "x", horizontal: "-", corners: ["+", "+", "+", "+"])
}
