import AsyncHTTPClient
import CallscopeDomain
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Timeouts, retries and limits shared by both provider clients.
public struct HTTPSettings: Sendable {
    /// How long one request may take, body included.
    public var requestTimeout: Duration = .seconds(60)
    public var retry = RetryPolicy()
    /// Bodies larger than this are refused rather than buffered (a VOXO month is far less).
    public var maximumBodyBytes = 512 * 1024 * 1024
    /// Requests a reader that goes to the end keeps on their way at once (a profile's
    /// `max_requests_in_flight`, 1…16).
    public var maxRequestsInFlight = HTTPSettings.defaultRequestsInFlight
    public static let defaultRequestsInFlight = 8
    public static let mostRequestsInFlight = 16
    /// `request_budget`: requests the statistics strip may send without being asked (the
    /// exact counts included); past it the figures are an estimate from pages spread over the range.
    public var requestBudget = HTTPSettings.defaultRequestBudget
    public static let defaultRequestBudget = 50
    public var userAgent = "callscope/\(CallscopeVersion.string)"

    public init() {}
}

public enum CallscopeVersion {
    public static let string = "0.1.0"
}

/// A finished exchange: any 2xx, or a 4xx other than 429 for the client to interpret.
public struct HTTPReply: Sendable {
    public let status: Int
    public let body: [UInt8]

    public var bodyText: String { String(decoding: body.prefix(4096), as: UTF8.self) }
}

/// The one place that talks HTTP. Owns the async-http-client instance; every request
/// carries the User-Agent, a deadline and the logger, and is retried per `RetryPolicy`.
/// Redirects are refused so credentials never follow a Location header to another host.
public final class ProviderHTTP: Sendable {
    public let provider: ProviderID
    let client: HTTPClient
    let settings: HTTPSettings
    let sleeper: any RetrySleeper
    let logger: Logger
    let describeErrorBody: @Sendable ([UInt8]) -> ProviderErrorBody

    public init(
        provider: ProviderID,
        settings: HTTPSettings = HTTPSettings(),
        sleeper: any RetrySleeper = ClockSleeper(),
        logger: Logger = Logger(label: "callscope.http", factory: { _ in SwiftLogNoOpLogHandler() }),
        describeErrorBody: @escaping @Sendable ([UInt8]) -> ProviderErrorBody
    ) {
        self.client = Self.sharedClient
        self.provider = provider
        self.settings = settings
        self.sleeper = sleeper
        self.logger = logger
        self.describeErrorBody = describeErrorBody
    }

    /// One client for the process: it pools connections across providers and requests, and,
    /// living as long as the process, never needs the explicit shutdown a dropped
    /// HTTPClient would otherwise demand. Per-request deadlines bound each call.
    static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(30)))
        // The pool would otherwise retry a refused connection until the request's deadline;
        // our own retry policy decides, so "connection refused" is reported in milliseconds.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Every request a reader keeps in flight gets a connection of its own (the pool's
        // default is 8 per host, under `max_requests_in_flight`'s ceiling of 16), and more: a
        // request held back by its `ReadGate` keeps its connection until its turn, so the head
        // window split at the store's settling edge, the list's and the strip's requests beside
        // an export at 16 must not wait behind the gated ones.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 2 * HTTPSettings.mostRequestsInFlight + 8
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public enum Method: Sendable { case get, post }

    /// Sends the request, retrying 429, 5xx and transport failures; returns the final
    /// reply for the caller to interpret, or throws when retries are spent.
    /// - Parameters:
    ///   - what: what the request is for, in words ("list calls"), for messages.
    ///   - streamingInto: for a 2xx answer, makes the consumer its body is handed to piece by
    ///     piece as it arrives (the reply's `body` is then empty); one per attempt, so a
    ///     retried request starts afresh. Other answers are collected as usual.
    ///   - quotingErrors: whether a 429 or 5xx answer's body may be quoted in the error. Not
    ///     for a login: its answer may hold a token, and a gateway may echo the password sent.
    public func send(
        _ method: Method,
        url: String,
        headers: [(String, String)],
        body: [UInt8]? = nil,
        what: String,
        quotingErrors: Bool = true,
        streamingInto makeConsumer: (() -> any ByteStreamConsumer)? = nil
    ) async throws(ProviderError) -> HTTPReply {
        // A header value HTTP cannot carry (a credential with a stray control character) is
        // refused here, once, by name: the library's own error would quote the value.
        for (name, value) in headers where !Self.isValidHeaderValue(value) {
            throw ProviderError(
                kind: .configuration, provider: provider,
                summary: "callscope cannot send the \(name) header to \(what): its value holds a control character",
                advice: "check the credentials for stray characters (a line break or an escape)")
        }
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw .cancelled(provider) }
            let outcome: RetryPolicy.Outcome
            let failure: ProviderError
            do {
                let reply = try await once(method, url: url, headers: headers, body: body, streamingInto: makeConsumer)
                if reply.status != 429 && reply.status < 500 { return HTTPReply(status: reply.status, body: reply.body) }
                outcome = .status(reply.status, retryAfter: reply.retryAfter)
                failure = statusFailure(reply, what: what, attempts: attempt, quoting: quotingErrors)
            } catch is CancellationError {
                throw .cancelled(provider)
            } catch is NIOTooManyBytesError {
                // Asking again would download the same oversized body again.
                throw ProviderError(
                    kind: .malformedResponse, provider: provider,
                    summary: "\(provider.displayName) sent more than \(settings.maximumBodyBytes / 1_048_576) MB to \(what)",
                    advice: "narrow the time range")
            } catch {
                if Task.isCancelled { throw .cancelled(provider) }
                outcome = .transportFailure
                failure = transportFailure(error, url: url, what: what, attempts: attempt)
            }
            guard let delay = settings.retry.delay(after: outcome, attempt: attempt, jitter: Double.random(in: 0...1)) else {
                throw failure
            }
            logger.info("retrying", metadata: ["provider": "\(provider.rawValue)", "what": "\(what)", "attempt": "\(attempt)", "delayMs": "\(delay.milliseconds)", "reason": "\(failure.summary)"])
            do {
                try await sleeper.sleep(for: delay)
            } catch {
                throw .cancelled(provider)
            }
        }
    }

    /// Visible ASCII, spaces and tabs, and UTF-8 text above it: what a field value may hold.
    static func isValidHeaderValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    private struct RawReply {
        let status: Int
        let body: [UInt8]
        let retryAfter: Duration?
    }

    private func once(_ method: Method, url: String, headers: [(String, String)], body: [UInt8]?,
                      streamingInto makeConsumer: (() -> any ByteStreamConsumer)?) async throws -> RawReply {
        var request = HTTPClientRequest(url: url)
        request.method = method == .get ? .GET : .POST
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let started = ContinuousClock.now
        let response = try await client.execute(request, timeout: .nanoseconds(settings.requestTimeout.nanoseconds), logger: logger)
        if let makeConsumer, (200..<300).contains(Int(response.status.code)) {
            // Handed on as it arrives: memory holds a piece, not the answer (no size limit needed).
            let consumer = makeConsumer()
            // A segment read ahead of its turn stops after its allowance (docs/ARCHITECTURE.md,
            // "Reading ahead"): while it waits the body is not read, so the connection holds it.
            let gate = ReadGate.current
            var received = 0
            for try await piece in response.body {
                received += piece.readableBytes
                if !piece.withUnsafeReadableBytes({ consumer.consume($0) }) { break }
                if let gate {
                    await gate.holdBack(received: received)
                    try Task.checkCancellation()
                }
            }
            logger.debug("response", metadata: [
                "url": "\(url)", "status": "\(response.status.code)", "bytes": "\(received)", "streamed": "true",
                "ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
            return RawReply(status: Int(response.status.code), body: [], retryAfter: nil)
        }
        var buffer = try await response.body.collect(upTo: settings.maximumBodyBytes)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        // The URL carries no secret (credentials travel in headers); it is safe to log.
        logger.debug("response", metadata: [
            "url": "\(url)", "status": "\(response.status.code)", "bytes": "\(bytes.count)",
            "ms": "\((ContinuousClock.now - started).milliseconds)",
        ])
        return RawReply(
            status: Int(response.status.code), body: bytes,
            retryAfter: RetryPolicy.parseRetryAfter(response.headers.first(name: "Retry-After")))
    }

    private func statusFailure(_ reply: RawReply, what: String, attempts: Int, quoting: Bool) -> ProviderError {
        let described = quoting ? describeErrorBody(reply.body) : ProviderErrorBody()
        let detail = [described.code, described.message].compactMap { $0 }.joined(separator: ": ")
        let suffix = detail.isEmpty ? "" : ", \(ProviderError.excerpt(detail))"
        if reply.status == 429 {
            return ProviderError(
                kind: .rateLimited, provider: provider, status: 429, providerCode: described.code,
                summary: "\(provider.displayName) kept answering 429 Too Many Requests to \(what) after \(attempts) tries\(suffix)",
                advice: "wait a minute, then try again with a narrower range or fewer requests")
        }
        return ProviderError(
            kind: .server, provider: provider, status: reply.status, providerCode: described.code,
            summary: "\(provider.displayName) failed to \(what) with HTTP \(reply.status) \(attempts) times\(suffix)",
            advice: "the provider is having trouble; try again later")
    }

    private func transportFailure(_ error: any Error, url: String, what: String, attempts: Int) -> ProviderError {
        let timeouts: [HTTPClientError] = [.readTimeout, .connectTimeout, .deadlineExceeded, .writeTimeout, .tlsHandshakeTimeout]
        let origin = Self.origin(of: url)
        if let httpError = error as? HTTPClientError, timeouts.contains(httpError) {
            return ProviderError(
                kind: .timeout, provider: provider,
                summary: "\(provider.displayName) at \(origin) did not answer in time to \(what) (\(attempts) tries)",
                advice: "check the network, or narrow the range so each answer is smaller")
        }
        return ProviderError(
            kind: .network, provider: provider,
            summary: "could not \(what) from \(provider.displayName) at \(origin) (\(attempts) tries; \(Self.safeDescription(of: error)))",
            advice: "check --base-url and the network connection")
    }

    /// Words for a transport failure that can never quote a request: AHC's own description
    /// of some errors lists header values, so only known, value-free cases are named.
    static func safeDescription(of error: any Error) -> String {
        if let httpError = error as? HTTPClientError {
            let known: [(HTTPClientError, String)] = [
                (.remoteConnectionClosed, "the connection was closed"), (.readTimeout, "read timed out"),
                (.writeTimeout, "write timed out"), (.connectTimeout, "connect timed out"),
                (.tlsHandshakeTimeout, "TLS handshake timed out"), (.deadlineExceeded, "deadline exceeded"),
                (.invalidURL, "invalid URL"), (.emptyHost, "no host"), (.cancelled, "cancelled"),
                (.getConnectionFromPoolTimeout, "no connection free in time"), (.bodyLengthMismatch, "body length mismatch"),
            ]
            return known.first { $0.0 == httpError }?.1 ?? "HTTP client error"
        }
        // NIO's connection and I/O errors name the address and the errno, never a header.
        return ProviderError.excerpt(String(describing: error), limit: 100)
    }

    /// Scheme, host and port only: what a message needs, without query strings.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<schemeEnd.upperBound]) + authority
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
