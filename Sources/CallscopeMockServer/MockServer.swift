import CallscopeDomain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// How to run the mock API server.
public struct MockServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    public var history: SyntheticHistory.Configuration
    /// Added before every API answer, to show how the client behaves on a slow link.
    public var latency: Duration = .zero
    public var vobizDialect: VobizDialect = .documented
    /// Serve `POST /_mock/faults`, `/_mock/expire-sessions` and `GET /_mock/requests` (the API requests served so far). Off by default: anyone who
    /// can reach the port could otherwise make the server misbehave.
    public var controlRoutes = false
    /// Live mode (`MockState.liveNow`): calls later than this clock are not there yet.
    public var liveNow: (@Sendable () -> Int64)?

    /// Whether `host` is a loopback address; the command line warns when it is not.
    public var isLoopback: Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    public init(history: SyntheticHistory.Configuration) {
        self.history = history
    }
}

/// A mock server that is running; stop it with `stop()`.
public struct RunningMockServer: Sendable {
    public let port: Int
    public let host: String
    public let state: MockState
    let task: Task<Void, any Error>

    public var baseURL: String { "http://\(host):\(port)" }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Returns when the server stops (a signal, when started with `handleSignals`).
    public func waitUntilStopped() async {
        _ = try? await task.value
    }
}

public struct MockServerError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Thrown inside a response body to cut the connection (truncated / dropped faults).
struct DroppedConnection: Error {}

/// Serves both providers' APIs at their documented paths (docs/ARCHITECTURE.md, "How tests
/// reach the mock server").
public enum MockServer {
    /// Starts the server and returns once it is listening.
    public static func start(
        _ configuration: MockServerConfiguration,
        logger: Logger = Logger(label: "callscope.mock", factory: { _ in SwiftLogNoOpLogHandler() }),
        handleSignals: Bool = false
    ) async throws -> RunningMockServer {
        let state = MockState(history: SyntheticHistory(configuration.history), liveNow: configuration.liveNow)
        let router = makeRouter(state: state, latency: configuration.latency, vobizDialect: configuration.vobizDialect,
                                controlRoutes: configuration.controlRoutes)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [])
        }
        var port: Int?
        for await p in ports { port = p }
        guard let port, port > 0 else {
            let failure: String
            do { try await task.value; failure = "it stopped at once" } catch { failure = "\(error)" }
            throw MockServerError(description: "the mock server could not listen on \(configuration.host):\(configuration.port) (\(failure))")
        }
        return RunningMockServer(port: port, host: configuration.host, state: state, task: task)
    }

    static func makeRouter(state: MockState, latency: Duration, vobizDialect: VobizDialect, controlRoutes: Bool) -> Router<BasicRequestContext> {
        let router = Router()
        let voxo = VoxoMockAPI(state: state)
        let vobiz = VobizMockAPI(state: state, dialect: vobizDialect)

        @Sendable func serve(
            _ request: Request, _ context: BasicRequestContext,
            _ answer: @escaping @Sendable (MockRequest) async -> MockReply
        ) async throws -> Response {
            let mock = try await MockRequest(request, context: context)
            let fault = await state.faults.nextFault()
            await state.noteUserAgent(mock.header("user-agent"))
            if latency > .zero { try await Task.sleep(for: latency) }
            if let fault {
                return faultResponse(fault, provider: mock.path.hasPrefix("/api/v1/") ? .vobiz : .voxo, request: mock)
            }
            return response(await answer(mock))
        }

        router.post("/authentication") { request, context in try await serve(request, context, voxo.authenticate) }
        router.get("/call-reports") { request, context in try await serve(request, context, voxo.callReports) }
        router.get("/api/v1/partner/cdrs") { request, context in
            try await serve(request, context) { await vobiz.list($0, account: nil) }
        }
        router.get("/api/v1/partner/accounts/:account/cdrs") { request, context in
            let account = context.parameters.get("account") ?? ""
            return try await serve(request, context) { await vobiz.list($0, account: account) }
        }
        router.get("/api/v1/partner/accounts/:account/cdrs/:uuid") { request, context in
            let account = context.parameters.get("account") ?? ""
            let uuid = context.parameters.get("uuid") ?? ""
            return try await serve(request, context) { await vobiz.detail($0, account: account, uuid: uuid) }
        }
        guard controlRoutes else { return router }
        // Control: inject faults into a running server (`?fault=429:2&times=3`), for
        // end-to-end tests and demos that drive a separate process.
        router.post("/_mock/faults") { request, _ -> Response in
            let query = request.uri.queryParameters
            guard let spec = query.get("fault"), let fault = MockFault(spec: spec) else {
                return response(MockReply(status: 400, body: Array("fault must be 429[:seconds], 5xx, malformed, truncated, drop or echo:STATUS\n".utf8)))
            }
            await state.faults.inject(fault, times: query.get("times", as: Int.self) ?? 1)
            return response(MockReply(status: 204, body: []))
        }
        // How many API requests were served so far: what a question cost, for benchmarks.
        router.get("/_mock/requests") { _, _ -> Response in
            let count = await state.faults.requestCount
            return response(MockReply(status: 200, body: Array("{\"requests\":\(count)}\n".utf8)))
        }
        router.post("/_mock/expire-sessions") { _, _ -> Response in
            await state.expireVoxoSessions()
            return response(MockReply(status: 204, body: []))
        }
        return router
    }

    static func response(_ reply: MockReply) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retry = reply.retryAfterSeconds { headers[.retryAfter] = String(retry) }
        return Response(status: .init(code: reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    static func faultResponse(_ fault: MockFault, provider: ProviderID, request: MockRequest) -> Response {
        switch fault {
        case .echo(let code):
            return echoResponse(code, provider: provider, request: request)
        case .status(let code, let retryAfter):
            var reply: MockReply
            if provider == .vobiz {
                reply = VobizMockAPI.errorReply(code)
            } else {
                reply = MockReply.json(.object(JSONObject([
                    ("name", .string(code == 429 ? "TooManyRequests" : "GeneralError")),
                    ("message", .string(code == 429 ? "Too many requests" : "Injected server error")),
                    ("code", .number(String(code))),
                ])), status: code)
            }
            reply.retryAfterSeconds = retryAfter
            return response(reply)
        case .malformed:
            let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
            var r = response(MockReply(status: 200, body: Array(html.utf8)))
            r.headers[.contentType] = "text/html"
            return r
        case .truncated:
            let body = provider == .vobiz
                ? Array(#"{"data":[{"call_uuid":"cut-short","from_number":"+15550100"#.utf8)
                : Array(#"[{"id":"cut-short","time":"03/25/26 08:00:00","callerIdNumber":"55501"#.utf8)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(contentLength: body.count * 4) { writer in
                    try await writer.write(ByteBuffer(bytes: body))
                    throw DroppedConnection()
                })
        case .drop:
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(contentLength: 1024) { _ in throw DroppedConnection() })
        }
    }
}

extension MockServer {
    /// The request as a careless gateway or provider quotes it in an error.
    static func echoResponse(_ code: Int, provider: ProviderID, request: MockRequest) -> Response {
        let headers = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        let body = String(decoding: request.body, as: UTF8.self)
        let echoed = "\(request.method) \(request.path)\n\(headers)\n\n\(body)"
        guard code < 500 else {
            // A proxy's page: the request quoted deep inside, past what a client shows of it.
            let padding = String(repeating: "<!-- upstream diagnostics follow -->\n", count: 4)
            let html = "<html><head><title>\(code) Bad Gateway</title></head><body><h1>\(code)</h1>\n\(padding)<pre>\(echoed)</pre></body></html>"
            var r = response(MockReply(status: code, body: Array(html.utf8)))
            r.headers[.contentType] = "text/html"
            return r
        }
        let token = request.header("authorization") ?? request.header("x-auth-token") ?? "(none)"
        let message = "token \(token) is not valid (X-Auth-Token \(request.header("x-auth-token") ?? "-"); body \(body))"
        let reply: MockReply = provider == .vobiz
            ? MockReply.json(.object(JSONObject([
                ("status", .string("error")),
                ("error", .object(JSONObject([("code", .string("UNAUTHORIZED")), ("message", .string(message)), ("details", .string(echoed))]))),
            ])), status: code)
            : MockReply.json(.object(JSONObject([
                ("name", .string("NotAuthenticated")), ("message", .string(message)), ("code", .number(String(code))),
            ])), status: code)
        return response(reply)
    }
}

extension VobizMockAPI {
    static func errorReply(_ status: Int) -> MockReply {
        let code = status == 429 ? "RATE_LIMITED" : "INTERNAL_ERROR"
        let message = status == 429 ? "Rate limit exceeded" : "Injected server error"
        return MockReply.json(.object(JSONObject([
            ("status", .string("error")),
            ("error", .object(JSONObject([("code", .string(code)), ("message", .string(message)), ("details", .null)]))),
            ("requestId", .string("req_mock_fault_\(status)")),
        ])), status: status)
    }
}

extension MockRequest {
    init(_ request: Request, context: BasicRequestContext) async throws {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            query[String(key)] = String(value)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        var bodyBytes: [UInt8] = []
        if request.method == .post {
            var buffer = try await request.body.collect(upTo: 1 << 20)
            bodyBytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        }
        self.init(method: request.method.rawValue, path: request.uri.path, query: query, headers: headers, body: bodyBytes)
    }
}
