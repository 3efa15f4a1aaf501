import CallscopeDomain
import CallscopeViewModel

/// What only the screen needs to know: which prompt is open, which sidebar field is picked,
/// how far the detail is scrolled, whether help is showing. No business rules live here.
public struct UIState: Sendable, Hashable {
    public enum Prompt: Sendable, Hashable {
        case find(forward: Bool)
        case openID
        case command
        case filterLine
        case editField(FilterDraft.Field)
        /// `e`: the file to export the filter's calls to.
        case export

        var label: String {
            switch self {
            case .find(let forward): return forward ? "/" : "?"
            case .openID: return "call id: "
            case .command: return ":"
            case .filterLine: return "filter: "
            case .editField(let field): return "\(FieldLabels.label(field)): "
            case .export: return "export to: "
            }
        }
    }

    public var prompt: Prompt?
    /// The open prompt's text and cursor.
    public var promptLine = PromptLine()
    /// The prompt's text; setting it puts the cursor at its end.
    public var promptText: String {
        get { promptLine.text }
        set { promptLine = PromptLine(newValue) }
    }
    public var sidebarField: FilterDraft.Field = .since
    public var detailScroll = 0
    /// The overlay drawn over the panes and taking the keys, if one is open (`Overlay`: one
    /// case, and one key handler, each).
    public var overlay: Overlay?
    /// The highlighted row of the group view.
    public var groupSelection = 0
    /// The highlighted row of the board (`W`).
    public var boardSelection = 0
    public var quit = false
    /// `q` was pressed once while an export runs: the next `q` quits and drops it.
    public var quitWhileExporting = false
    /// A notice from the screen itself (clipboard, unknown key); the view-model's wins.
    public var message: String?
    public var spinnerFrame = 0

    public init() {}
}

/// What can open over the panes and take the keys until it closes. Each has its own handler
/// (`HelpOverlay`, `ProfilePickerOverlay`, `CopyMenuOverlay`), in the manner of nested models:
/// the input controller only hands the key to the open one.
public enum Overlay: Sendable, Hashable {
    /// `?`: the help, at this page (Space turns it; counted round, so any number is a page).
    case help(page: Int)
    /// `P`: the profile picker.
    case picker(ProfilePicker)
    /// `Y`: what can be copied for a ticket.
    case copyMenu
}

extension UIState {
    /// Whether the help is open (setting it opens it on its first page, or closes it).
    public var showHelp: Bool {
        get { if case .help = overlay { return true } else { return false } }
        set { overlay = newValue ? .help(page: 0) : (showHelp ? nil : overlay) }
    }

    /// The help's page, while it is open.
    public var helpPage: Int {
        get { if case .help(let page) = overlay { return page } else { return 0 } }
        set { if showHelp { overlay = .help(page: newValue) } }
    }

    /// The profile picker, while it is open.
    public var picker: ProfilePicker? {
        get { if case .picker(let picker) = overlay { return picker } else { return nil } }
        set { overlay = newValue.map(Overlay.picker) ?? (picker == nil ? overlay : nil) }
    }

    /// Whether the copy menu is open.
    public var copyMenu: Bool {
        get { overlay == .copyMenu }
        set { overlay = newValue ? .copyMenu : (copyMenu ? nil : overlay) }
    }
}

/// The profile picker's query and which match is highlighted.
public struct ProfilePicker: Sendable, Hashable {
    public var query = PromptLine()
    public var highlighted = 0
    public init() {}
}

/// Short labels for the filter fields.
enum FieldLabels {
    static func label(_ field: FilterDraft.Field) -> String {
        switch field {
        case .since: return "since"
        case .until: return "until"
        case .zone: return "zone"
        case .direction: return "direction"
        case .status: return "status"
        case .from: return "from"
        case .to: return "to"
        case .hangupCause: return "cause"
        case .trunk: return "trunk"
        case .minDuration: return "min talk s"
        case .maxDuration: return "max talk s"
        case .search: return "search"
        }
    }
}
