/// Line drawing: Unicode where the locale is UTF-8, ASCII otherwise (SPEC.md §5).
public struct Glyphs: Sendable, Hashable {
    public let vertical: String
    public let horizontal: String
    public let ellipsis: String
    public let spinner: [String]
    public let follow: String

    public static let unicode = Glyphs(vertical: "│", horizontal: "─", ellipsis: "…", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"], follow: "●")
    public static let ascii = Glyphs(vertical: "|", horizontal: "-", ellipsis: "~", spinner: ["|", "/", "-", "\\"], follow: "*")
}
