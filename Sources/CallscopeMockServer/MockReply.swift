import CallscopeDomain

/// An answer the mock APIs compute, before faults and HTTP framing are applied.
struct MockReply: Sendable {
    var status: Int
    var body: [UInt8]
    var retryAfterSeconds: Int?

    static func json(_ value: JSONValue, status: Int = 200) -> MockReply {
        MockReply(status: status, body: JSONWriter.encode(value))
    }
}

/// A request reduced to what the mock APIs read.
struct MockRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var headers: [String: String]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}
