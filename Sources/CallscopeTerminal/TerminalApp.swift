import CNcursesw
import CallscopeDomain
import CallscopeViewModel
import Foundation
import Synchronization

/// Written once before the signal handlers are installed and only read by them; a plain
/// Int32 is what an async-signal-safe handler can use.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

private func onTerminatingSignal(_ signal: Int32) {
    var byte: UInt8 = UInt8(ascii: "Q")
    _ = write(signalPipeWriteEnd, &byte, 1)
}

/// SIGWINCH: ncurses' own handler did not wake `poll` here (measured in tmux), so the loop
/// hears of a resize through the pipe and applies it itself.
private func onResizeSignal(_ signal: Int32) {
    var byte: UInt8 = UInt8(ascii: "W")
    _ = write(signalPipeWriteEnd, &byte, 1)
}

/// Whether the loop still listens: set off before the pipe closes.
final class WakeSwitch: Sendable {
    private let on = Atomic<Bool>(true)
    var isOn: Bool { on.load(ordering: .sequentiallyConsistent) }
    func turnOff() { on.store(false, ordering: .sequentiallyConsistent) }
}

/// The event loop (docs/ARCHITECTURE.md, "Threading model"): every ncurses call on the main thread, which
/// sleeps in `poll` on the keyboard and a self-pipe; fetches finishing elsewhere queue their
/// answers in the store and write a byte to the pipe, and the loop applies them, so the
/// network never blocks a key and news reaches the screen at once.
public enum TerminalApp {
    public struct Options: Sendable {
        public var useColor = true
        /// The log file, named by the crash notice.
        public var logPath: String?
        public init() {}
    }

    /// Runs until `q`, SIGINT, SIGTERM or SIGHUP, and always restores the terminal.
    /// - Parameter makeStore: builds the store with the callback that wakes the loop.
    public static func run(options: Options, makeStore: (@escaping @Sendable () -> Void) -> BrowserStore) throws(TerminalError) {
        // On Linux the main thread's id is the process id (Foundation's isMainThread is not reliable here).
        guard cs_is_main_thread() != 0 else { throw TerminalError(description: "the terminal UI must run on the main thread") }
        setlocale(LC_ALL, "")
        let utf8 = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError(description: "could not create the wake-up pipe") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd); close(writeEnd) }

        signalPipeWriteEnd = writeEnd
        let terminating = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        for sig in terminating { signal(sig, onTerminatingSignal) }
        signal(SIGWINCH, onResizeSignal)
        // Declared before the screen, so they run after it is closed: a signal meanwhile still restores.
        defer { for sig in terminating + [SIGWINCH] { signal(sig, SIG_DFL) } }
        // The terminal as the shell had it, before ncurses changes it: what a crash puts back.
        var shellTermios = termios()
        let haveTermios = tcgetattr(0, &shellTermios) == 0
        defer { CrashGuard.disarm() }
        let screen = try NcursesScreen(useColor: options.useColor, asciiOnly: !utf8)
        defer { screen.close() }
        if haveTermios {
            CrashGuard.arm(savedTermios: shellTermios, restore: screen.restoreSequence,
                           plan: CrashReporting.plan(environment: ProcessInfo.processInfo.environment),
                           logPath: options.logPath, asciiOnly: !utf8)
        }

        // Fetches may finish after the loop ends: they must not write to a closed (reused) fd.
        let awake = WakeSwitch()
        defer { awake.turnOff() }
        let store = makeStore {
            guard awake.isOn else { return }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
        defer { store.stop() }
        let renderer = Renderer(glyphs: utf8 ? .unicode : .ascii)
        let environment = ProcessInfo.processInfo.environment
        var ui = UIState()
        var paste = PasteDecoder()
        store.start()
        // The strip is shown from 30 rows (`s` toggles it).
        if screen.rows >= 30 { store.dispatch(.toggleStatistics) }

        var dirty = true
        var bellsRung = 0
        while !ui.quit {
            // The loop is the model's one writer: answers that landed meanwhile are applied here.
            if store.drain() { dirty = true }
            if dirty {
                var state = store.snapshot
                let layout = renderer.layout(state, rows: screen.rows, columns: screen.columns)
                if !layout.tooSmall, layout.list != nil, layout.listRows != state.viewportHeight {
                    store.dispatch(.resize(height: layout.listRows))
                    state = store.snapshot
                }
                if let detail = layout.detail {
                    ui.detailScroll = min(ui.detailScroll, DetailView.maximumScroll(state, in: detail))
                }
                var surface: NcursesScreen = screen
                renderer.draw(state, ui: ui, into: &surface)
                screen.present()
                // Once per new alert while following (the view-model counts; `bell = false` turns it off).
                if state.bellSerial > bellsRung {
                    bellsRung = state.bellSerial
                    screen.ringBell()
                }
                dirty = false
            }
            var polls = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
            // While something loads, wake ten times a second to turn the spinner; in a paste,
            // wake to end it if its end marker never comes.
            // A marker's start held from the last read waits 30 ms for the rest of it.
            let timeout: Int32 = paste.isInPaste ? 500 : (paste.isHoldingMarkerStart ? 30 : (store.snapshot.isLoading ? 100 : -1))
            let ready = poll(&polls, 2, timeout)
            var events: [PasteDecoder.Event] = []
            if ready == 0 {
                events += paste.isInPaste ? paste.finishPaste() : paste.flush()
                ui.spinnerFrame += 1
                dirty = true
            }
            // The terminal went away without a SIGHUP: leave rather than spin.
            if polls[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { ui.quit = true }
            if polls[1].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 256)
                var resized = false
                while true {
                    let count = read(readEnd, &buffer, 256)
                    guard count > 0 else { break }
                    if buffer[0..<count].contains(UInt8(ascii: "Q")) { ui.quit = true }
                    if buffer[0..<count].contains(UInt8(ascii: "W")) { resized = true }
                }
                if resized {
                    screen.applyTerminalSize()
                    screen.forceRepaint()
                }
                dirty = true
            }
            if ui.quit { break }
            // ncurses buffers input, so read every key now (poll will not report it again).
            while let key = screen.nextKey() {
                dirty = true
                if key == .resize { continue }
                events += paste.feed(key)
            }
            // A marker split across reads (`ESC[20` now, `0~` next) is not let go as keys yet.
            if !paste.isHoldingMarkerStart { events += paste.flush() }
            for event in events {
                let state = store.snapshot
                let outcomes: [InputOutcome]
                switch event {
                case .key(let key):
                    outcomes = InputController.handle(key, state: state, ui: &ui, detailPageRows: max(1, screen.rows - 4))
                case .paste(let text):
                    outcomes = InputController.paste(text, state: state, ui: &ui)
                }
                for outcome in outcomes {
                    switch outcome {
                    case .action(let intent): store.dispatch(.intent(intent))
                    case .redraw: screen.forceRepaint()
                    case .copy(let text, let what):
                        ui.message = Clipboard.deliver(text, what: what, environment: environment) { bytes in
                            screen.present()
                            _ = bytes.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count) }
                        }
                    }
                }
                if ui.quit { break }
            }
        }
    }
}
