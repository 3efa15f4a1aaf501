import CallscopeDomain
import CallscopeMockServer
import CallscopeTesting
import Foundation
import Synchronization
import Testing
@testable import CallscopeFiles

/// Holds a file's index pass back until the test releases it, to see what is answered meanwhile.
final class HeldIndex: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    var runner: BackgroundIndex.Runner { { job in self.jobs.withLock { $0.append(job) } } }
    func release() {
        for job in jobs.withLock({ held in defer { held = [] }; return held }) { job() }
    }
}

/// A large file opened by the browser shows its first page from its first records while it is
/// indexed; the index then confirms it, or says what it got wrong.
@Suite("saved files: shown head first")
struct HeadFirstTests {
    typealias Support = FileTestSupport
    static let whole = CallFilter(since: .distantPast, until: .distantFuture)

    func open(_ bytes: [UInt8], _ name: String = "day.json", held: HeldIndex) throws -> FileCallSource {
        try FileCallSource.read(bytes, name: name, zone: Support.utc, headFirstAbove: 0, indexRunner: held.runner)
    }

    @Test func aFileInTimeOrderAnswersItsFirstPageBeforeItIsIndexed() async throws {
        let bytes = Support.voxoDay(450)
        let held = HeldIndex()
        let source = try open(bytes, held: held)
        #expect(source.openedHeadFirst)
        let first = try await source.segment(.page(1), matching: Self.whole)
        #expect(first.reportedTotal == nil)
        let expected = Support.calls(of: try SavedFile.read(bytes, name: "day.json", zone: Support.utc))
        #expect(first.calls == Array(expected.prefix(FileCallSource.pageSize)))
        #expect(source.summary.span == expected.last!.startTime!...expected.first!.startTime!)
        #expect(source.summary.problem == nil)
        // Anything else waits for the index.
        async let second = source.segment(.page(2), matching: Self.whole)
        async let settlement = source.settled()
        held.release()
        #expect(try await second.reportedTotal == 450)
        #expect(try await second.calls == Array(expected[200..<400]))
        #expect(await settlement == SourceSettlement(earlierAnswersStand: true))
        // Once indexed, the first page carries its total.
        #expect(try await source.segment(.page(1), matching: Self.whole).reportedTotal == 450)
    }

    /// A filter other than the whole file's range is answered from the index, with its total.
    @Test func aFilteredFirstPageWaitsForTheIndex() async throws {
        let held = HeldIndex()
        let source = try open(Support.voxoDay(450), held: held)
        var failed = Self.whole
        failed.status = .failed
        async let page = source.segment(.page(1), matching: failed)
        held.release()
        let answer = try await page
        #expect(answer.reportedTotal != nil && answer.reportedTotal == answer.calls.count)
        #expect(answer.calls.allSatisfy { $0.status == .failed })
    }

    /// Two calls out of order in the middle: the first page was right, but the rest is sorted,
    /// so what was shown must be read again.
    @Test func aFileOutOfOrderInTheMiddleIsReadAgain() async throws {
        var calls = Support.synthetic(450)
        calls.swapAt(300, 301)
        let held = HeldIndex()
        let source = try open(MockPayloads.voxoArray(calls, zone: Support.utc), held: held)
        #expect(source.openedHeadFirst)
        held.release()
        let settlement = await source.settled()
        #expect(!settlement.earlierAnswersStand)
        #expect(settlement.notice == "day.json is not in time order throughout: its calls are shown sorted now")
    }

    /// A call days older than the last in the middle: the range the ends gave leaves it out,
    /// and the notice says so; one minutes older is inside the range's whole days, and is not named.
    @Test func aCallOlderThanTheLastIsNamedInTheNotice() async throws {
        var calls = Support.synthetic(450)
        // Three days before the last call: outside the whole days the range was given.
        calls[300].start = calls[449].start - 3 * 86_400
        let held = HeldIndex()
        let source = try open(MockPayloads.voxoArray(calls, zone: Support.utc), held: held)
        held.release()
        let settlement = await source.settled()
        #expect(!settlement.earlierAnswersStand)
        #expect(settlement.notice?.contains("its calls run from 2026-03-21 to 2026-03-25, beyond the days its first and last calls gave") == true, "\(settlement.notice ?? "")")
        var minutes = Support.synthetic(450)
        minutes[300].start = minutes[449].start - 60
        let held2 = HeldIndex()
        let near = try open(MockPayloads.voxoArray(minutes, zone: Support.utc), held: held2)
        held2.release()
        #expect(await near.settled().notice == "day.json is not in time order throughout: its calls are shown sorted now")
    }

    /// A record damaged in the middle: the first page stands, and where reading stopped is said.
    @Test func aDamagedRecordInTheMiddleIsReportedWhenIndexed() async throws {
        var bytes = Support.voxoDay(450)
        let key = Array(#""disposition":"#.utf8)
        var found = 0, at = 0
        for index in 0..<(bytes.count - key.count) where bytes[index..<(index + key.count)].elementsEqual(key) {
            found += 1
            if found == 300 { at = index; break }
        }
        bytes[at + key.count - 1] = UInt8(ascii: ";")
        let held = HeldIndex()
        let source = try open(bytes, held: held)
        #expect(source.openedHeadFirst)
        held.release()
        let settlement = await source.settled()
        #expect(settlement.earlierAnswersStand)
        #expect(settlement.problem?.hasPrefix("day.json: record 300, at byte") == true, "\(settlement.problem ?? "")")
        #expect(try await source.segment(.page(1), matching: Self.whole).reportedTotal == 299)
    }

    /// What is not shown head first: too few calls for a page, oldest first, CSV, cut short, and
    /// (from the command line) anything below the size that takes a moment to index.
    @Test func filesThatAreIndexedFirst() throws {
        let held = HeldIndex()
        let day = Support.voxoDay(450)
        let calls = Support.calls(of: try SavedFile.read(day, name: "day.json", zone: Support.utc))
        #expect(try !open(Support.voxoDay(150), held: held).openedHeadFirst)
        #expect(try !open(MockPayloads.voxoArray(Support.synthetic(450).reversed(), zone: Support.utc), held: held).openedHeadFirst)
        #expect(try !open(Support.exported(calls, as: .csv), "day.csv", held: held).openedHeadFirst)
        #expect(try !open(Array(day.dropLast(40)), held: held).openedHeadFirst)
        #expect(try open(Support.exported(calls, as: .ndjson), "day.ndjson", held: held).openedHeadFirst)
        #expect(try open(Support.exported(calls, as: .json), "export.json", held: held).openedHeadFirst)
        #expect(try !FileCallSource.read(day, name: "day.json", zone: Support.utc).openedHeadFirst, "below 4 MB")
        held.release()
    }

    /// The last record is found from the end, past one trailing comma, and text in a string that
    /// looks like a record's start is not taken for one.
    @Test func theLastRecordIsFoundFromTheEnd() throws {
        let decoder = SavedRecordDecoder.voxo(.init(zone: Support.utc, account: nil))
        let last = #"{"id":"b","time":"03/25/26 11:00:00","callerIdName":",{}"}"#
        for (text, layout) in [("[{\"id\":\"a\",\"time\":\"03/25/26 12:00:00\"},\n \(last)\n]\n", RecordLayout.jsonArray),
                               ("[{\"id\":\"a\",\"time\":\"03/25/26 12:00:00\"},\(last),]", .jsonArray)] {
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { RecordScan.lastRecord(in: $0, from: 0, layout: layout, decoder: decoder) }
            #expect(found?.offset == Self.byteOffset(of: last, in: text), "\(text)")
            #expect(found?.start == Date(timeIntervalSince1970: 1_774_436_400))
        }
        let lastLine = #"{"id":"b","startTime":"2026-03-25T11:00:00Z","from":"\n{}"}"#
        let ndjson = "{\"id\":\"a\",\"startTime\":\"2026-03-25T12:00:00Z\"}\n\(lastLine)\n"
        let lines = Array(ndjson.utf8).withUnsafeBufferPointer { RecordScan.lastRecord(in: $0, from: 0, layout: .lines, decoder: .exportedJSON(ExportedCallReader())) }
        #expect(lines?.offset == Self.byteOffset(of: lastLine, in: ndjson))
        #expect(lines?.start == Date(timeIntervalSince1970: 1_774_436_400))
        // CRLF line ends and spaces before the record on its line.
        let crlf = "{\"id\":\"a\",\"startTime\":\"2026-03-25T12:00:00Z\"}\r\n  \(lastLine)\r\n"
        let found = Array(crlf.utf8).withUnsafeBufferPointer { RecordScan.lastRecord(in: $0, from: 0, layout: .lines, decoder: .exportedJSON(ExportedCallReader())) }
        #expect(found?.offset == Self.byteOffset(of: lastLine, in: crlf))
        // Beyond the reach searched back, nothing is guessed.
        let long = "[\(#"{"id":"a","time":"03/25/26 12:00:00","callerIdName":""#)\(String(repeating: "x", count: 70_000))\"}]"
        #expect(Array(long.utf8).withUnsafeBufferPointer { RecordScan.lastRecord(in: $0, from: 0, layout: .jsonArray, decoder: decoder) } == nil)
        for unclosed in [#"[{"id":"a","time":"03/25/26 12:00:00"},,]"#, #"[{"id":"a","time":"03/25/26 12:00:00"}"#, #"[{"id":"a","time":"03/25/26 12:00:00""#, "[]"] {
            let bytes = Array(unclosed.utf8)
            #expect(bytes.withUnsafeBufferPointer { RecordScan.lastRecord(in: $0, from: 0, layout: .jsonArray, decoder: decoder) } == nil, "\(unclosed)")
        }
    }

    static func byteOffset(of part: String, in text: String) -> Int? {
        text.range(of: part).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
    }
}
