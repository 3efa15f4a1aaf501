import CallscopeDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A saved file's bytes, read-only: the file memory-mapped (pages are read from disk only
/// when touched, so a large file costs no memory until its records are read), or the bytes
/// a compressed file inflated to.
// @unchecked Sendable: the bytes never change after `init` and are released only in `deinit`,
// when nothing else can hold the object.
public final class FileBytes: @unchecked Sendable {
    public let buffer: UnsafeBufferPointer<UInt8>
    private let release: Release

    private enum Release {
        case unmap(UnsafeMutableRawPointer, Int)
        case free(UnsafeMutableRawPointer)
        case nothing
    }

    public var count: Int { buffer.count }

    /// Takes over `memory` (allocated with `malloc`/`realloc`), of which `count` bytes are used.
    init(taking memory: UnsafeMutableRawPointer, count: Int) {
        buffer = UnsafeBufferPointer(start: memory.assumingMemoryBound(to: UInt8.self), count: count)
        release = .free(memory)
    }

    /// Bytes held by a test or a caller with a small file in memory.
    public convenience init(copying bytes: [UInt8]) {
        guard let memory = malloc(max(1, bytes.count)) else { fatalError("out of memory holding \(bytes.count) bytes") }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: bytes.count) }
        }
        self.init(taking: memory, count: bytes.count)
    }

    private init(mapped: UnsafeMutableRawPointer?, count: Int) {
        if let mapped {
            buffer = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: count)
            release = .unmap(mapped, count)
        } else {
            buffer = UnsafeBufferPointer(start: nil, count: 0)
            release = .nothing
        }
    }

    deinit {
        switch release {
        case .unmap(let base, let count): munmap(base, count)
        case .free(let memory): free(memory)
        case .nothing: break
        }
    }

    /// Lets the kernel take back the mapped pages wholly inside `range` (touched again, they
    /// are read again from the page cache): indexing reads a large file once, front to back,
    /// and this keeps the file's size out of our resident memory. Nothing for inflated bytes.
    func releasePages(in range: Range<Int>) {
        guard case .unmap(let base, let count) = release else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = min(range.upperBound, count) / page * page
        if end > start { madvise(base + start, end - start, MADV_DONTNEED) }
    }

    /// Maps the file at `path`. An empty file maps to no bytes.
    public static func map(path: String) throws(SavedFileError) -> FileBytes {
        // Non-blocking, so a named pipe is refused below instead of waiting for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw SavedFileError.cannotOpen(path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SavedFileError.cannotOpen(path: path, errno: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw SavedFileError.notAFile(path: path) }
        let size = Int(status.st_size)
        guard size > 0 else { return FileBytes(mapped: nil, count: 0) }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { throw SavedFileError.cannotOpen(path: path, errno: errno) }
        // Records are read front to back, once to index and again near the screen.
        madvise(mapped, size, MADV_SEQUENTIAL)
        return FileBytes(mapped: mapped, count: size)
    }
}
