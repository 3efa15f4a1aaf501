import CNcursesw
import Foundation

/// Why the terminal UI could not start.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The ncurses screen. Every ncurses call in callscope is in this file and TerminalApp.swift,
/// and all of them happen on the main thread (docs/ARCHITECTURE.md, "Threading model").
final class NcursesScreen: ScreenSurface {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    let colors: Bool
    let asciiOnly: Bool
    /// What puts the terminal back as the shell had it, for the crash handler to write.
    let restoreSequence: [UInt8]
    private(set) var rows: Int
    private(set) var columns: Int

    init(useColor: Bool, asciiOnly: Bool) throws(TerminalError) {
        self.asciiOnly = asciiOnly
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError(description: "callscope browses in a terminal, and standard input or output is not one: use `callscope list` in scripts and pipes")
        }
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else {
            throw TerminalError(description: "could not open the terminal")
        }
        guard let screen = newterm(nil, output, input) else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError(description: "ncurses does not know this terminal (TERM=\(term)): set TERM to one it knows, such as xterm-256color")
        }
        self.screen = screen
        set_term(screen)
        guard let window = cs_stdscr() else {
            endwin()
            throw TerminalError(description: "could not open the terminal window")
        }
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        wtimeout(window, 0)
        set_escdelay(25)
        curs_set(0)
        colors = useColor && has_colors()
        if colors {
            start_color()
            use_default_colors()
            init_pair(Int16(ColorRole.answered.rawValue), Int16(COLOR_GREEN), -1)
            init_pair(Int16(ColorRole.noAnswer.rawValue), Int16(COLOR_CYAN), -1)
            init_pair(Int16(ColorRole.busy.rawValue), Int16(COLOR_YELLOW), -1)
            init_pair(Int16(ColorRole.failed.rawValue), Int16(COLOR_RED), -1)
            init_pair(Int16(ColorRole.accent.rawValue), Int16(COLOR_BLUE), -1)
            init_pair(Int16(ColorRole.error.rawValue), Int16(COLOR_RED), -1)
        }
        rows = Int(cs_getmaxy(window))
        columns = Int(cs_getmaxx(window))
        restoreSequence = Self.restoreSequence()
        // Pastes arrive wrapped in markers, so they are read as text (PasteDecoder).
        Self.writeToTerminal(Self.bracketedPasteOn)
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// The terminal's own strings (terminfo) for: cancel any sequence cut off mid-frame (CAN),
    /// normal attributes, leave the alternate screen, show the cursor, keypad off; then
    /// bracketed paste off. Falls back to the xterm strings where terminfo has none.
    static func restoreSequence() -> [UInt8] {
        func capability(_ name: String, _ fallback: String) -> String {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return fallback }
            return String(cString: value)
        }
        let parts = ["\u{18}", capability("sgr0", "\u{1B}[0m"), capability("rmcup", "\u{1B}[?1049l"),
                     capability("cnorm", "\u{1B}[?25h"), capability("rmkx", "\u{1B}[?1l\u{1B}>"), bracketedPasteOff]
        return Array(parts.joined().utf8)
    }

    static func writeToTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count) }
    }

    /// Reads the terminal's size and tells ncurses (after SIGWINCH).
    func applyTerminalSize() {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
            resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        }
        refreshSize()
    }

    func refreshSize() {
        rows = Int(cs_getmaxy(window))
        columns = Int(cs_getmaxx(window))
    }

    func clear() { werase(window) }

    /// The terminal's bell (an alert appeared while following; tmux passes it on as its
    /// `bell-action` says).
    func ringBell() { _ = beep() }

    @discardableResult
    func put(_ text: String, row: Int, column: Int, width: Int?, style: TextStyle, pad: Bool) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let limit = min(width ?? (columns - column), columns - column)
        guard limit > 0 else { return 0 }
        var (fitted, used) = Self.fitting(text, width: limit, asciiOnly: asciiOnly)
        if pad, used < limit {
            fitted += String(repeating: " ", count: limit - used)
            used = limit
        }
        // The last cell of the screen cannot be written without scrolling: stop short of it.
        if row == rows - 1, column + used >= columns, let last = fitted.last {
            fitted.removeLast()
            used -= max(1, last.unicodeScalars.first.map { Int(wcwidth(wchar_t(bitPattern: $0.value))) } ?? 1)
        }
        var wide = fitted.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        var attrs = cs_a_normal()
        if style.bold { attrs |= cs_a_bold() }
        if style.reverse { attrs |= cs_a_reverse() }
        if style.dim { attrs |= cs_a_dim() }
        if style.underline { attrs |= cs_a_underline() }
        let pair = colors ? Int16(style.color?.rawValue ?? 0) : 0
        _ = cs_put_wide(window, Int32(row), Int32(column), wide, Int32(wide.count - 1), attrs, pair)
        return used
    }

    func present() {
        wnoutrefresh(window)
        doupdate()
    }

    func forceRepaint() {
        clearok(window, true)
    }

    /// The next key, or nil when none is waiting.
    func nextKey() -> Key? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == cs_err() { return nil }
        if result == cs_key_code_yes() {
            switch Int32(character) {
            case cs_key_up(): return .up
            case cs_key_down(): return .down
            case cs_key_left(): return .left
            case cs_key_right(): return .right
            case cs_key_npage(): return .pageDown
            case cs_key_ppage(): return .pageUp
            case cs_key_home(): return .home
            case cs_key_end(): return .end
            case cs_key_btab(): return .backTab
            case cs_key_backspace(): return .backspace
            case cs_key_dc(): return .delete
            case cs_key_enter(): return .enter
            case cs_key_resize():
                refreshSize()
                return .resize
            default: return .char("\u{FFFD}")
            }
        }
        switch character {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(character) + 96)))
        default:
            guard let scalar = Unicode.Scalar(character) else { return nil }
            return .char(Character(scalar))
        }
    }

    func close() {
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
        delscreen(screen)
    }
}
