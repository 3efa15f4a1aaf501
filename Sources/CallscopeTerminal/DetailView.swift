import CallscopeDomain
import CallscopeViewModel

/// The detail pane: the open call in sections, scrolled by the screen's own offset.
struct DetailView {
    static func lines(_ state: BrowserState) -> [DetailLine] {
        switch state.detail {
        case .closed:
            return []
        case .loading(let id, let back):
            var lines: [DetailLine] = [.section("Loading call"), .field(label: "id", value: SafeText.sanitize(id), emphasis: .normal)]
            if let back { lines.append(.field(label: "searched back to", value: "\(state.zone.local(back)) \(state.zone.identifier)", emphasis: .normal)) }
            lines.append(.blank)
            lines.append(.field(label: "Esc", value: "stops the search", emphasis: .normal))
            return lines
        case .failed(let id, let message):
            return [.section("Could not open call"), .field(label: "id", value: SafeText.sanitize(id), emphasis: .normal),
                    .field(label: "why", value: message, emphasis: .bad), .blank, .field(label: "R", value: "tries again", emphasis: .normal)]
        case .loaded(let call):
            return DetailModel.lines(for: call, zone: state.zone, customers: state.customerNames, deck: state.deck)
        }
    }

    static func draw(_ state: BrowserState, scroll: Int, in rect: Rect, focused: Bool, into screen: inout some ScreenSurface) {
        let labelWidth = labelWidth(rect)
        let rendered = rows(state, in: rect, focused: focused)
        for row in rect.row..<(rect.row + rect.height) {
            screen.put("", row: row, column: rect.column, width: rect.width, style: .plain, pad: true)
        }
        var y = rect.row
        let top = min(max(0, scroll), max(0, rendered.count - rect.height))
        for (label, value, style, isSection) in rendered.dropFirst(top) where y < rect.row + rect.height {
            if isSection {
                screen.put(label, row: y, column: rect.column, width: rect.width, style: style, pad: true)
            } else {
                screen.put(label, row: y, column: rect.column, width: labelWidth - 1, style: TextStyle(dim: true), pad: true)
                screen.put(" ", row: y, column: rect.column + labelWidth - 1, width: 2, style: .plain, pad: true)
                screen.put(value, row: y, column: rect.column + labelWidth + 1, width: rect.width - labelWidth - 1, style: style, pad: true)
            }
            y += 1
        }
    }

    static func labelWidth(_ rect: Rect) -> Int { min(16, max(8, rect.width / 3)) }

    /// How far the pane can scroll: its wrapped rows beyond its height.
    static func maximumScroll(_ state: BrowserState, in rect: Rect) -> Int {
        max(0, rows(state, in: rect, focused: false).count - rect.height)
    }

    /// The pane's rows after wrapping long values: (label, value, style, is a section title).
    static func rows(_ state: BrowserState, in rect: Rect, focused: Bool) -> [(String, String, TextStyle, Bool)] {
        let labelWidth = labelWidth(rect)
        var rendered: [(String, String, TextStyle, Bool)] = []
        for line in lines(state) {
            switch line {
            case .section(let title):
                rendered.append((title, "", TextStyle(bold: true, underline: true, color: focused ? .accent : nil), true))
            case .blank:
                rendered.append(("", "", .plain, false))
            case .field(let label, let value, let emphasis):
                let style: TextStyle = {
                    switch emphasis {
                    case .normal: return .plain
                    case .good: return TextStyle(color: .answered)
                    case .warning: return TextStyle(color: .busy)
                    case .bad: return TextStyle(color: .failed)
                    }
                }()
                for (i, chunk) in wrap(value, width: max(8, rect.width - labelWidth - 1)).enumerated() {
                    rendered.append((i == 0 ? label : "", chunk, style, false))
                }
            }
        }
        return rendered
    }

    /// Breaks text into lines of at most `width` cells, at a space where one is near.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard DisplayWidth.of(text) > width, width > 0 else { return [text] }
        var chunks: [String] = []
        var current = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width {
                if let space = current.lastIndex(of: " "), current.distance(from: current.startIndex, to: space) > width / 2 {
                    chunks.append(String(current[..<space]))
                    current = String(current[current.index(after: space)...])
                } else {
                    chunks.append(current)
                    current = ""
                }
                used = DisplayWidth.of(current)
            }
            current.append(character)
            used += w
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
