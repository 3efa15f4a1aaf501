import CallscopeDomain

/// The local store could not do what was asked: said with the file and what to do next.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = SecretRedactor.shared.redact(message)
    }

    /// A failure of SQLite or the file system while `doing` something with the store at `path`.
    static func failed(_ doing: String, path: String, _ error: any Error) -> StoreError {
        StoreError("the local store (\(SafeText.sanitize(path))) could not \(doing): \(SafeText.sanitize(String(describing: error))); read without it with --no-store, or remove the file to start it afresh (it holds only what the providers can send again)")
    }

    public var description: String { message }
}
