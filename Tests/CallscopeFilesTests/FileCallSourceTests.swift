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
        return (FileCallSource(file: file), Support.calls(of: file))
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
        let span = try #require(source.file.span)
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
