/// Finds bracketed pastes in the key stream (docs/ARCHITECTURE.md, "Input").
///
/// With bracketed paste on (`ESC [ ? 2004 h`), the terminal wraps pasted text in `ESC [ 200 ~`
/// … `ESC [ 201 ~`. ncurses knows neither marker, so they arrive as single keys: Esc, `[`,
/// `2`, `0`, `0`, `~`. This state machine holds keys that could begin the start marker, lets
/// them through when they turn out not to, and turns everything between the markers into one
/// `.paste` of text, so nothing pasted ever acts as a key. Pure: tested without a terminal.
public struct PasteDecoder: Sendable {
    public enum Event: Sendable, Hashable {
        case key(Key)
        /// The pasted text as the terminal sent it (newlines and controls included).
        case paste(String)
    }

    /// Pasted text kept at most; the rest is dropped (a prompt takes 512 characters anyway).
    public static let maximumPaste = 65_536

    static let startMarker: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("0"), .char("~")]
    static let endMarker: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("1"), .char("~")]

    /// Keys held because they may begin a marker.
    private var held: [Key] = []
    /// Whether a paste has started and its end marker not yet come.
    public private(set) var isInPaste = false
    private var pasted = ""

    public init() {}

    /// Feeds one key; returns what is now known.
    public mutating func feed(_ key: Key) -> [Event] {
        let marker = isInPaste ? Self.endMarker : Self.startMarker
        held.append(key)
        if marker.starts(with: held) {
            guard held.count == marker.count else { return [] }
            held = []
            if isInPaste {
                defer { pasted = "" }
                isInPaste = false
                return [.paste(pasted)]
            }
            isInPaste = true
            return []
        }
        // Not a marker after all: the first held key is ordinary; the rest may begin one.
        let first = held.removeFirst()
        let rest = held
        held = []
        var events = deliver(first)
        for key in rest { events += feed(key) }
        return events
    }

    /// Whether keys are held that may begin a marker (an Esc, `ESC [ 2 0`…), outside a paste:
    /// the loop waits a moment for the rest before it lets them go as typed keys.
    public var isHoldingMarkerStart: Bool { !held.isEmpty && !isInPaste }

    /// Called when no more keys are waiting: a held Esc (and what followed it) was typed, not a
    /// marker. Inside a paste the text waits for its end marker.
    public mutating func flush() -> [Event] {
        guard !isInPaste else { return [] }
        defer { held = [] }
        return held.map(Event.key)
    }

    /// Ends a paste whose end marker never came (the loop calls this after a quiet spell).
    public mutating func finishPaste() -> [Event] {
        guard isInPaste else { return flush() }
        let tail = held
        held = []
        for key in tail { _ = deliver(key) }
        isInPaste = false
        defer { pasted = "" }
        return [.paste(pasted)]
    }

    private mutating func deliver(_ key: Key) -> [Event] {
        guard isInPaste else { return [.key(key)] }
        if let piece = Self.text(of: key), pasted.utf8.count + piece.utf8.count <= Self.maximumPaste {
            pasted += piece
        }
        return []
    }

    /// What a key inside a paste stands for as text; special keys (arrows) stand for nothing.
    static func text(of key: Key) -> String? {
        switch key {
        case .char(let character): return String(character)
        case .enter: return "\n"
        case .tab: return "\t"
        case .escape: return "\u{1B}"
        case .ctrl(let letter):
            guard let ascii = letter.asciiValue, ascii >= 96 else { return nil }
            return String(UnicodeScalar(ascii - 96))
        default: return nil
        }
    }
}
