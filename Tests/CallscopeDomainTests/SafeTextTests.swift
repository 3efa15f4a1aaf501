import Testing
@testable import CallscopeDomain
@testable import CallscopeJSON

@Suite("Untrusted text on a terminal")
struct SafeTextTests {
    @Test func escapesEverySequenceIntroducer() {
        let hostile = "\u{1B}]52;c;cm0gLXJmIH4K\u{07}\u{1B}[2J\u{9B}31m\u{90}dcs\u{9D}osc\u{7F}\u{202E}"
        let safe = SafeText.sanitize(hostile)
        #expect(safe == "\\e]52;c;cm0gLXJmIH4K\\x07\\e[2J\\x9B31m\\x90dcs\\x9Dosc\\x7F\\u{202E}")
        #expect(!safe.unicodeScalars.contains(where: SafeText.needsEscape))
    }

    @Test func leavesOrdinaryTextAlone() {
        for text in ["BILL CLINTON", "王小明", "Zoë 🍕 Pizza", "O'Brien & Sons", ""] {
            #expect(SafeText.sanitize(text) == text)
        }
    }

    @Test func widthsOfWideText() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("王小明") == 6)
        #expect(DisplayWidth.of("🍕") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.fit("王小明王小明", 7) == "王小明…")
        #expect(DisplayWidth.fit("王小明王小明", 8) == "王小明… ")
        #expect(DisplayWidth.of(DisplayWidth.fit("Zoë 🍕 Pizza Place", 9)) == 9)
        #expect(DisplayWidth.fit("ab", 4) == "ab  ")
    }

    @Test func escapesInvisibleAndFormatCharacters() {
        #expect(SafeText.sanitize("a\u{200B}b") == "a\\u{200B}b")
        #expect(SafeText.sanitize("\u{FEFF}id") == "\\u{FEFF}id")
        #expect(SafeText.sanitize("x\u{061C}\u{200E}\u{200F}\u{2066}y\u{2069}") == "x\\u{61C}\\u{200E}\\u{200F}\\u{2066}y\\u{2069}")
        #expect(SafeText.sanitize("line\u{2028}para\u{2029}") == "line\\u{2028}para\\u{2029}")
        #expect(SafeText.sanitize("tag\u{E0041}\u{E007F}") == "tag\\u{E0041}\\u{E007F}")
        for scalar in ["\u{200B}", "\u{FEFF}", "\u{061C}", "\u{202A}", "\u{2068}", "\u{E0020}", "\u{2028}"].flatMap(\.unicodeScalars) {
            #expect(SafeText.needsEscape(scalar), "\(scalar.value)")
        }
    }

    @Test func joinersStayWhereTheyJoinAndShowWhereAlone() {
        // An emoji ZWJ sequence and Persian with a ZWNJ are text, drawn as they are.
        for text in ["👩\u{200D}💻", "👨\u{200D}👩\u{200D}👧", "🏳\u{FE0F}\u{200D}🌈", "می\u{200C}خواهم", "क्\u{200D}ष"] {
            #expect(SafeText.sanitize(text) == text, "\(text.unicodeScalars.map(\.value))")
        }
        // Alone, at an edge or between ASCII letters they hide something: shown.
        #expect(SafeText.sanitize("\u{200D}") == "\\u{200D}")
        #expect(SafeText.sanitize("pay\u{200C}pal") == "pay\\u{200C}pal")
        #expect(SafeText.sanitize("王\u{200D}") == "王\\u{200D}")
        #expect(SafeText.sanitize("\u{200D}\u{200D}👩") == "\\u{200D}\\u{200D}👩")
    }

    @Test func cleansPastedIdentifiers() {
        let id = "c0ffee07-1ba2-4103-a905-9a0ecc6b5007"
        #expect(SafeText.cleanIdentifier("  \(id)\n") == id)
        #expect(SafeText.cleanIdentifier("\u{FEFF}\(id)\u{200B}") == id)
        #expect(SafeText.cleanIdentifier("\u{202E}\(id)\u{202C}\u{200E}") == id)
        #expect(SafeText.cleanIdentifier("\u{00A0}\t\(id)\r\n\u{2029}") == id)
        #expect(SafeText.cleanIdentifier("c0ffee\u{200D}07\u{2060}-x") == "c0ffee07-x")
        #expect(SafeText.cleanIdentifier("atl-ast2-1665457640.1430167") == "atl-ast2-1665457640.1430167")
        #expect(SafeText.cleanIdentifier(" \u{200B} ") == "")
        #expect(SafeText.cleanIdentifier("") == "")
    }
}
