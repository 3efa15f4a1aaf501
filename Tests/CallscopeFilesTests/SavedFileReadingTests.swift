import CallscopeDialects
import CallscopeDomain
import CallscopeOutput
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeFiles

/// Records are indexed without being decoded, decoded as the stream decoder decodes them, and a
/// file cut short keeps what came before the cut and says where it stopped.
@Suite("saved files: reading")
struct SavedFileReadingTests {
    typealias Support = FileTestSupport

    /// The calls VOXO's own stream decoder makes of the same bytes.
    func streamDecoded(_ bytes: [UInt8], zone: ZoneClock) throws -> [Call] {
        let decoder = VoxoStreamDecoder(mapper: VoxoRecordMapper(zone: zone, account: nil))
        _ = bytes.withUnsafeBytes { decoder.consume($0) }
        return try decoder.finish().get()
    }

    @Test func indexedCallsAreTheStreamDecodersCalls() throws {
        let directory = try TemporaryDirectory()
        let bytes = Support.voxoDay(500, zone: Support.newYork)
        let file = try Support.open(bytes, zone: Support.newYork, in: directory)
        #expect(file.count == 500)
        let expected = try streamDecoded(bytes, zone: Support.newYork)
        let calls = Support.calls(of: file)
        #expect(calls == expected)
        // The index's start times are the calls' (read alone, by the same code).
        for position in 0..<file.count { #expect(file.start(at: position) == calls[position].startTime) }
        #expect(file.span == calls.last!.startTime!...calls.first!.startTime!)
    }

    /// Cut after every byte of a small answer: the records before the cut are read, in order,
    /// and the problem names the record and byte where it stopped.
    @Test func fileCutAnywhereKeepsTheRecordsBeforeTheCut() throws {
        let directory = try TemporaryDirectory()
        let bytes = Support.voxoDay(4)
        let whole = try streamDecoded(bytes, zone: Support.utc)
        // Where each record ends, from the splitter.
        var ends: [Int] = []
        var splitter = JSONArraySplitter()
        for index in bytes.indices {
            try bytes[index...index].withUnsafeBytes { piece in
                try splitter.feed(piece) { (_: [UInt8]) throws(JSONParseError) in ends.append(index + 1) }
            }
        }
        #expect(ends.count == 4)
        for cut in 1..<bytes.count {
            // Cut before the first record shows whose it is, the file is no format (and says so).
            guard let file = try? Support.open(Array(bytes[..<cut]), "cut.json", in: directory) else {
                #expect(cut < ends[0], "cut at \(cut)")
                continue
            }
            let complete = ends.filter { $0 <= cut }.count
            #expect(file.count == complete, "cut at \(cut)")
            #expect(Support.calls(of: file).map(\.id) == whole.prefix(complete).map(\.id), "cut at \(cut)")
            let problem = try #require(file.problem, "cut at \(cut)")
            #expect(problem.hasPrefix("cut.json: "))
            #expect(problem.contains("record \(complete + 1), at byte") || problem.contains("ends after record \(complete)"), "\(problem)")
        }
    }

    /// An array closed early, with more after its `]` (the fuzzer's find: an answer pasted into
    /// another), keeps the records inside it and names where the rest begins; whitespace after
    /// the array is no problem.
    @Test func textAfterTheArrayIsAProblemNamedWithItsByte() throws {
        let directory = try TemporaryDirectory()
        let bytes = Support.voxoDay(3)
        let padded = try Support.open(bytes + Array(" \n\t\n".utf8), "padded.json", in: directory)
        #expect(padded.problem == nil)
        #expect(padded.count == 3)
        let pasted = bytes + Array(",\n \"meta\": {\"total\": 1}".utf8) + Array(bytes.dropFirst())
        let file = try Support.open(pasted, "pasted.json", in: directory)
        #expect(file.count == 3)
        #expect(file.problem == "pasted.json: the array closes after record 3, but more follows at byte \(bytes.count)")
    }

    @Test func truncatedAndDamagedGzipKeepWhatWasInflated() throws {
        let directory = try TemporaryDirectory()
        let bytes = Support.voxoDay(2_000)
        let compressed = try Support.gzip(bytes, in: directory)
        let cut = try Support.open(Array(compressed.prefix(compressed.count / 2)), "cut.json.gz", in: directory)
        #expect(cut.compressed)
        #expect(cut.count > 100 && cut.count < 2_000)
        #expect(cut.problem?.contains("the compressed data ends early") == true)
        var damaged = compressed
        for index in stride(from: damaged.count / 2, to: damaged.count / 2 + 64, by: 1) { damaged[index] ^= 0x5A }
        let broken = try Support.open(damaged, "broken.json.gz", in: directory)
        #expect(broken.count < 2_000)
        #expect(broken.problem?.contains("compressed data") == true)
        // Two members one after the other read as one file, as gunzip reads them.
        let twice = try Support.open(compressed + (try Support.gzip(Array(" ".utf8), in: directory)), "two.json.gz", in: directory)
        #expect(twice.count == 2_000)
        #expect(twice.problem == nil)
    }

    /// A file oldest first is shown newest first; one in no order is sorted, calls without a start last.
    @Test func callsAreShownNewestFirstWhateverTheFileOrder() throws {
        let directory = try TemporaryDirectory()
        let records = try #require(try JSONParser.parse(Support.voxoDay(50)).arrayValue)
        let reversed = try Support.open(Array(JSONWriter.string(.array(records.reversed())).utf8), "old-first.json", in: directory)
        let shuffled = records.enumerated().sorted { ($0.offset * 7919) % 50 < ($1.offset * 7919) % 50 }.map(\.element)
        let scrambled = try Support.open(Array(JSONWriter.string(.array(shuffled)).utf8), "scrambled.json", in: directory)
        let inOrder = try Support.open(Array(JSONWriter.string(.array(records)).utf8), "in-order.json", in: directory)
        let expected = Support.calls(of: inOrder).map(\.id)
        #expect(Support.calls(of: reversed).map(\.id) == expected)
        #expect(Support.calls(of: scrambled).map(\.id) == expected)
        #expect(RecordIndex.newestFirstOrder([3, 2, 2, 1]) == nil)
        #expect(RecordIndex.newestFirstOrder([1, 2, 3]) == [2, 1, 0])
        #expect(RecordIndex.newestFirstOrder([2, .nan, 3, 1]) == [2, 0, 3, 1])
    }
}

/// A large file is indexed in two halves at once; the result is the one reading's, whatever
/// the halves' seam falls on.
@Suite("saved files: indexing in two halves")
struct TwoHalvesIndexTests {
    typealias Support = FileTestSupport

    func index(_ bytes: [UInt8], layout: RecordLayout, decoder: SavedRecordDecoder, parallelAbove: Int) -> RecordIndex {
        bytes.withUnsafeBufferPointer { buffer in
            var start = SavedFileFormat.firstSignificantByte(buffer)
            if case .exportedCSV = decoder {
                while start < buffer.count, buffer[start] != 0x0A { start += 1 }
                start += 1
            }
            return RecordIndex.build(buffer, from: start, layout: layout, decoder: decoder, parallelAbove: parallelAbove)
        }
    }

    func expectSame(_ bytes: [UInt8], layout: RecordLayout, decoder: SavedRecordDecoder, _ comment: Comment) {
        let one = index(bytes, layout: layout, decoder: decoder, parallelAbove: .max)
        let two = index(bytes, layout: layout, decoder: decoder, parallelAbove: 0)
        #expect(two.offsets == one.offsets, comment)
        #expect(two.starts.elementsEqual(one.starts) { $0 == $1 || $0.isNaN && $1.isNaN }, comment)
        #expect(two.problem == one.problem, comment)
    }

    @Test func everyLayoutReadsTheSameInTwoHalves() throws {
        let directory = try TemporaryDirectory()
        let voxo = Support.voxoDay(1_000)
        expectSame(voxo, layout: .jsonArray, decoder: .voxo(VoxoRecordMapper(zone: Support.utc, account: nil)), "VOXO array")
        let file = try Support.open(voxo, in: directory)
        expectSame(Support.exported(Support.calls(of: file), as: .ndjson), layout: .lines, decoder: .exportedJSON(ExportedCallReader()), "NDJSON")
        expectSame(Support.exported(Support.calls(of: file), as: .csv), layout: .lines, decoder: .exportedCSV(ExportedCSVReader()), "CSV")
        // Cut short: the problem names the record counted from the file's start.
        expectSame(Array(voxo.prefix(voxo.count * 3 / 4)), layout: .jsonArray, decoder: .voxo(VoxoRecordMapper(zone: Support.utc, account: nil)), "cut")
    }

    /// The seam is put inside a caller name that holds what reads as records (`{}`): the second
    /// half's reading is thrown away and the first half reads on.
    @Test func aSeamInsideAStringIsNotTrusted() throws {
        // Inside a string a quote is escaped, but `{}` reads as a record of its own.
        let fake = ",{},{} ,{}"
        var records: [String] = []
        for number in 0..<40 {
            let name = number == 20 ? String(repeating: fake, count: 400) : "caller \(number)"
            records.append(#"{"id":"call-\#(number)","time":"03/25/26 12:\#(String(format: "%02d", 59 - number)):00","callerIdName":"\#(name)","uniqueId":"u-\#(number)"}"#)
        }
        let bytes = Array(("[" + records.joined(separator: ",") + "]").utf8)
        let middle = bytes.count / 2
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.utf8.count == bytes.count)
        // The seam really falls in the name.
        let seam = try #require(bytes.withUnsafeBufferPointer { RecordScan.recordStart(in: $0, after: middle, layout: .jsonArray) })
        let nameRange = try #require(text.range(of: String(repeating: fake, count: 400)))
        let nameStart = text.utf8.distance(from: text.startIndex, to: nameRange.lowerBound)
        #expect(seam > nameStart && seam < nameStart + fake.utf8.count * 400)
        let two = index(bytes, layout: .jsonArray, decoder: .voxo(VoxoRecordMapper(zone: Support.utc, account: nil)), parallelAbove: 0)
        #expect(two.count == 40)
        #expect(two.problem == nil)
        expectSame(bytes, layout: .jsonArray, decoder: .voxo(VoxoRecordMapper(zone: Support.utc, account: nil)), "hostile seam")
    }
}
