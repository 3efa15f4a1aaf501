import CallscopeDomain
import CallscopeOutput
import CZlib
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A file being exported, written atomically: into a temporary file beside the target, renamed
/// into place only when every call is in. A failed or cancelled export leaves nothing behind,
/// and an existing file is replaced only when the caller said so.
public final class ExportFile {
    public let path: String
    public let format: CallStreamEncoder.Format
    public let compressed: Bool
    private let replacing: Bool
    private let temporaryPath: String
    private var descriptor: Int32
    private var deflater: GzipDeflater?
    private var done = false

    /// Temporary files of exports not yet in place, removed if the process is stopped.
    private static let unfinished = Mutex<Set<String>>([])

    /// Removes the temporary files of unfinished exports: the browser calls it on the way out,
    /// and the signal handlers of `removeUnfinishedOnSignals` before the process ends.
    public static func removeUnfinished() {
        for path in unfinished.withLock({ $0 }) { unlink(path) }
    }

    /// Ctrl-C, SIGTERM or SIGHUP while a command writes an export: its temporary file is
    /// removed and the process ends (130 for Ctrl-C), until `end()` puts the signals back.
    public static func removeUnfinishedOnSignals() -> SignalCleanup { SignalCleanup() }

    /// The signal handlers of `removeUnfinishedOnSignals`. A signal the process was started
    /// ignoring (`nohup`, a background job's SIGINT) is left ignored.
    public final class SignalCleanup {
        private var sources: [any DispatchSourceSignal] = []
        private var previous: [(Int32, sigaction)] = []

        init() {
            for number in [SIGINT, SIGTERM, SIGHUP] {
                var current = sigaction()
                guard sigaction(number, nil, &current) == 0, !Self.isIgnored(current) else { continue }
                previous.append((number, current))
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    ExportFile.removeUnfinished()
                    exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }

        private static func isIgnored(_ action: sigaction) -> Bool {
            unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        }

        /// The signals act as they did before. Dispatch registers a signal source (installing
        /// a handler of its own) on its own thread some time after `resume`, so the old actions
        /// are put back only once every source's cancellation has run: after that registration.
        public func end() {
            let cancelled = DispatchGroup()
            for source in sources {
                cancelled.enter()
                source.setCancelHandler { cancelled.leave() }
                source.cancel()
            }
            cancelled.wait()
            for (number, action) in previous {
                var restored = action
                sigaction(number, &restored, nil)
            }
        }
    }

    /// The format a path's extension names: `.csv`, `.json`, `.ndjson` (or `.jsonl`), each
    /// optionally followed by `.gz`; nil for any other name.
    public static func format(of path: String) -> (format: CallStreamEncoder.Format, compressed: Bool)? {
        var name = (path as NSString).lastPathComponent.lowercased()
        let compressed = name.hasSuffix(".gz")
        if compressed { name.removeLast(3) }
        switch (name as NSString).pathExtension {
        case "csv": return (.csv, compressed)
        case "json": return (.json, compressed)
        case "ndjson", "jsonl": return (.ndjson, compressed)
        // For a ticket: the rows as text, as `list` prints them, or as a Markdown table.
        case "txt": return (.table, compressed)
        case "md": return (.markdown, compressed)
        default: return nil
        }
    }

    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Starts the export to `path` in `format`. Refuses an existing file unless `replacing`.
    public init(path: String, format: CallStreamEncoder.Format, compressed: Bool, replacing: Bool) throws(ExportError) {
        self.path = path
        self.format = format
        self.compressed = compressed
        self.replacing = replacing
        if !replacing, Self.exists(path) { throw ExportError(kind: .exists, path: path, reason: "it already exists") }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).callscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError(kind: .cannotWrite, path: path, reason: String(cString: strerror(errno))) }
        Self.unfinished.withLock { _ = $0.insert(temporaryPath) }
        // A replaced file keeps its permissions (call history is often kept private).
        var existing = stat()
        if replacing, stat(path, &existing) == 0 { fchmod(descriptor, existing.st_mode & 0o7777) }
        if compressed {
            guard let deflater = GzipDeflater() else {
                abandon()
                throw ExportError(kind: .cannotWrite, path: path, reason: "zlib could not start compressing")
            }
            self.deflater = deflater
        }
    }

    deinit { if !done { abandon() } }

    public func write(_ bytes: [UInt8]) throws(ExportError) {
        guard !bytes.isEmpty else { return }
        if let deflater {
            var failure: ExportError?
            let compressed = bytes.withUnsafeBufferPointer { input in
                deflater.deflate(input, finishing: false) { output in
                    if failure == nil { failure = writeAll(output) }
                }
            }
            if !compressed { failure = failure ?? ExportError(kind: .cannotWrite, path: path, reason: "zlib failed while compressing") }
            if let failure { throw failure }
        } else {
            if let failure = bytes.withUnsafeBufferPointer(writeAll) { throw failure }
        }
    }

    /// Flushes and syncs the file, then puts it in place, unless `stillWanted` says no by then
    /// (the export was stopped meanwhile): the rename is the one step that cannot be undone.
    /// Without `replacing`, a file that appeared at the path meanwhile is not overwritten.
    public func commit(stillWanted: () -> Bool = { true }) throws(ExportError) {
        if let deflater {
            var failure: ExportError?
            let compressed = deflater.deflate(UnsafeBufferPointer(start: nil, count: 0), finishing: true) { output in
                if failure == nil { failure = writeAll(output) }
            }
            if !compressed { failure = failure ?? ExportError(kind: .cannotWrite, path: path, reason: "zlib failed while compressing") }
            if let failure { abandon(); throw failure }
        }
        guard fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ExportError(kind: .cannotWrite, path: path, reason: reason)
        }
        close(descriptor)
        descriptor = -1
        guard stillWanted() else {
            abandon()
            throw ExportError(kind: .cancelled, path: path, reason: "stopped")
        }
        if replacing {
            guard rename(temporaryPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw ExportError(kind: .cannotWrite, path: path, reason: reason)
            }
        } else {
            // link() refuses an existing name, where rename() would replace it. A file system
            // without hard links gets rename() after one more look.
            if link(temporaryPath, path) == 0 {
                unlink(temporaryPath)
            } else {
                let code = errno
                let noLinks = code == EPERM || code == EOPNOTSUPP || code == ENOSYS
                guard noLinks, !Self.exists(path) else {
                    abandon()
                    throw ExportError(kind: code == EEXIST || noLinks ? .exists : .cannotWrite, path: path, reason: String(cString: strerror(code)))
                }
                guard rename(temporaryPath, path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    abandon()
                    throw ExportError(kind: .cannotWrite, path: path, reason: reason)
                }
            }
        }
        Self.unfinished.withLock { _ = $0.remove(temporaryPath) }
        done = true
    }

    /// Removes the temporary file; the target is left as it was.
    public func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        Self.unfinished.withLock { _ = $0.remove(temporaryPath) }
        done = true
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) -> ExportError? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return ExportError(kind: .cannotWrite, path: path, reason: String(cString: strerror(errno)))
            }
            left -= written
            next += written
        }
        return nil
    }
}

/// Why an export could not be written.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case exists, cannotWrite, cancelled }
    public let kind: Kind
    public let path: String
    public let reason: String

    public var description: String {
        switch kind {
        case .exists: return "'\(SafeText.sanitize(path))' already exists: confirm to replace it, or choose another name"
        case .cannotWrite: return "cannot write '\(SafeText.sanitize(path))': \(reason.lowercased()); check the folder exists and may be written, and that the disk has room"
        case .cancelled: return "the export to '\(SafeText.sanitize(path))' was stopped; nothing was written"
        }
    }
}

/// gzip compression as the export is written, a buffer at a time.
final class GzipDeflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 256 * 1024)

    private var started = false

    init?() {
        // 15 + 16: a gzip header and trailer; level 6, gzip's own default.
        guard deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        started = true
    }

    deinit { if started { deflateEnd(&stream) } }

    /// Compresses `input` (and ends the stream when `finishing`), handing out what comes out;
    /// false when zlib failed.
    func deflate(_ input: UnsafeBufferPointer<UInt8>, finishing: Bool, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        let capacity = output.count
        return output.withUnsafeMutableBufferPointer { buffer in
            while true {
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(capacity)
                let status = CZlib.deflate(&stream, finishing ? Z_FINISH : Z_NO_FLUSH)
                let produced = capacity - Int(stream.avail_out)
                if produced > 0 { emit(UnsafeBufferPointer(rebasing: buffer[..<produced])) }
                if finishing ? status == Z_STREAM_END : (stream.avail_in == 0 && stream.avail_out > 0) { return true }
                // Z_BUF_ERROR only says no progress was possible this turn; anything else is a failure.
                if status != Z_OK && status != Z_BUF_ERROR { return false }
            }
        }
    }
}
