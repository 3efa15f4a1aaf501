import CallscopeDomain

/// VOXO's `/call-reports` array decoded as it arrives: each record is parsed and mapped as
/// soon as its last byte is in, so an answer of 100,000 calls is never held as bytes whole.
/// One decoder per attempt: a retried request starts a fresh one.
public final class VoxoStreamDecoder: ByteStreamConsumer {
    private var splitter = JSONArraySplitter()
    private let mapper: VoxoRecordMapper
    private var calls: [Call] = []
    private var failure: JSONParseError?
    private var inOrder = true
    /// The body's first bytes, for a message about an answer that is not the array.
    public private(set) var opening: [UInt8] = []

    public init(mapper: VoxoRecordMapper) {
        self.mapper = mapper
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil else { return false }
        if opening.count < 120 { opening += bytes.prefix(120 - opening.count) }
        let before = splitter.offset
        do {
            // Most records are read where they lie in the piece; one that goes on in the next
            // piece (or is malformed) is put together by the splitter and read from its copy.
            try splitter.feed(bytes, readingInPlace: { piece in
                guard let (call, length) = mapper.map(leadingRecordIn: piece) else { return nil }
                append(call)
                return length
            }, { (record: [UInt8]) throws(JSONParseError) in
                if let call = try mapper.map(recordBytes: record) { append(call) }
            })
        } catch {
            switch error {
            case .malformed(let problem): failure = problem
            // Inside a record: its offset counts from the record's start, somewhere in this piece.
            case .consumer(let problem): failure = JSONParseError(offset: before + problem.offset, reason: "\(problem.reason) in record \(splitter.elementCount)")
            }
            return false
        }
        return true
    }

    private func append(_ call: Call) {
        // VOXO sends newest first; only an answer that does not needs sorting.
        if inOrder, let previous = calls.last?.startTime, let start = call.startTime, start > previous { inOrder = false }
        calls.append(call)
    }

    /// The calls, newest first, once the body has ended; or why the body could not be read.
    public func finish() -> Result<[Call], JSONParseError> {
        if let failure { return .failure(failure) }
        do throws(JSONParseError) {
            try splitter.finish()
        } catch {
            return .failure(error)
        }
        if !inOrder || calls.contains(where: { $0.startTime == nil }) {
            calls.sort { ($0.startTime ?? .distantPast) > ($1.startTime ?? .distantPast) }
        }
        return .success(calls)
    }
}
