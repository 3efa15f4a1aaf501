import CallscopeDialects
import CallscopeDomain
import Foundation

/// How one format's records are read where they lie in the file: the start time alone (for
/// the index), or the whole call (for the rows near the screen).
enum SavedRecordDecoder: Sendable {
    case voxo(VoxoRecordMapper)
    case vobiz(VobizRecordMapper)
    case exportedJSON(ExportedCallReader)
    case exportedCSV(ExportedCSVReader)

    /// The start time of the record `bytes` start with, and the record's length; nil when
    /// the bytes end inside it or it is malformed.
    func startTime(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (start: Date?, length: Int)? {
        switch self {
        case .voxo(let mapper): return mapper.startTime(ofLeadingRecordIn: bytes)
        case .vobiz(let mapper): return mapper.startTime(ofLeadingRecordIn: bytes)
        case .exportedJSON(let reader): return reader.startTime(ofLeadingRecordIn: bytes)
        case .exportedCSV(let reader): return reader.startTime(ofLeadingRecordIn: bytes)
        }
    }

    /// The call of the record `bytes` start with.
    func call(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> Call? {
        switch self {
        case .voxo(let mapper): return mapper.map(leadingRecordIn: bytes)?.call
        case .vobiz(let mapper): return mapper.map(leadingRecordIn: bytes)?.call
        case .exportedJSON(let reader): return reader.call(ofLeadingRecordIn: bytes)?.call
        case .exportedCSV(let reader): return reader.call(ofLeadingRecordIn: bytes)?.call
        }
    }
}

/// How a file's records follow each other.
enum RecordLayout: Sendable {
    /// Objects in a JSON array, separated by commas (one trailing comma accepted, as the
    /// providers' documents show).
    case jsonArray
    /// One record after another, separated by line breaks (NDJSON; CSV after its header).
    case lines
}
