import CallscopeDomain
import CallscopeViewModel

/// The call list: column titles, then one row per call, placeholders for rows on their way.
/// Columns are sized in cells for the pane's width, so wide names never push columns out.
struct ListView {
    struct Column {
        let title: String
        let width: Int
        let value: (CallRowModel) -> String
    }

    /// The columns that fit `width`, most useful first: time, status, numbers, then name and
    /// cause sharing what is left — all of it to the one that has data when the other is empty
    /// on screen (Vobiz sends no caller names, VOXO no causes). Never wider than the pane.
    /// `customers`: on a view of every customer, rows name whose call they are; where no row has a
    /// caller name, a CUSTOMER column takes the name column's place.
    static func columns(width: Int, names: Bool = true, causes: Bool = true, customers: Bool = false) -> [Column] {
        let compactTime = width < 110
        // E.164 numbers are up to 16 characters with the +: never cut them if it can be helped.
        let number = width < 78 ? 13 : 16
        let time = Column(title: "TIME", width: compactTime ? 14 : 19) { row in compactTime ? String(row.time.dropFirst(5)) : row.time }
        let direction = Column(title: "DIR", width: 3) { $0.direction }
        let from = Column(title: "FROM", width: number) { $0.from }
        let to = Column(title: "TO", width: number) { $0.to }
        let status = Column(title: "STATUS", width: 9) { $0.status }
        let talk = Column(title: "TALK", width: 7) { $0.talk }
        var chosen: [String: Column] = [:]
        var used = 0
        for column in [time, status, from, to, direction, talk] where used + column.width <= width {
            chosen[column.title] = column
            used += column.width + 1
        }
        let rest = width - used
        var flexible: [Column] = []
        let customerColumn = customers && !names
        let hasNames = names || customerColumn
        let causeOnly = causes && !hasNames
        func nameColumn(_ width: Int) -> Column {
            customerColumn ? Column(title: "CUSTOMER", width: width) { $0.customer } : Column(title: "NAME", width: width) { $0.name }
        }
        if rest >= 24 && hasNames == causes {
            let name = rest / 2
            flexible = [nameColumn(name - 1), Column(title: "CAUSE", width: rest - name - 1) { $0.cause }]
        } else if rest >= 8 {
            flexible = [causeOnly ? Column(title: "CAUSE", width: rest - 1) { $0.cause } : nameColumn(rest - 1)]
        }
        let ordered = [time, direction, from, to].compactMap { chosen[$0.title] }
        let after = [status, talk].compactMap { chosen[$0.title] }
        return ordered + flexible.prefix(1) + after + flexible.dropFirst()
    }

    static func draw(_ rows: [ListRowModel], in rect: Rect, focused: Bool, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        let calls = rows.compactMap { if case .call(let call) = $0 { return call } else { return nil } }
        let columns = calls.isEmpty ? columns(width: rect.width)
            : columns(width: rect.width, names: calls.contains { !$0.name.isEmpty }, causes: calls.contains { !$0.cause.isEmpty },
                      customers: calls.contains { !$0.customer.isEmpty })
        let right = rect.column + rect.width
        screen.put("", row: rect.row, column: rect.column, width: rect.width, style: .plain, pad: true)
        var x = rect.column
        for column in columns where x < right {
            screen.put(column.title, row: rect.row, column: x, width: min(column.width, right - x), style: TextStyle(bold: true, underline: true), pad: true)
            x += column.width + 1
        }
        for (offset, row) in rows.enumerated() where offset < rect.height - 1 {
            let y = rect.row + 1 + offset
            switch row {
            case .call(let call):
                var base = TextStyle(reverse: call.selected && focused, underline: call.selected && !focused)
                if call.matchesFind { base.bold = true }
                // The whole row in the selection style, then each column over it.
                screen.put("", row: y, column: rect.column, width: rect.width, style: base, pad: true)
                var cx = rect.column
                for column in columns where cx < right {
                    var style = base
                    if column.title == "STATUS", !call.selected || !focused { style.color = Self.color(call.statusKind) }
                    let width = min(column.width, right - cx)
                    screen.put(TextFitting.fit(column.value(call), width, glyphs), row: y, column: cx, width: width, style: style, pad: true)
                    cx += column.width + 1
                }
            case .loading:
                screen.put("\(glyphs.ellipsis) loading", row: y, column: rect.column, width: rect.width, style: TextStyle(dim: true), pad: true)
            case .failed(let message):
                screen.put("! " + message + "  (R retries)", row: y, column: rect.column, width: rect.width, style: TextStyle(color: .error), pad: true)
            case .older(let text):
                screen.put(text, row: y, column: rect.column, width: rect.width, style: TextStyle(dim: true), pad: true)
            }
        }
    }

    static func color(_ status: CallStatus?) -> ColorRole? {
        switch status {
        case .answered?: return .answered
        case .noAnswer?: return .noAnswer
        case .busy?: return .busy
        case .failed?: return .failed
        default: return nil
        }
    }
}

/// Cuts text to a width in cells with the locale's ellipsis.
enum TextFitting {
    static func fit(_ text: String, _ width: Int, _ glyphs: Glyphs) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + glyphs.ellipsis
    }
}
