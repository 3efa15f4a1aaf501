import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

@Suite("What reaches the screen")
struct ScreenBoundaryTests {
    @Test func nonUTF8TerminalsGetSevenBitText() {
        #expect(ScreenText.prepared("Zoë 🍕", asciiOnly: true) == "Zo\\u{EB} \\u{1F355}")
        #expect(ScreenText.prepared("j ↓ │ a…b → c", asciiOnly: true) == "j Down | a...b -> c")
        #expect(ScreenText.prepared("\u{1B}[2J王", asciiOnly: true) == "\\e[2J\\u{738B}")
        #expect(ScreenText.prepared("Zoë 🍕", asciiOnly: false) == "Zoë 🍕")
        // Width is the escape's.
        var grid = CellGrid(rows: 1, columns: 20, asciiOnly: true)
        #expect(grid.put("王x", row: 0, column: 0) == 9)
        #expect(grid.text == "\\u{738B}x")
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func everyViewIsASCIIWhereTheLocaleIsNot(columns: Int, rows: Int) {
        var state = ScreenFixture.state(height: 30)
        _ = BrowserReducer.reduce(&state, .moveBy(1), now: ScreenFixture.anchor)
        _ = BrowserReducer.reduce(&state, .openSelected, now: ScreenFixture.anchor)
        var ui = UIState()
        ui.prompt = .find(forward: true)
        ui.promptText = "王小明"
        for showHelp in [false, true] {
            ui.showHelp = showHelp
            var grid = CellGrid(rows: rows, columns: columns, asciiOnly: true)
            Renderer(glyphs: .ascii).draw(state, ui: ui, into: &grid)
            #expect(grid.text.utf8.allSatisfy { $0 < 0x80 }, "\(grid.text)")
            if !showHelp {
                #expect(grid.text.contains("\\u{1F355}"), "the emoji name, escaped")
                #expect(grid.text.contains("/\\u{738B}\\u{5C0F}\\u{660E}_"), "the prompt, escaped, cursor at its end")
            }
        }
    }

    @Test func invisibleCharactersShowInEveryLocale() {
        var grid = CellGrid(rows: 1, columns: 40)
        grid.put("pay\u{200B}pal\u{FEFF}", row: 0, column: 0)
        #expect(grid.text == "pay\\u{200B}pal\\u{FEFF}")
    }
}
