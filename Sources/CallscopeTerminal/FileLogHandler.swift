import CallscopeDomain
import Foundation
import Logging
import Synchronization

/// Logs to a file, never to the screen: under `$XDG_STATE_HOME/callscope/` (default
/// `~/.local/state/callscope/`), readable by the owner alone.
public struct FileLogHandler: LogHandler {
    final class Sink: Sendable {
        let handle: Mutex<FileHandle>
        init(_ handle: FileHandle) { self.handle = Mutex(handle) }
        func write(_ line: String) { handle.withLock { $0.write(Data(line.utf8)) } }
    }

    let sink: Sink
    let label: String
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The log file's path for this environment.
    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state")
        return base + "/callscope/callscope.log"
    }

    /// A handler factory writing to `path`; nil if the file cannot be opened.
    public static func factory(path: String, level: Logger.Level = .info) -> (@Sendable (String) -> any LogHandler)? {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        let sink = Sink(handle)
        return { label in
            var handler = FileLogHandler(sink: sink, label: label)
            handler.logLevel = level
            return handler
        }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let merged = metadata.merging(extra ?? [:]) { $1 }
        let fields = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // Our own writer, not `ISO8601DateFormatter`: making one loads ICU's calendar data, about
        // 15 ms, and the first line is written while the first page is being fetched.
        // Through the redactor: a retry's reason quotes what the provider answered.
        sink.write(SecretRedactor.shared.redact("\(ISO8601.format(Date())) \(level) \(label): \(message)\(fields)") + "\n")
    }
}
