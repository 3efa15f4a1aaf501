import Foundation
import Testing
@testable import CallscopeDomain
@testable import CallscopeJSON

@Suite("One filter for every provider")
struct CallMatcherTests {
    let base = Date(timeIntervalSince1970: 1_774_440_000)

    func call(_ id: String = "c1", offset: TimeInterval = -60) -> Call {
        var c = Call(id: id, provider: .vobiz)
        c.startTime = base.addingTimeInterval(offset)
        c.direction = .inbound
        c.status = .noAnswer
        c.from = "+1 (555) 010-0100"
        c.to = "+919876543210"
        c.callerName = "王小明"
        c.durationSeconds = 42
        c.hangupCause = "NO_ANSWER"
        return c
    }

    func filter() -> CallFilter { CallFilter(since: base.addingTimeInterval(-3600), until: base) }

    @Test func timeRangeIsHalfOpen() {
        let m = CallMatcher(filter())
        #expect(m.matches(call(offset: -3600)))
        #expect(!m.matches(call(offset: 0)))
        #expect(!m.matches(call(offset: -3601)))
    }

    @Test func eachFieldFilters() {
        var f = filter()
        f.direction = .outbound
        #expect(!CallMatcher(f).matches(call()))
        f = filter(); f.status = .noAnswer
        #expect(CallMatcher(f).matches(call()))
        f = filter(); f.from = "555 0100"  // punctuation ignored
        #expect(CallMatcher(f).matches(call()))
        f = filter(); f.to = "9999"
        #expect(!CallMatcher(f).matches(call()))
        f = filter(); f.hangupCause = "no_answer"
        #expect(CallMatcher(f).matches(call()))
        f = filter(); f.minDuration = 43
        #expect(!CallMatcher(f).matches(call()))
        f = filter(); f.maxDuration = 42
        #expect(CallMatcher(f).matches(call()))
    }

    @Test func searchCoversNumbersNamesAndIds() {
        var f = filter()
        for query in ["小明", "98765", "C1", "(555) 010"] {
            f.search = query
            #expect(CallMatcher(f).matches(call()), "\(query)")
        }
        f.search = "nobody"
        #expect(!CallMatcher(f).matches(call()))
    }

    @Test func statusAndDirectionSpellings() {
        #expect(CallStatus(providerValue: "NO ANSWER") == .noAnswer)
        #expect(CallStatus(providerValue: "no_answer") == .noAnswer)
        #expect(CallStatus(providerValue: "no-answer") == .noAnswer)
        #expect(CallStatus(providerValue: "CONGESTION") == .other("congestion"))
        #expect(CallDirection(providerValue: "IN") == .inbound)
        #expect(CallDirection(providerValue: "Local") == .other("local"))
        #expect(CallDirection(providerValue: "") == nil)
    }

    /// The spellings read as bytes mean what the same text means, and only those are read so.
    @Test func spellingsReadAsBytesAgreeWithTheTextReading() {
        let texts = ["IN", "OUT", "inbound", "outbound", "in", "Inbound", " IN", "INX", "", "transfer", "ANSWERED", "answered",
                     "NO ANSWER", "no-answer", "no_answer", "BUSY", "busy", "FAILED", "failed", "completed", "No Answer", "FAIL", "voicemail"]
        for text in texts {
            var bytes = text
            bytes.withUTF8 { bytes in
                if let direction = CallDirection(sentSpelling: bytes) { #expect(direction == CallDirection(providerValue: text), "\(text)") }
                if let status = CallStatus(sentSpelling: bytes) { #expect(status == CallStatus(providerValue: text), "\(text)") }
            }
        }
        #expect(Array("IN".utf8).withUnsafeBufferPointer(CallDirection.init(sentSpelling:)) == .inbound)
        #expect(Array("NO ANSWER".utf8).withUnsafeBufferPointer(CallStatus.init(sentSpelling:)) == .noAnswer)
        #expect(Array("transfer".utf8).withUnsafeBufferPointer(CallDirection.init(sentSpelling:)) == nil)
    }
}
