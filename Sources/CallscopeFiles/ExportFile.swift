import CallscopeDomain
import CallscopeOutput
import CZlib
import Foundation
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
    private let temporaryPath: String
    private var descriptor: Int32
    private var deflater: GzipDeflater?
    private var done = false

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
        if !replacing, Self.exists(path) { throw ExportError(kind: .exists, path: path, reason: "it already exists") }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).callscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError(kind: .cannotWrite, path: path, reason: String(cString: strerror(errno))) }
        deflater = compressed ? GzipDeflater() : nil
    }

    deinit { if !done { abandon() } }

    public func write(_ bytes: [UInt8]) throws(ExportError) {
        guard !bytes.isEmpty else { return }
        if let deflater {
            var failure: ExportError?
            bytes.withUnsafeBufferPointer { input in
                deflater.deflate(input, finishing: false) { output in
                    if failure == nil { failure = writeAll(output) }
                }
            }
            if let failure { throw failure }
        } else {
            if let failure = bytes.withUnsafeBufferPointer(writeAll) { throw failure }
        }
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws(ExportError) {
        if let deflater {
            var failure: ExportError?
            deflater.deflate(UnsafeBufferPointer(start: nil, count: 0), finishing: true) { output in
                if failure == nil { failure = writeAll(output) }
            }
            if let failure { abandon(); throw failure }
        }
        guard fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ExportError(kind: .cannotWrite, path: path, reason: reason)
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ExportError(kind: .cannotWrite, path: path, reason: reason)
        }
        done = true
    }

    /// Removes the temporary file; the target is left as it was.
    public func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
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
    public enum Kind: Sendable, Hashable { case exists, cannotWrite }
    public let kind: Kind
    public let path: String
    public let reason: String

    public var description: String {
        switch kind {
        case .exists: return "'\(SafeText.sanitize(path))' already exists: confirm to replace it, or choose another name"
        case .cannotWrite: return "cannot write '\(SafeText.sanitize(path))': \(reason.lowercased())"
        }
    }
}

/// gzip compression as the export is written, a buffer at a time.
final class GzipDeflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 256 * 1024)

    init() {
        // 15 + 16: a gzip header and trailer; level 6, gzip's own default.
        _ = deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit { deflateEnd(&stream) }

    func deflate(_ input: UnsafeBufferPointer<UInt8>, finishing: Bool, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        let capacity = output.count
        output.withUnsafeMutableBufferPointer { buffer in
            while true {
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(capacity)
                let status = CZlib.deflate(&stream, finishing ? Z_FINISH : Z_NO_FLUSH)
                let produced = capacity - Int(stream.avail_out)
                if produced > 0 { emit(UnsafeBufferPointer(rebasing: buffer[..<produced])) }
                if finishing ? status == Z_STREAM_END : (stream.avail_in == 0 && stream.avail_out > 0) { break }
                if status != Z_OK && status != Z_BUF_ERROR { break }
            }
        }
    }
}
