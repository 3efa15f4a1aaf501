/// What a provider's error body says, for messages.
public struct ProviderErrorBody: Sendable, Equatable {
    public var code: String?
    public var message: String?

    public init(code: String? = nil, message: String? = nil) {
        self.code = code
        self.message = message
    }
}
