import CallscopeTerminal
import Foundation
import Logging
import Testing

/// The log file: one line per message, stamped with the UTC time, fields sorted.
struct FileLogHandlerTests {
    @Test func linesAreStampedWithTheTimeInUTCAndKeepTheirFields() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("callscope/callscope.log").path
        let factory = try #require(FileLogHandler.factory(path: path))
        let logger = Logger(label: "callscope", factory: factory)
        let before = Date()
        logger.info("browsing", metadata: ["scope": "all", "profile": "acme"])
        logger.warning("second")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        let stamp = String(first.prefix { $0 != " " })
        #expect(first.dropFirst(stamp.count) == " info callscope: browsing profile=acme scope=all")
        #expect(lines.last?.hasSuffix(" warning callscope: second") == true)
        let reader = ISO8601DateFormatter()
        reader.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let written = try #require(reader.date(from: stamp), "\(stamp) is an ISO 8601 time")
        #expect(abs(written.timeIntervalSince(before)) < 60)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
