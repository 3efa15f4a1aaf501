import CallscopeDomain

/// Reading VOXO's answers, apart from the HTTP that fetches them (so the fuzzer and the
/// property tests drive exactly the code the client runs).
public enum VoxoAnswers {
    /// `GET /call-reports`: a JSON array of records, newest first.
    public static func calls(_ body: [UInt8], mapper: VoxoRecordMapper) throws(JSONParseError) -> [Call] {
        var calls: [Call] = []
        try JSONParser.forEachElement(ofArray: body) { value in
            if let call = mapper.map(value) { calls.append(call) }
        }
        calls.sort { ($0.startTime ?? .distantPast) > ($1.startTime ?? .distantPast) }
        return calls
    }

    /// `POST /authentication`: the access token, or nil when the answer has none. The body
    /// holds the token, so nothing of it may ever be quoted in a message.
    public static func accessToken(_ body: [UInt8]) -> String? {
        (try? JSONParser.parse(body))?.objectValue?["accessToken"]?.nonEmptyText
    }

    /// VOXO's API is Feathers: `{"name":"NotAuthenticated","message":"…","code":401}`.
    @Sendable public static func describeErrorBody(_ body: [UInt8]) -> ProviderErrorBody {
        guard let object = (try? JSONParser.parse(body))?.objectValue else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            return ProviderErrorBody(message: text.isEmpty ? nil : text)
        }
        return ProviderErrorBody(code: object["name"]?.nonEmptyText, message: object["message"]?.nonEmptyText)
    }
}
