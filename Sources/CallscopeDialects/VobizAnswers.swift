import CallscopeDomain

/// Reading Vobiz's answers, apart from the HTTP that fetches them (so the fuzzer and the
/// property tests drive exactly the code the client runs).
public enum VobizAnswers {
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// A list page: `data` and `meta`/`pagination`.
    public static func page(_ body: [UInt8], mapper: VobizRecordMapper) throws(Unreadable) -> (calls: [Call], page: VobizPage) {
        let parsed: VobizPage?
        do {
            parsed = try VobizPage.read(body, mapper: mapper)
        } catch {
            throw Unreadable(description: "\(error)")
        }
        guard let parsed else { throw Unreadable(description: "no 'data' array") }
        // (Rows that are not objects carry no call; everything else maps, ids or not.)
        return (parsed.calls, parsed)
    }

    /// One call's full record: the record itself, or wrapped in `data`.
    public static func detail(_ body: [UInt8], mapper: VobizRecordMapper) throws(Unreadable) -> Call {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw Unreadable(description: "\(error)")
        }
        let record = value.objectValue?["data"].flatMap { $0.objectValue != nil ? $0 : nil } ?? value
        guard let call = mapper.map(record) else { throw Unreadable(description: "the answer is not a call record") }
        return call
    }

    /// `{"status":"error","error":{"code":…,"message":…,"details":…},"requestId":…}`.
    @Sendable public static func describeErrorBody(_ body: [UInt8]) -> ProviderErrorBody {
        guard let object = (try? JSONParser.parse(body))?.objectValue else {
            return .plainText(body)
        }
        if let error = object["error"]?.objectValue {
            return ProviderErrorBody(code: error["code"]?.text, message: error["message"]?.nonEmptyText)
        }
        return ProviderErrorBody(code: nil, message: object["error"]?.nonEmptyText ?? object["message"]?.nonEmptyText)
    }
}
