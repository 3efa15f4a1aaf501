import Testing
@testable import CallscopeDomain

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
}
