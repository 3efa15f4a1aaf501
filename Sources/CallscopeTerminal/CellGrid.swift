import CallscopeDomain

/// The in-memory screen: what tests render views into and read back as text.
public struct CellGrid: ScreenSurface, Sendable {
    public struct Cell: Sendable, Hashable {
        /// The character shown; empty for the second cell of a wide character.
        public var text: String = " "
        public var style: TextStyle = .plain
    }

    public let rows: Int
    public let columns: Int
    /// Draws as a terminal whose locale is not UTF-8 would be drawn.
    public let asciiOnly: Bool
    public private(set) var cells: [[Cell]]

    public init(rows: Int, columns: Int, asciiOnly: Bool = false) {
        self.rows = rows
        self.columns = columns
        self.asciiOnly = asciiOnly
        cells = Array(repeating: Array(repeating: Cell(), count: max(0, columns)), count: max(0, rows))
    }

    public mutating func clear() {
        cells = Array(repeating: Array(repeating: Cell(), count: columns), count: rows)
    }

    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, width: Int?, style: TextStyle, pad: Bool) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let limit = min(width ?? (columns - column), columns - column)
        guard limit > 0 else { return 0 }
        let (fitted, used) = Self.fitting(text, width: limit, asciiOnly: asciiOnly)
        var x = column
        for character in fitted {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A combining mark joins the character before it.
                if x > column { cells[row][x - 1].text.append(character) }
                continue
            }
            cells[row][x] = Cell(text: String(character), style: style)
            if w == 2 { cells[row][x + 1] = Cell(text: "", style: style) }
            x += w
        }
        if pad {
            while x < column + limit {
                cells[row][x] = Cell(text: " ", style: style)
                x += 1
            }
            return limit
        }
        return used
    }

    /// The screen as text, one line per row, trailing spaces trimmed: what snapshots hold.
    public var text: String {
        cells.map { line in
            var s = line.map(\.text).joined()
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }

    /// The style of the cell at (row, column).
    public func style(row: Int, column: Int) -> TextStyle { cells[row][column].style }
}
