import CZlib
import Foundation

/// A gzip file inflated into memory (a compressed file cannot be mapped and read in place).
/// Concatenated gzip members are read one after another, as `gunzip` reads them.
enum GzipInflater {
    /// Whether `bytes` start with the gzip magic number.
    static func isGzip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// What was inflated, and why inflating stopped early (nil when the data ended cleanly or
    /// the limit was reached).
    struct Outcome {
        let bytes: FileBytes
        let problem: String?
        /// Inflating stopped at the limit, with more to come.
        let reachedLimit: Bool
    }

    /// Inflates `input`, stopping once `limit` bytes are out.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> Outcome {
        var capacity = max(64 * 1024, min(input.count.multipliedReportingOverflow(by: 4).partialValue, 1 << 30, limit))
        guard var output = malloc(capacity) else {
            return Outcome(bytes: FileBytes(copying: []), problem: "there is not enough memory to inflate it", reachedLimit: true)
        }
        var used = 0
        var stream = z_stream()
        // 15 + 16: a gzip header and trailer, not a bare zlib stream.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return Outcome(bytes: FileBytes(taking: output, count: 0), problem: "zlib could not start", reachedLimit: false)
        }
        defer { inflateEnd(&stream) }
        var consumed = 0
        var memberOpen = true
        var problem: String?
        var reachedLimit = false
        reading: while consumed < input.count {
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + consumed })
            let available = min(input.count - consumed, Int(UInt32.max))
            stream.avail_in = UInt32(available)
            while true {
                if used >= limit {
                    reachedLimit = true
                    break reading
                }
                if used == capacity {
                    capacity = min(limit, capacity.multipliedReportingOverflow(by: 2).partialValue)
                    guard let grown = realloc(output, capacity) else {
                        // Not enough memory for what is left: said like the limit, with the same advice.
                        problem = "there is not enough memory to inflate it"
                        reachedLimit = true
                        capacity = used
                        break reading
                    }
                    output = grown
                }
                stream.next_out = (output + used).assumingMemoryBound(to: Bytef.self)
                let room = min(capacity - used, Int(UInt32.max))
                stream.avail_out = UInt32(room)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                used += room - Int(stream.avail_out)
                let taken = available - Int(stream.avail_in)
                switch status {
                case Z_STREAM_END:
                    consumed += taken
                    memberOpen = false
                    // Another member may follow; anything else after a trailer is ignored, as gunzip does.
                    guard isGzip(UnsafeBufferPointer(rebasing: input[consumed...])) else { break reading }
                    inflateReset(&stream)
                    memberOpen = true
                    continue reading
                case Z_OK, Z_BUF_ERROR:
                    // Out of room: go round with more. Out of input: the outer loop decides.
                    if stream.avail_out == 0 { continue }
                    consumed += taken
                    if stream.avail_in == 0 { continue reading }
                    if status == Z_BUF_ERROR { break reading }  // no progress possible
                    continue reading
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    problem = "the compressed data is damaged after \(consumed + taken) of \(input.count) bytes (\(message))"
                    break reading
                }
            }
        }
        if problem == nil, memberOpen, !reachedLimit {
            problem = "the compressed data ends early: the file was cut short"
        }
        return Outcome(bytes: FileBytes(taking: output, count: used), problem: problem, reachedLimit: reachedLimit)
    }
}
