import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

/// What the status bar says when the local store answered: as of when; offline, which ranges it
/// holds (on the message line too, where a narrow status bar has room for a word only).
@Suite("The local store in the status bar")
struct StoreWordsTests {
    @Test func theStoreAnswerIsSaidWithItsTimeAndOfflineWithWhatItHolds() {
        var h = Harness(paging: .numberedPages(size: 100))
        h.send(.resize(height: 20))
        #expect(h.state.storeText == nil)
        let asOf = Date(timeIntervalSince1970: 1_774_440_000)  // 2026-03-25 12:00 UTC
        h.answerAll { _ in
            var page = FakeHistory.page(1, total: 50)
            page.stored = StoredAnswer(asOf: asOf)
            return page
        }
        #expect(h.state.storeText == "from store, as of 03-25 12:00 (r asks again)")
        #expect(h.state.storeWord == "from store")
        #expect(h.state.storeNotice == nil, "a closed range held whole needs no more words")

        var offline = Harness(paging: .numberedPages(size: 100))
        offline.send(.resize(height: 20))
        let held = Date(timeIntervalSince1970: 1_774_224_000)..<Date(timeIntervalSince1970: 1_774_396_800)  // 03-23 00:00 – 03-25 00:00
        offline.answerAll { _ in
            var page = FakeHistory.page(1, total: 50)
            page.stored = StoredAnswer(asOf: asOf, instead: .offline, held: [held])
            return page
        }
        #expect(offline.state.storeText == "offline: store holds 03-23 00:00–03-25 00:00")
        #expect(offline.state.storeWord == "offline")
        #expect(offline.state.storeNotice == offline.state.storeText)
    }
}
