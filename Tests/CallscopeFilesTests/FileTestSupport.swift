import CallscopeDomain
import CallscopeOutput
import CallscopeMockServer
import CallscopeTesting
import Foundation
@testable import CallscopeFiles

/// What the saved-file tests share: the providers' documented samples (the fixtures of the
/// provider tests), generated answers, and files written to a temporary directory.
enum FileTestSupport {
    static let utc = ZoneClock(identifier: "UTC") ?? ZoneClock(TimeZone.current)
    static let newYork = ZoneClock(identifier: "America/New_York") ?? ZoneClock(TimeZone.current)

    /// A sample from the provider tests' fixtures (the seeds' own examples, trailing comma and all).
    static func providerFixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CallscopeProvidersTests/Fixtures/\(name)")
        return Array(try Data(contentsOf: url))
    }

    /// `count` generated calls, newest first.
    static func synthetic(_ count: Int, seed: UInt64 = 5) -> [SyntheticCall] {
        let history = SyntheticHistory(.init(seed: seed, count: count, anchor: 1_774_440_000, span: 86_400))
        return (0..<count).map(history.call(at:))
    }

    /// A VOXO answer of `count` generated calls, as VOXO sends it (newest first).
    static func voxoDay(_ count: Int, zone: ZoneClock = utc) -> [UInt8] {
        MockPayloads.voxoArray(synthetic(count), zone: zone)
    }

    static func write(_ bytes: [UInt8], _ name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `bytes` gzip-compressed by the system's gzip (what a user's files are made with).
    static func gzip(_ bytes: [UInt8], in directory: TemporaryDirectory) throws -> [UInt8] {
        let plain = try write(bytes, "plain-\(UUID().uuidString)", in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", plain]
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
    }

    static func open(_ bytes: [UInt8], _ name: String = "calls.json", zone: ZoneClock = utc, in directory: TemporaryDirectory) throws -> SavedFile {
        try SavedFile.open(path: try write(bytes, name, in: directory), zone: zone)
    }

    /// `calls` as `list --output` writes them.
    static func exported(_ calls: [Call], as format: CallStreamEncoder.Format) -> [UInt8] {
        CallStreamEncoder.encode(calls, as: format, zone: utc)
    }

    /// Every call of the file, newest first.
    static func calls(of file: SavedFile) -> [Call] {
        (0..<file.count).compactMap(file.call(at:))
    }
}
