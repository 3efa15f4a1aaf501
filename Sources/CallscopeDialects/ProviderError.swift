import CallscopeDomain

/// Everything that can go wrong talking to a provider, said so a user knows what happened
/// and what to do next. Provider text inside is sanitized and shortened; no secret is ever
/// part of it.
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// 401: the credentials are wrong or expired.
        case credentials
        /// 403: the credentials are fine but may not do this.
        case forbidden
        /// 404: no such call or account.
        case notFound
        /// 400/409/422 and other 4xx: the request itself was refused.
        case rejected
        /// 429 still after every retry.
        case rateLimited
        /// 5xx still after every retry.
        case server
        /// Could not connect, or the connection broke, after every retry.
        case network
        /// No answer in time, after every retry.
        case timeout
        /// The answer was not the JSON the API documents.
        case malformedResponse
        /// Wrong use before anything was sent: a bad base URL, missing credentials.
        case configuration
        case cancelled
    }

    public let kind: Kind
    public let provider: ProviderID
    /// The HTTP status behind the error, where there was one.
    public let status: Int?
    /// The provider's own error code (Vobiz `error.code`, VOXO `name`), where it sent one.
    public let providerCode: String?
    /// What happened, one sentence.
    public let summary: String
    /// What to do next.
    public let advice: String

    public init(kind: Kind, provider: ProviderID, status: Int? = nil, providerCode: String? = nil, summary: String, advice: String) {
        self.kind = kind
        self.provider = provider
        self.status = status
        // Redacted as it is made: a provider or gateway may have echoed a credential into any part.
        let redactor = SecretRedactor.shared
        self.providerCode = providerCode.map { SafeText.sanitize(redactor.redact($0)) }
        self.summary = SafeText.sanitize(redactor.redact(summary))
        self.advice = SafeText.sanitize(redactor.redact(advice))
    }

    public var description: String { advice.isEmpty ? summary : "\(summary): \(advice)" }

    public static func cancelled(_ provider: ProviderID) -> ProviderError {
        ProviderError(kind: .cancelled, provider: provider, summary: "\(provider.displayName) request cancelled", advice: "")
    }

    /// Provider text, cut short and made single-line so one bad body cannot flood the screen.
    /// Secrets are redacted before the cut, so a cut cannot leave the start of one behind.
    public static func excerpt(_ text: String, limit: Int = 160) -> String {
        let flattened = SecretRedactor.shared.redact(text).split(whereSeparator: \.isNewline).joined(separator: " ")
        return flattened.count > limit ? String(flattened.prefix(limit)) + "…" : flattened
    }
}
