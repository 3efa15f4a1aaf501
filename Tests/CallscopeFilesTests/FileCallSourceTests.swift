import CallscopeDialects
import CallscopeDomain
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeFiles

/// The file as a provider: pages with an exact total, filters applied here, calls found by id.
@Suite("saved files: as a call source")
struct FileCallSourceTests {
    typealias Support = FileTestSupport

    func source(_ count: Int, in directory: TemporaryDirectory) throws -> (FileCallSource, [Call]) {
        let file = try Support.open(Support.voxoDay(count), in: directory)
        return (FileCallSource(file: file, zone: Support.utc), Support.calls(of: file))
    }

    @Test func wholeFileIsPagedWithItsTotal() async throws {
        let directory = try TemporaryDirectory()
        let (source, calls) = try source(450, in: directory)
        let whole = CallFilter(since: .distantPast, until: .distantFuture)
        var read: [Call] = []
        for try await batch in source.calls(matching: whole) {
            #expect(batch.reportedTotal == 450)
            read += batch.calls
        }
        #expect(read.map(\.id) == calls.map(\.id))
        let past = try await source.segment(.page(4), matching: whole)
        #expect(past.calls.isEmpty)
        #expect(past.reportedTotal == 450)
    }

    @Test func filtersAgreeWithTheMatcher() async throws {
        let directory = try TemporaryDirectory()
        let (source, calls) = try source(600, in: directory)
        let span = try #require(source.summary.span)
        // A time range alone (read from the index), then a status within it (each record decoded).
        var range = CallFilter(since: span.lowerBound.addingTimeInterval(3_600), until: span.upperBound.addingTimeInterval(-3_600))
        var failed = range
        failed.status = .failed
        var searched = CallFilter(since: .distantPast, until: .distantFuture)
        searched.search = calls[17].from
        for filter in [range, failed, searched] {
            var read: [Call] = []
            for try await batch in source.calls(matching: filter) { read += batch.calls }
            let expected = calls.filter(CallMatcher(filter).matches)
            #expect(!expected.isEmpty && expected.count < calls.count)
            #expect(read.map(\.id) == expected.map(\.id))
        }
        range.until = range.since
        let empty = try await source.segment(.page(1), matching: range)
        #expect(empty.calls.isEmpty && empty.reportedTotal == 0)
    }

    @Test func callsAreFoundByIdOrUniqueId() async throws {
        let directory = try TemporaryDirectory()
        let (source, calls) = try source(300, in: directory)
        let whole = CallFilter(since: .distantPast, until: .distantFuture)
        let wanted = calls[123]
        #expect(try await source.call(id: wanted.id, within: whole).id == wanted.id)
        let unique = try #require(wanted.alternateId)
        #expect(try await source.call(id: unique, within: whole).id == wanted.id)
        let error = await #expect(throws: ProviderError.self) { try await source.call(id: "no-such-call", within: whole) }
        #expect(error?.kind == .notFound)
        #expect(error?.description.contains("calls.json holds no call 'no-such-call'") == true)
    }
}

@Suite("saved files: review findings")
struct SavedFileEdgeTests {
    typealias Support = FileTestSupport

    /// A record without an id gets one made from its content, which is not in the file's bytes:
    /// it is still found, by reading every record.
    @Test func aCallWithAMadeUpIdIsFound() async throws {
        let directory = try TemporaryDirectory()
        let bytes = Array(#"[{"time":"03/25/26 12:00:00","callerIdNumber":"5550100","disposition":"ANSWERED"},{"id":"x","time":"03/25/26 11:00:00"}]"#.utf8)
        let source = FileCallSource(file: try Support.open(bytes, in: directory), zone: Support.utc)
        let made = try #require(Support.calls(of: await source.indexedFile()).first?.id)
        #expect(made != "x")
        let found = try await source.call(id: made, within: CallFilter(since: .distantPast, until: .distantFuture))
        #expect(found.id == made)
    }

    /// A compressed file is told from its first inflated bytes: one of something else is
    /// refused without inflating the rest, and one damaged at once says so.
    @Test func compressedFilesAreToldFromTheirFirstBytes() throws {
        let directory = try TemporaryDirectory()
        let page = Array(("<html>" + String(repeating: "<p>sign in</p>", count: 200_000) + "</html>").utf8)
        let html = try Support.gzip(page, in: directory)
        let refused = #expect(throws: SavedFileError.self) { try Support.open(html, "page.html.gz", in: directory) }
        #expect(refused?.description.contains("it looks like HTML") == true)
        var damaged = try Support.gzip(Support.voxoDay(50), in: directory)
        for index in 12..<min(damaged.count, 60) { damaged[index] ^= 0xA5 }
        let error = #expect(throws: SavedFileError.self) { try Support.open(damaged, "day.json.gz", in: directory) }
        #expect(error?.kind == .damaged, "\(error?.description ?? "")")
        #expect(error?.description.contains("compressed data") == true)
    }

    @Test func aReplacedExportKeepsItsPermissionsAndANewOneNeverOverwrites() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("calls.csv", "old\n", mode: 0o600)
        let replacing = try ExportFile(path: path, format: .csv, compressed: false, replacing: true)
        try replacing.write(Array("new\n".utf8))
        try replacing.commit()
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        // Not replacing: a file that appears before the export is in place is kept.
        let other = directory.url.appendingPathComponent("other.csv").path
        let fresh = try ExportFile(path: other, format: .csv, compressed: false, replacing: false)
        try fresh.write(Array("mine\n".utf8))
        try "theirs\n".write(toFile: other, atomically: false, encoding: .utf8)
        #expect(throws: ExportError.self) { try fresh.commit() }
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "theirs\n")
        // Stopped while it was being synced: nothing is put in place, no temporary file stays.
        let stopped = try ExportFile(path: directory.url.appendingPathComponent("stopped.csv").path, format: .csv, compressed: false, replacing: false)
        try stopped.write(Array("x\n".utf8))
        #expect(throws: ExportError.self) { try stopped.commit(stillWanted: { false }) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["calls.csv", "other.csv"])
    }
}

@Suite("saved files: second review")
struct SavedFileSecondReviewTests {
    @Test func theSpreadsheetGuardComesOffOnlyWhereTheWriterPutIt() {
        #expect(ExportedCSVReader.unguarded("'=SUM(A1)") == "=SUM(A1)")
        #expect(ExportedCSVReader.unguarded("'+evil") == "+evil")
        // A number keeps no guard when written, so a quote before one was part of the value.
        #expect(ExportedCSVReader.unguarded("'+44 20 7946 0123") == "+44 20 7946 0123")
        #expect(ExportedCSVReader.unguarded("'plain") == "'plain")
    }

    /// Signals the process was started ignoring (nohup) stay ignored, and the others come back
    /// as they were.
    @Test func signalCleanupLeavesIgnoredSignalsIgnored() {
        func handler(_ number: Int32) -> Int {
            var action = sigaction()
            sigaction(number, nil, &action)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        }
        let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
        var savedHangUp = sigaction(), savedTerminate = sigaction()
        sigaction(SIGHUP, nil, &savedHangUp)
        sigaction(SIGTERM, nil, &savedTerminate)
        defer {
            sigaction(SIGHUP, &savedHangUp, nil)
            sigaction(SIGTERM, &savedTerminate, nil)
        }
        signal(SIGHUP, SIG_IGN)
        signal(SIGTERM, SIG_DFL)
        let cleanup = ExportFile.removeUnfinishedOnSignals()
        #expect(handler(SIGHUP) == ignored)
        cleanup.end()
        #expect(handler(SIGHUP) == ignored)
        #expect(handler(SIGTERM) == unsafeBitCast(SIG_DFL, to: Int.self))
    }
}
