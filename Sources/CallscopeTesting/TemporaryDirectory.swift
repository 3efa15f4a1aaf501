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
    /// The file is opened close-on-exec: tests start processes on other threads, and a child
    /// that inherited a script's open writable descriptor makes running the script fail with
    /// "text file busy" (ETXTBSY) until it execs.
    @discardableResult
    public func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path]) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path]) }
            written += count
        }
        guard fchmod(descriptor, mode_t(mode)) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path]) }
        return file.path
    }

    /// A `/bin/sh` script named `name` running `body`; returns its path.
    public func script(_ name: String, _ body: String) throws -> String {
        try write(name, "#!/bin/sh\n" + body + "\n", mode: 0o755)
    }
}
