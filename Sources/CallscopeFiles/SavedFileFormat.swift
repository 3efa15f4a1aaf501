import CallscopeDomain
import CallscopeOutput

/// What a saved file holds, told from its content (never its name): the first record's keys
/// say whose record it is, the first byte how records follow each other.
public enum SavedFileFormat: Sendable, Hashable, CustomStringConvertible {
    /// VOXO's `/call-reports` answer: an array of records whose `time` has no zone.
    case voxoArray
    /// An array of Vobiz CDRs (a page's `data` saved alone).
    case vobizArray
    /// A Vobiz list answer: `data` with `meta` or `pagination`.
    case vobizPage
    /// One Vobiz CDR (the single-call answer, with or without its `data` wrapper).
    case vobizRecord
    /// callscope's `--format json`: an array of normalized calls, each with its `fields`.
    case exportJSON
    /// callscope's `--format ndjson`: one normalized call per line.
    case exportNDJSON
    /// callscope's `--format csv`: the normalized columns under their header.
    case exportCSV

    public var description: String {
        switch self {
        case .voxoArray: return "VOXO call-reports answer"
        case .vobizArray: return "array of Vobiz CDRs"
        case .vobizPage: return "Vobiz list page"
        case .vobizRecord: return "Vobiz CDR"
        case .exportJSON: return "callscope JSON export"
        case .exportNDJSON: return "callscope NDJSON export"
        case .exportCSV: return "callscope CSV export"
        }
    }

    /// The provider whose records these are; nil for exports, whose calls each say.
    public var provider: ProviderID? {
        switch self {
        case .voxoArray: return .voxo
        case .vobizArray, .vobizPage, .vobizRecord: return .vobiz
        case .exportJSON, .exportNDJSON, .exportCSV: return nil
        }
    }

    /// The format of `bytes` (decompressed), or an error saying what they look like instead.
    /// Only the start of the file is looked at.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(SavedFileError) -> SavedFileFormat {
        let start = firstSignificantByte(bytes)
        guard start < bytes.count else { throw .unrecognized(name, looksLike: bytes.isEmpty ? "an empty file" : "an empty file (only spaces and line breaks)") }
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        switch rest[0] {
        case UInt8(ascii: "["):
            var cursor = 1
            while cursor < rest.count, isWhitespace(rest[cursor]) { cursor += 1 }
            guard cursor < rest.count else { return .voxoArray }  // cut short right after `[`: read as empty
            if rest[cursor] == UInt8(ascii: "]") { return .exportJSON }  // no calls, whoever saved them
            guard rest[cursor] == UInt8(ascii: "{") else { throw .unrecognized(name, looksLike: "a JSON array of something other than objects") }
            let members = leadingMembers(UnsafeBufferPointer(rebasing: rest[cursor...]))
            let keys = members.map(\.key)
            switch RecordKind(members) {
            case .export: return .exportJSON
            case .voxo: return .voxoArray
            case .vobiz: return .vobizArray
            case .vobizPage, nil: throw .unrecognized(name, looksLike: "a JSON array of objects with the keys \(listed(keys))")
            }
        case UInt8(ascii: "{"):
            let members = leadingMembers(rest)
            let keys = members.map(\.key)
            switch RecordKind(members) {
            case .export: return .exportNDJSON
            case .vobizPage: return .vobizPage
            case .vobiz: return .vobizRecord
            case .voxo: throw .unrecognized(name, looksLike: "a single VOXO record (callscope reads VOXO's whole answer, an array)")
            case nil: throw .unrecognized(name, looksLike: "a JSON object with the keys \(listed(keys))")
            }
        default:
            let line = firstLine(rest)
            if line == headerLine || line == headerLineBeforeTrunk || line == ratedHeaderLine { return .exportCSV }
            throw .unrecognized(name, looksLike: describeText(rest, firstLine: line))
        }
    }

    /// The export header without its line break.
    static let headerLine = Array(CallCSVFormatter.header.utf8.dropLast(2))
    /// An export's header from before the trunk, ring and hung-up-by columns (read the same way:
    /// those columns come last).
    static let headerLineBeforeTrunk = Array(CallCSVFormatter.headerBeforeTrunk.utf8.dropLast(2))
    /// An export rated by a deck: the rating's columns come last and are read past.
    static let ratedHeaderLine = Array(CallCSVFormatter.ratedHeader.utf8.dropLast(2))

    /// Whose record an object is, from its keys.
    private enum RecordKind {
        case export, voxo, vobiz, vobizPage

        init?(_ members: [(key: String, valueStart: UInt8?)]) {
            let set = Set(members.map(\.key))
            // A list answer's rows are an array in `data`; the single-call answer wraps its CDR
            // in `data` (`meta` may come after a long `data`, past what is looked at).
            let data = members.first { $0.key == "data" }?.valueStart
            if data == UInt8(ascii: "[") {
                self = .vobizPage
            } else if data == UInt8(ascii: "{") {
                self = .vobiz
            } else if set.contains("provider") && set.contains("fields") && set.contains("id") {
                self = .export
            } else if !set.isDisjoint(with: ["uniqueId", "time", "callerIdNumber", "dialedNum", "disposition", "afterAnswerDuration"]) {
                self = .voxo
            } else if set.contains("call_uuid") || (set.contains("uuid") && !set.isDisjoint(with: ["start_time", "from_number", "to_number"])) {
                self = .vobiz
            } else {
                return nil
            }
        }
    }

    /// The first-level keys of the object `bytes` start with, each with the first byte of its
    /// value, as far as the first 256 KB go: a file cut inside its first record, or a first
    /// record longer than that, still shows whose record it is. Text that only looks like a
    /// key (inside a string or a nested value) is not taken.
    static func leadingMembers(_ bytes: UnsafeBufferPointer<UInt8>) -> [(key: String, valueStart: UInt8?)] {
        let window = UnsafeBufferPointer(rebasing: bytes.prefix(256 * 1024))
        var members: [(key: String, valueStart: UInt8?)] = []
        var depth = 0
        var index = 0
        while index < window.count {
            let byte = window[index]
            if byte == UInt8(ascii: "\"") {
                var end = index + 1
                while end < window.count, window[end] != UInt8(ascii: "\"") { end += window[end] == UInt8(ascii: "\\") ? 2 : 1 }
                guard end < window.count else { break }
                var after = end + 1
                while after < window.count, isWhitespace(window[after]) { after += 1 }
                if depth == 1, after < window.count, window[after] == UInt8(ascii: ":") {
                    var value = after + 1
                    while value < window.count, isWhitespace(window[value]) { value += 1 }
                    let key = String(decoding: UnsafeBufferPointer(rebasing: window[(index + 1)..<end]), as: UTF8.self)
                    members.append((key, value < window.count ? window[value] : nil))
                    if members.count >= 200 { break }
                }
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { break }
            }
            index += 1
        }
        return members
    }

    /// After a UTF-8 byte order mark and whitespace.
    static func firstSignificantByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func firstLine(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var line: [UInt8] = []
        for byte in bytes.prefix(4096) {
            if byte == 0x0A { break }
            line.append(byte)
        }
        if line.last == 0x0D { line.removeLast() }
        return line
    }

    private static func listed(_ keys: [String]) -> String {
        guard !keys.isEmpty else { return "(none)" }
        let shown = keys.prefix(6).map { "'\(SafeText.sanitize(String($0.prefix(40))))'" }.joined(separator: ", ")
        return keys.count > 6 ? shown + " and \(keys.count - 6) more" : shown
    }

    /// What a file that is not JSON looks like, without quoting more than a short, sanitized line.
    private static func describeText(_ bytes: UnsafeBufferPointer<UInt8>, firstLine line: [UInt8]) -> String {
        let head = Array(bytes.prefix(4096))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a zip archive (unzip it and open the file inside)" }
        if head.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        if head.contains(0) || String(validating: head.prefix(4000), as: UTF8.self) == nil && !isCutUTF8(head) {
            return "binary data, not text"
        }
        if head.first == UInt8(ascii: "<") { return "HTML or XML (an error or login page saved instead of the answer?)" }
        let text = SafeText.sanitize(String(decoding: line.prefix(80), as: UTF8.self))
        if line.contains(UInt8(ascii: ",")) {
            return "CSV whose header is '\(text)'\(line.count > 80 ? "…" : "") (callscope reads its own CSV export, whose header begins id,provider,startTime)"
        }
        return "text beginning '\(text)'\(line.count > 80 ? "…" : "")"
    }

    /// Whether 4,000 bytes of valid UTF-8 were cut inside a character at the end.
    private static func isCutUTF8(_ head: [UInt8]) -> Bool {
        for cut in 1...3 where head.count > cut {
            if String(validating: head.prefix(min(head.count, 4000) - cut), as: UTF8.self) != nil { return true }
        }
        return false
    }
}
