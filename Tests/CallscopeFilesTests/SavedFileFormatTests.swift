import CallscopeDialects
import CallscopeDomain
import CallscopeMockServer
import CallscopeOutput
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeFiles

/// Each format is told from its content and read; anything else says what it looks like.
@Suite("saved files: formats")
struct SavedFileFormatTests {
    typealias Support = FileTestSupport

    @Test func voxoSampleWithItsTrailingCommaIsRead() throws {
        let directory = try TemporaryDirectory()
        let file = try Support.open(try Support.providerFixture("voxo-call-reports.json"), "voxo.json", zone: Support.newYork, in: directory)
        #expect(file.format == .voxoArray)
        #expect(file.provider == .voxo)
        #expect(file.problem == nil)
        let calls = Support.calls(of: file)
        #expect(calls.count == file.count)
        #expect(calls.first?.id == "2d275d62-706c-42d2-a4d4-e4ef53d83974")
        // The sample's `time` is read in the zone it was requested in.
        let expected = Support.newYork.instant(from: LocalDateTime(year: 2022, month: 10, day: 10, hour: 23, minute: 7, second: 20))
        #expect(calls.first?.startTime == expected)
    }

    @Test func vobizSamplesAreRead() throws {
        let directory = try TemporaryDirectory()
        let page = try Support.open(try Support.providerFixture("vobiz-list.json"), "list.json", in: directory)
        #expect(page.format == .vobizPage)
        #expect(page.provider == .vobiz)
        #expect(page.count > 0)
        let detail = try Support.open(try Support.providerFixture("vobiz-detail.json"), "one.json", in: directory)
        #expect(detail.format == .vobizRecord)
        #expect(Support.calls(of: detail).map(\.id) == ["abc123-def456-ghi789"])
        // A page's rows saved alone, as an array.
        let rows = MockPayloads.vobizList(Support.synthetic(30), total: 30, page: 1, perPage: 30)
        let data = try #require(try JSONParser.parse(rows).objectValue?["data"])
        let array = try Support.open(Array(JSONWriter.string(data).utf8), "rows.json", in: directory)
        #expect(array.format == .vobizArray)
        #expect(array.count == 30)
    }

    @Test func exportsOfEveryFormatAreRead() throws {
        let directory = try TemporaryDirectory()
        let voxo = try Support.open(Support.voxoDay(120), "day.json", in: directory)
        let calls = Support.calls(of: voxo)
        for (written, format) in [(CallStreamEncoder.Format.json, SavedFileFormat.exportJSON), (.ndjson, .exportNDJSON), (.csv, .exportCSV)] {
            let bytes = Support.exported(calls, as: written)
            let file = try Support.open(bytes, "export", in: directory)
            #expect(file.format == format)
            #expect(file.count == 120, "\(format)")
            #expect(file.problem == nil, "\(format): \(file.problem ?? "")")
            #expect(Support.calls(of: file).map(\.id) == calls.map(\.id), "\(format)")
            // The same, compressed.
            let compressed = try Support.open(try Support.gzip(bytes, in: directory), "export.gz", in: directory)
            #expect(compressed.compressed)
            #expect(compressed.format == format)
            #expect(Support.calls(of: compressed).map(\.id) == calls.map(\.id), "\(format) gzip")
        }
    }

    @Test(arguments: [
        ("", "an empty file"),
        ("  \n\r\n ", "an empty file (only spaces"),
        ("<!DOCTYPE html><html><body>Sign in</body></html>", "HTML or XML"),
        (#"{"error":"unauthorized","message":"token expired"}"#, "a JSON object with the keys 'error', 'message'"),
        ("[1, 2, 3]", "a JSON array of something other than objects"),
        (#"[{"a": 1}]"#, "a JSON array of objects with the keys 'a'"),
        ("name,number\r\nAda,5550100\r\n", "CSV whose header is 'name,number'"),
        ("hello\u{1B}[2J world", "text beginning 'hello\\e[2J world'"),
        (#"{"id":"x","uniqueId":"y","time":"01/01/26 00:00:00"}"#, "a single VOXO record"),
    ])
    func otherContentSaysWhatItLooksLike(content: String, looksLike: String) throws {
        let directory = try TemporaryDirectory()
        let path = try Support.write(Array(content.utf8), "thing.txt", in: directory)
        let error = #expect(throws: SavedFileError.self) { try SavedFile.open(path: path, zone: Support.utc) }
        #expect(error?.kind == .unrecognized)
        #expect(error?.description.contains("thing.txt is not a file of calls callscope reads: it looks like \(looksLike)") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("callscope reads a VOXO call-reports array") == true)
        #expect(error?.description.unicodeScalars.contains { $0.value == 0x1B } == false)
    }

    @Test func binaryDataIsNotQuoted() throws {
        let directory = try TemporaryDirectory()
        var bytes = [UInt8](repeating: 0, count: 600)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 7919) }
        let path = try Support.write(bytes, "blob.bin", in: directory)
        let error = #expect(throws: SavedFileError.self) { try SavedFile.open(path: path, zone: Support.utc) }
        #expect(error?.description.contains("it looks like binary data, not text") == true)
    }

    @Test func missingFileAndDirectoryCannotBeOpened() throws {
        let directory = try TemporaryDirectory()
        let missing = #expect(throws: SavedFileError.self) { try SavedFile.open(path: directory.path + "/nothing.json", zone: Support.utc) }
        #expect(missing?.kind == .cannotOpen)
        #expect(missing?.description.contains("no such file") == true)
        let folder = #expect(throws: SavedFileError.self) { try SavedFile.open(path: directory.path, zone: Support.utc) }
        #expect(folder?.description.contains("is not a regular file") == true)
    }

    /// A 2 GB file that is not JSON: told from its first bytes, without reading it (the file is
    /// sparse, so nothing is on disk; memory must not grow by its size).
    @Test func largeSparseFileIsRefusedWithoutReadingIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("huge.bin").path
        let descriptor = Foundation.open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(descriptor >= 0)
        #expect(ftruncate(descriptor, 2 << 30) == 0)
        close(descriptor)
        let before = residentKilobytes()
        let error = #expect(throws: SavedFileError.self) { try SavedFile.open(path: path, zone: Support.utc) }
        #expect(error?.description.contains("binary data") == true)
        #expect(residentKilobytes() - before < 64 * 1024, "memory grew by more than 64 MB")
    }

    private func residentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
