import CallscopeDomain
import Foundation
import Glibc
import Synchronization

/// Where command output goes: the real stdout/stderr, or a buffer in tests.
public protocol OutputSink: Sendable {
    func write(_ text: String)
    /// UTF-8 bytes, as formatters write them (no `String` in between).
    func write(bytes: [UInt8])
    func writeError(_ text: String)
}

extension OutputSink {
    public func write(bytes: [UInt8]) { write(String(decoding: bytes, as: UTF8.self)) }
}

public struct StandardOutput: OutputSink {
    public init() {}

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { Self.writeAll($0) }
    }

    public func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { Self.writeAll($0) }
    }

    /// Straight to descriptor 1, all of it (a pipe takes a piece at a time); a reader that
    /// went away (`| head`) ends the writing quietly.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(1, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            left -= written
            next += written
        }
    }

    public func writeError(_ text: String) {
        // Every message on stderr passes the redactor (docs/ARCHITECTURE.md, "Secrets").
        FileHandle.standardError.write(Data(SecretRedactor.shared.redact(text).utf8))
    }
}

/// Collects output in memory, for tests.
public final class CapturedOutput: OutputSink {
    private let buffers = Mutex<(out: String, err: String)>(("", ""))

    public init() {}

    public func write(_ text: String) { buffers.withLock { $0.out += text } }
    /// Redacted as the real stderr is, so tests see what a user would.
    public func writeError(_ text: String) { buffers.withLock { $0.err += SecretRedactor.shared.redact(text) } }

    public var standardOutput: String { buffers.withLock { $0.out } }
    public var standardError: String { buffers.withLock { $0.err } }
}
