import Foundation

/// A directory for one test's files (configs, scripts, state), removed when the test ends,
/// also when it fails. Its name carries the test process's id: a crashed run skips every
/// `deinit`, so the next run removes the directories of processes that are gone.
public final class TemporaryDirectory: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "callscope-test") throws {
        _ = Self.leftoversOfEndedRunsRemoved
        let name = "\(prefix)-p\(getpid())-\(UUID().uuidString)"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Runs once per process (a static `let` is initialized once, thread-safely).
    private static let leftoversOfEndedRunsRemoved: Void = {
        let folder = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard name.hasPrefix("callscope-"), let owner = ownerProcess(name), kill(owner, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }()

    /// The process id in `PREFIX-pPID-UUID`, if the name has that shape.
    public static func ownerProcess(_ name: String) -> pid_t? {
        let parts = name.split(separator: "-")
        // A UUID is five dash-separated groups; the group before it is `pPID`.
        guard parts.count >= 7, UUID(uuidString: parts.suffix(5).joined(separator: "-")) != nil else { return nil }
        let tag = parts[parts.count - 6]
        guard tag.first == "p" else { return nil }
        return pid_t(tag.dropFirst())
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` with `mode` (e.g. 0o755 for a script, 0o600 for a secret file).
    @discardableResult
    public func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file.path
    }

    /// A `/bin/sh` script named `name` running `body`; returns its path.
    public func script(_ name: String, _ body: String) throws -> String {
        try write(name, "#!/bin/sh\n" + body + "\n", mode: 0o755)
    }
}
