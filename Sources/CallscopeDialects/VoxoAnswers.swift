import CallscopeDomain

/// Reading VOXO's answers, apart from the HTTP that fetches them (so the fuzzer and the
/// property tests drive exactly the code the client runs).
public enum VoxoAnswers {
    /// `GET /call-reports`: a JSON array of records, newest first.
    /// The same reader the client streams the body through, fed the body at once.
    public static func calls(_ body: [UInt8], mapper: VoxoRecordMapper) throws(JSONParseError) -> [Call] {
        let decoder = VoxoStreamDecoder(mapper: mapper)
        _ = body.withUnsafeBytes { decoder.consume($0) }
        return try decoder.finish().get()
    }

    /// `POST /authentication`: the access token, or nil when the answer has none. The body
    /// holds the token, so nothing of it may ever be quoted in a message.
    public static func accessToken(_ body: [UInt8]) -> String? {
        (try? JSONParser.parse(body))?.objectValue?["accessToken"]?.nonEmptyText
    }

    /// VOXO's API is Feathers: `{"name":"NotAuthenticated","message":"…","code":401}`.
    @Sendable public static func describeErrorBody(_ body: [UInt8]) -> ProviderErrorBody {
        guard let object = (try? JSONParser.parse(body))?.objectValue else {
            return .plainText(body)
        }
        return ProviderErrorBody(code: object["name"]?.nonEmptyText, message: object["message"]?.nonEmptyText)
    }
}
