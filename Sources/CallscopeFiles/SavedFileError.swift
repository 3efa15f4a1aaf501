import CallscopeDomain
import Foundation

/// Why a saved file cannot be read (or read to its end), said so a user knows what to do.
/// The file's own text is never quoted raw: what it looks like is described, sanitized.
public struct SavedFileError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// It does not exist, is not readable, or is not a regular file.
        case cannotOpen
        /// None of the formats callscope reads.
        case unrecognized
        /// A format callscope reads, broken at `offset`: what came before it is readable.
        case damaged
    }

    public let kind: Kind
    /// What happened, one sentence, naming the file.
    public let summary: String
    /// What to do next.
    public let advice: String

    public init(kind: Kind, summary: String, advice: String) {
        self.kind = kind
        self.summary = SafeText.sanitize(summary)
        self.advice = SafeText.sanitize(advice)
    }

    public var description: String { advice.isEmpty ? summary : "\(summary): \(advice)" }

    /// The formats `open` and `--file` read, for messages about a file that is none of them.
    public static let formatsRead = "a VOXO call-reports array, a Vobiz list page or single CDR, or callscope's own JSON, NDJSON or CSV export (any of them gzip-compressed)"

    static func cannotOpen(path: String, errno code: Int32) -> SavedFileError {
        let reason = String(cString: strerror(code)).lowercased()
        return SavedFileError(kind: .cannotOpen, summary: "cannot open '\(path)': \(reason)", advice: code == ENOENT ? "check the path" : "check the file's permissions")
    }

    static func notAFile(path: String) -> SavedFileError {
        SavedFileError(kind: .cannotOpen, summary: "'\(path)' is not a regular file", advice: "give the path of a saved answer or export")
    }

    static func unrecognized(_ name: String, looksLike: String) -> SavedFileError {
        SavedFileError(kind: .unrecognized, summary: "\(name) is not a file of calls callscope reads: it looks like \(looksLike)",
                       advice: "callscope reads \(formatsRead)")
    }
}
