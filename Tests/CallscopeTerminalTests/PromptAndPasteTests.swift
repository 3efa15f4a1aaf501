import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

@Suite("Prompt editing and bracketed paste")
struct PromptAndPasteTests {
    let state = ScreenFixture.state(height: 20)
    let uuid = "c0ffee07-1ba2-4103-a905-9a0ecc6b5007"

    func typed(_ text: String) -> [Key] { text.map { .char($0) } }

    /// Feeds keys through the decoder as the event loop does, then flushes.
    func decode(_ keys: [Key], _ decoder: inout PasteDecoder) -> [PasteDecoder.Event] {
        keys.flatMap { decoder.feed($0) } + decoder.flush()
    }

    let start: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("0"), .char("~")]
    let end: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("1"), .char("~")]

    // MARK: The line editor

    @Test func editsLikeAShellLine() {
        var line = PromptLine("hello world")
        #expect(line.cursor == 11)
        line.deleteWordBackward()
        #expect(line.text == "hello " && line.cursor == 6)
        line.insert("there")
        line.moveToStart()
        line.insert(">")
        #expect(line.text == ">hello there" && line.cursor == 1)
        line.moveRight(); line.moveRight()
        line.deleteToStart()
        #expect(line.text == "llo there" && line.cursor == 0)
        line.deleteForward()
        #expect(line.text == "lo there")
        line.moveToEnd(); line.moveLeft(); line.moveLeft()
        line.deleteBackward()
        #expect(line.text == "lo thre" && line.cursor == 5)
        line.deleteToEnd()
        #expect(line.text == "lo th" && line.cursor == 5)
        // ^W takes the spaces before the cursor with the word.
        line = PromptLine("set status   ")
        line.deleteWordBackward()
        #expect(line.text == "set ")
        // Movement stops at the ends; deletion at an end does nothing.
        line = PromptLine("ab")
        line.moveRight(); line.deleteForward()
        line.moveToStart(); line.moveLeft(); line.deleteBackward()
        #expect(line.text == "ab" && line.cursor == 0)
        // Wide characters are one position each.
        line = PromptLine("王小明")
        line.moveLeft()
        line.insert("x")
        #expect(line.text == "王小x明")
    }

    @Test func lineLengthIsCapped() {
        var line = PromptLine(String(repeating: "a", count: 600))
        #expect(line.characters.count == PromptLine.maximumLength)
        let tookB = line.insert("b")
        #expect(!tookB)
        line = PromptLine("ab")
        let tookAll = line.insert(String(repeating: "c", count: 600))
        #expect(!tookAll)
        #expect(line.characters.count == PromptLine.maximumLength)
    }

    @Test func promptKeysEdit() {
        var ui = UIState()
        for key in [Key.char("/")] + typed("foo bar") + [.ctrl("w")] + typed("baz") + [.ctrl("a"), .right, .delete, .char("O"), .ctrl("e"), .left, .backspace] {
            _ = InputController.handle(key, state: state, ui: &ui)
        }
        #expect(ui.promptText == "fOo bz")
        #expect(ui.promptLine.cursor == 5)
        _ = InputController.handle(.ctrl("u"), state: state, ui: &ui)
        #expect(ui.promptText == "z" && ui.promptLine.cursor == 0)
        _ = InputController.handle(.home, state: state, ui: &ui)
        _ = InputController.handle(.end, state: state, ui: &ui)
        #expect(InputController.handle(.enter, state: state, ui: &ui) == [.action(.find("z", forward: true))])
    }

    @Test func cursorIsDrawnWhereItIs() {
        var ui = UIState()
        ui.prompt = .find(forward: true)
        ui.promptText = "abcdef"
        ui.promptLine.moveLeft(); ui.promptLine.moveLeft()
        let grid = ScreenFixture.render(state, ui: ui, rows: 24, columns: 80)
        let last = grid.cells[23]
        #expect(last.prefix(7).map(\.text).joined() == "/abcdef")
        #expect(last[5].text == "e" && last[5].style.reverse)
        #expect(!last[4].style.reverse && !last[6].style.reverse)
        // At the end: the cursor glyph.
        ui.promptLine.moveToEnd()
        let atEnd = ScreenFixture.render(state, ui: ui, rows: 24, columns: 80)
        #expect(atEnd.text.split(separator: "\n").last == "/abcdef█")
    }

    @Test func longEntryScrollsToKeepTheCursorInView() {
        var ui = UIState()
        ui.prompt = .openID
        ui.promptText = String(repeating: "0123456789", count: 12)
        let grid = ScreenFixture.render(state, ui: ui, rows: 24, columns: 60)
        let line = String(grid.text.split(separator: "\n").last ?? "")
        #expect(line.hasPrefix("call id: …"))
        #expect(line.hasSuffix("789█"))
        #expect(DisplayWidth.of(line) <= 59)
        ui.promptLine.moveToStart()
        let start = String(ScreenFixture.render(state, ui: ui, rows: 24, columns: 60).text.split(separator: "\n").last ?? "")
        #expect(start.hasPrefix("call id: 0123456789"))
    }

    // MARK: The paste decoder

    @Test func ordinaryKeysPassThrough() {
        var decoder = PasteDecoder()
        #expect(decode([.char("j"), .escape, .char("q")], &decoder) == [.key(.char("j")), .key(.escape), .key(.char("q"))])
        // A lone Esc is held until the input runs dry, then delivered.
        #expect(decoder.feed(.escape).isEmpty)
        #expect(decoder.flush() == [.key(.escape)])
        // Esc [ followed by something else: all of it, as keys, in order.
        #expect(decode([.escape, .char("["), .char("2"), .char("x")], &decoder)
                == [.key(.escape), .key(.char("[")), .key(.char("2")), .key(.char("x"))])
        // Esc Esc [200~: the first Esc is a key, the rest a paste start.
        #expect(decode([.escape] + start + typed("a") + end, &decoder) == [.key(.escape), .paste("a")])
    }

    @Test func aPasteIsTextNeverKeys() {
        var decoder = PasteDecoder()
        let pasted: [Key] = typed(uuid) + [.enter, .char("q"), .escape, .char("x"), .tab, .ctrl("c"), .up]
        let events = decode(start + pasted + end + [.char("j")], &decoder)
        #expect(events == [.paste("\(uuid)\nq\u{1B}x\t\u{03}"), .key(.char("j"))])
        #expect(!decoder.isInPaste)
    }

    @Test func aPasteSpansReadsAndCanEndWithoutItsMarker() {
        var decoder = PasteDecoder()
        #expect(decode(start + typed("ab"), &decoder).isEmpty)
        #expect(decoder.isInPaste, "a flush inside a paste waits for the end marker")
        #expect(decode(typed("c") + [.escape, .char("[")], &decoder).isEmpty)
        #expect(decode([.char("2"), .char("0"), .char("1"), .char("~")], &decoder) == [.paste("abc")])
        // The end marker never came: the loop ends the paste after a quiet spell.
        #expect(decode(start + typed("xy") + [.escape], &decoder).isEmpty)
        #expect(decoder.finishPaste() == [.paste("xy\u{1B}")])
        #expect(!decoder.isInPaste)
    }

    // MARK: What a paste does

    @Test func pasteInTheListOpensTheIdPromptWithoutSubmitting() {
        var ui = UIState()
        #expect(InputController.paste("\(uuid)\n", state: state, ui: &ui).isEmpty)
        #expect(ui.prompt == .openID)
        #expect(ui.promptText == "\(uuid) ")
        #expect(!ui.quit)
        // Enter then opens it, cleaned.
        #expect(InputController.handle(.enter, state: state, ui: &ui) == [.action(.open(id: uuid))])
    }

    @Test func pastedIdIsCleanedBeforeLookup() {
        var ui = UIState()
        _ = InputController.paste("\u{FEFF}\(uuid)\u{200B}\r\n", state: state, ui: &ui)
        #expect(InputController.handle(.enter, state: state, ui: &ui) == [.action(.open(id: uuid))])
        _ = InputController.handle(.char(":"), state: state, ui: &ui)
        _ = InputController.paste("open \u{202E}\(uuid)\u{202C}", state: state, ui: &ui)
        #expect(InputController.handle(.enter, state: state, ui: &ui) == [.action(.open(id: uuid))])
    }

    @Test func pasteGoesIntoTheOpenPromptAtTheCursor() {
        var ui = UIState()
        for key in [Key.char("/")] + typed("ac") + [.left] { _ = InputController.handle(key, state: state, ui: &ui) }
        _ = InputController.paste("b\nq\u{1B}\t", state: state, ui: &ui)
        #expect(ui.prompt == .find(forward: true), "an Esc inside a paste does not close the prompt")
        #expect(ui.promptText == "ab q c")
        #expect(!ui.quit, "a pasted q does not quit")
    }

    @Test func pasteInTheSidebarEditsTheField() {
        var filters = state
        filters.focus = .filters
        var ui = UIState()
        ui.sidebarField = .from
        _ = InputController.paste("+1555\n", state: filters, ui: &ui)
        #expect(ui.prompt == .editField(.from))
        #expect(InputController.handle(.enter, state: filters, ui: &ui) == [.action(.edit(.from, "+1555")), .action(.applyFilter)])
    }

    @Test func pastedTextForAPromptHasNoControls() {
        #expect(InputController.promptText(fromPaste: "a\r\nb\tc\u{1B}[31m\u{9B}d\u{7F}\u{2028}e") == "a  b c[31md e")
    }
}
