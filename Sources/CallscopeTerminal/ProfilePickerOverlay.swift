import CallscopeDomain
import CallscopeViewModel

/// The `P` picker's keys; `ProfilePickerView` draws it.
enum ProfilePickerOverlay {
    /// Keys while the profile picker is open: typing narrows, arrows pick, Enter switches.
    static func handle(_ key: Key, state: BrowserState, ui: inout UIState) -> [InputOutcome] {
        guard var picker = ui.picker else { return [] }
        let matches = PickerEntry.matching(picker.query.text, in: state)
        switch key {
        case .escape:
            ui.picker = nil
            return []
        case .enter:
            ui.picker = nil
            guard matches.indices.contains(picker.highlighted) else {
                ui.message = state.profiles.isEmpty ? "no profiles to switch to" : "no profile matches '\(SafeText.sanitize(picker.query.text))'"
                return []
            }
            switch matches[picker.highlighted] {
            case .profile(let profile): return [.action(.switchProfile(profile.name))]
            case .customer(let id, _): return [.action(.changeScope(.account(id)))]
            }
        case .up, .ctrl("p"), .backTab: picker.highlighted = max(0, picker.highlighted - 1)
        case .down, .ctrl("n"), .tab: picker.highlighted = min(max(0, matches.count - 1), picker.highlighted + 1)
        case .backspace: picker.query.deleteBackward(); picker.highlighted = 0
        case .ctrl("u"): picker.query.deleteToStart(); picker.highlighted = 0
        case .left: picker.query.moveLeft()
        case .right: picker.query.moveRight()
        case .char(let character):
            guard !character.unicodeScalars.contains(where: SafeText.needsEscape) else { return [] }
            picker.query.insert(String(character))
            picker.highlighted = 0
        default: break
        }
        ui.picker = picker
        return []
    }
}
