import CallscopeDomain
import CallscopeViewModel

/// The `P` overlay: the profiles, narrowed as the user types, one highlighted; Enter
/// switches to it. Which profiles match is the view-model's rule (`ProfileSummary.matching`).
struct ProfilePickerView {
    static func name(of entry: PickerEntry) -> String {
        switch entry {
        case .profile(let profile): return profile.name
        case .customer(_, let name): return name
        }
    }

    static func draw(_ state: BrowserState, picker: ProfilePicker, rows: Int, columns: Int, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        let matches = PickerEntry.matching(picker.query.text, in: state)
        let width = min(columns - 4, 90)
        let listRows = max(1, min(matches.count, rows - 10))
        let height = listRows + 4
        let left = max(1, (columns - width) / 2), top = max(1, (rows - 2 - height) / 2)
        // A border around it, as every overlay has.
        Border.draw(Rect(row: top - 1, column: left - 1, height: height + 2, width: width + 2), glyphs: glyphs, into: &screen)
        for y in top..<(top + height) {
            screen.put("", row: y, column: left, width: width, style: TextStyle(reverse: true), pad: true)
        }
        screen.put(" Switch profile or customer: type to narrow, \u{2191}\u{2193} pick, Enter switches, Esc closes ", row: top, column: left + 1, width: width - 2,
                   style: TextStyle(bold: true, reverse: true, underline: true))
        StatusViews.drawPromptLine("> ", picker.query, row: top + 1, columns: width, glyphs: glyphs, into: &screen, column: left)
        guard !matches.isEmpty else {
            let why = state.profiles.isEmpty ? "no profiles: add them to config.toml (README, \"Profiles\")" : "no profile matches"
            screen.put(why, row: top + 2, column: left + 2, width: width - 4, style: TextStyle(reverse: true, dim: true))
            return
        }
        let highlighted = min(picker.highlighted, matches.count - 1)
        let first = max(0, highlighted - listRows + 1)
        let nameWidth = min(24, matches.map { DisplayWidth.of(Self.name(of: $0)) }.max() ?? 8)
        for (offset, entry) in matches[first..<min(matches.count, first + listRows)].enumerated() {
            let y = top + 2 + offset
            let isHighlighted = first + offset == highlighted
            let style = TextStyle(bold: isHighlighted, reverse: !isHighlighted)
            var current = false
            var detail: String
            switch entry {
            case .profile(let profile):
                current = profile.name == state.profile
                detail = profile.scopeText
                if let zone = profile.zone { detail += " \(glyphs.vertical) \(zone)" }
                if profile.isDefault { detail += " \(glyphs.vertical) default" }
            case .customer(let id, _):
                current = state.scope == .account(id)
                detail = "customer \(id) of \(state.profile ?? "this profile")"
            }
            var x = left + 1
            screen.put("", row: y, column: x, width: width - 2, style: style, pad: true)
            x += screen.put(current ? glyphs.follow : " ", row: y, column: x, width: 2, style: style) + 1
            screen.put(Self.name(of: entry), row: y, column: x, width: nameWidth, style: style)
            x += nameWidth + 2
            screen.put(detail, row: y, column: x, width: max(0, left + width - 1 - x), style: style)
        }
        screen.put(" \(matches.count) of \(state.profiles.count + state.customerNames.count) ", row: top + height - 1, column: left + width - 14, width: 13, style: TextStyle(reverse: true, dim: true))
    }
}
