import CallscopeViewModel

/// A rectangle of the screen.
public struct Rect: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var height: Int
    public var width: Int

    public var isEmpty: Bool { height <= 0 || width <= 0 }
}

/// Where each pane goes for a screen size (README, "Keys", the layout paragraph): sidebar │ list │ detail from 120
/// columns; below 100 the sidebar folds (it opens over the list when focused) and the detail
/// opens over the list; under 60×12 the screen says it is too small.
public struct Layout: Sendable, Hashable {
    public static let minimumColumns = 60
    public static let minimumRows = 12
    public static let sidebarWidth = 28

    public var tooSmall = false
    public var sidebar: Rect?
    public var list: Rect?
    public var detail: Rect?
    /// The statistics strip, above the list, when it is wanted and the list has room.
    public var statistics: Rect?
    /// Columns of vertical separators.
    public var separators: [Int] = []
    public var statusRow = 0
    public var promptRow = 0
    public var columns = 0

    public static let statisticsRows = 4

    public init(rows: Int, columns: Int, focus: Pane, detailOpen: Bool, statisticsStrip: Bool = false) {
        self.init(rows: rows, columns: columns, focus: focus, detailOpen: detailOpen)
        // The strip takes the list's top rows where at least 10 rows of calls remain.
        if statisticsStrip, let list, list.height >= Self.statisticsRows + 11 {
            statistics = Rect(row: list.row, column: list.column, height: Self.statisticsRows, width: list.width)
            self.list = Rect(row: list.row + Self.statisticsRows, column: list.column, height: list.height - Self.statisticsRows, width: list.width)
        }
    }

    init(rows: Int, columns: Int, focus: Pane, detailOpen: Bool) {
        self.columns = columns
        guard rows >= Self.minimumRows, columns >= Self.minimumColumns else {
            tooSmall = true
            return
        }
        statusRow = rows - 2
        promptRow = rows - 1
        let height = rows - 2
        let wide = columns >= 120
        let medium = columns >= 100
        var left = 0
        if medium || focus == .filters {
            sidebar = Rect(row: 0, column: 0, height: height, width: Self.sidebarWidth)
            separators.append(Self.sidebarWidth)
            left = Self.sidebarWidth + 1
        }
        if !medium && focus == .filters {
            // Folded: the sidebar sits over the list; the list keeps its full width beneath.
            list = Rect(row: 0, column: left, height: height, width: columns - left)
            return
        }
        let remaining = columns - left
        if detailOpen && wide {
            let detailWidth = max(44, remaining / 2)
            list = Rect(row: 0, column: left, height: height, width: remaining - detailWidth - 1)
            separators.append(left + remaining - detailWidth - 1)
            detail = Rect(row: 0, column: left + remaining - detailWidth, height: height, width: detailWidth)
        } else if detailOpen && focus != .list {
            // Narrow: the detail opens over the list; Tab back to the list shows the list.
            detail = Rect(row: 0, column: left, height: height, width: remaining)
        } else {
            list = Rect(row: 0, column: left, height: height, width: remaining)
        }
    }

    /// Rows of calls the list pane shows (its first row holds the column titles).
    public var listRows: Int { max(1, (list?.height ?? 1) - 1) }
}
