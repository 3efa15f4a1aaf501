/// Writes calls to a file the user names, for the browser's export: the view-model drives it
/// (which calls, progress, cancelling) and knows no files; the saved-files module implements it.
public protocol CallExporter: Sendable {
    /// Starts writing `path`, its format named by its extension. Throws `ExportRefusal`:
    /// `.exists` when the file exists and `replacing` is false.
    func begin(path: String, replacing: Bool) throws(ExportRefusal) -> any CallExportWriting
}

/// One export being written: calls in order, then `commit` puts the file in place; `abandon`
/// (or a failure) leaves no file behind and the target as it was.
public protocol CallExportWriting: AnyObject {
    func write(_ calls: [Call]) throws(ExportRefusal)
    func commit() throws(ExportRefusal)
    func abandon()
}

/// Why an export did not start or did not finish, said for the status bar.
public struct ExportRefusal: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The file exists: ask before replacing it.
        case exists
        /// The name says no format callscope writes.
        case unknownFormat
        case cannotWrite
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = SafeText.sanitize(description)
    }
}
