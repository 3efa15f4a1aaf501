import CallscopeDomain

/// What to tell a user for each refusal, in one provider's terms (which variable or flag
/// to check). The classifier supplies what happened; this says what to do next.
public struct RefusalAdvice: Sendable {
    /// 401: where the credentials come from.
    public var credentials: String
    /// 403: what permission is missing.
    public var forbidden: String
    /// 404: what to check (the id, the scope).
    public var notFound: String
    /// Other 4xx: what in the request to check.
    public var rejected: String

    public init(credentials: String, forbidden: String, notFound: String, rejected: String) {
        self.credentials = credentials
        self.forbidden = forbidden
        self.notFound = notFound
        self.rejected = rejected
    }
}

/// The one reading of an HTTP status for both providers: a 2xx is an answer; everything
/// else — 401, 403, 404, other 4xx, and the statuses no provider documents (a 302, a 1xx) —
/// is a `ProviderError` that says what happened, with the provider's advice. (429 and 5xx
/// are retried and reported by the HTTP layer before they get here.)
public enum ReplyClassifier {
    /// nil when `status` is a success.
    /// - Parameters:
    ///   - what: what the request was for, in words ("list calls").
    ///   - missing: what a 404 means here ("no call 'abc'"), else "nothing to <what>".
    public static func failure(
        status: Int, body: [UInt8], provider: ProviderID, what: String, missing: String? = nil,
        advice: RefusalAdvice, describe: ([UInt8]) -> ProviderErrorBody
    ) -> ProviderError? {
        guard !(200...299).contains(status) else { return nil }
        let described = describe(body)
        let detail = [described.code, described.message].compactMap { $0 }.joined(separator: ": ")
        let suffix = detail.isEmpty ? "" : ": \(ProviderError.excerpt(detail))"
        let name = provider.displayName
        switch status {
        case 401:
            return ProviderError(kind: .credentials, provider: provider, status: 401, providerCode: described.code,
                                 summary: "\(name) rejected the credentials (401)\(suffix)", advice: advice.credentials)
        case 403:
            return ProviderError(kind: .forbidden, provider: provider, status: 403, providerCode: described.code,
                                 summary: "\(name) refused to \(what) (403)\(suffix)", advice: advice.forbidden)
        case 404:
            return ProviderError(kind: .notFound, provider: provider, status: 404, providerCode: described.code,
                                 summary: "\(name) has \(missing ?? "nothing to \(what)") (404)\(suffix)", advice: advice.notFound)
        case 400...499:
            return ProviderError(kind: .rejected, provider: provider, status: status, providerCode: described.code,
                                 summary: "\(name) rejected the request to \(what) (\(status))\(suffix)", advice: advice.rejected)
        default:
            // A redirect (refused, so credentials never follow it), an informational status,
            // or anything else undocumented: never read as an empty answer.
            return ProviderError(kind: .server, provider: provider, status: status, providerCode: described.code,
                                 summary: "\(name) answered HTTP \(status) to \(what), which its API does not document",
                                 advice: "check the base URL points at the \(name) API itself, not a proxy or a login page")
        }
    }
}
