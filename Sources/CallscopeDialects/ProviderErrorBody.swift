import CallscopeDomain

/// What a provider's error body says, for messages.
public struct ProviderErrorBody: Sendable, Equatable {
    public var code: String?
    public var message: String?

    public init(code: String? = nil, message: String? = nil) {
        self.code = code
        self.message = message
    }

    /// A body that is not the provider's JSON (a proxy's page), as text to quote: secrets are
    /// redacted over far more than is kept, so the cut to 200 characters cannot leave the start
    /// of one (a gateway's page may echo the request's headers anywhere in it).
    public static func plainText(_ body: [UInt8]) -> ProviderErrorBody {
        let text = SecretRedactor.shared.redact(String(decoding: body.prefix(16_384), as: UTF8.self))
        return ProviderErrorBody(message: text.isEmpty ? nil : String(text.prefix(200)))
    }

    /// Nothing: for an answer that must never be quoted (a login's, at any status: it may hold
    /// a token, or echo the password it was sent).
    @Sendable public static func unquoted(_ body: [UInt8]) -> ProviderErrorBody { ProviderErrorBody() }
}
