/// A failure the mock server can be told to produce, to exercise clients' retries and
/// error messages over real HTTP.
public enum MockFault: Sendable, Hashable, CustomStringConvertible {
    /// An HTTP error status in the provider's error shape; 429 carries `Retry-After`.
    case status(Int, retryAfterSeconds: Int?)
    /// 200 with an HTML page instead of JSON (a proxy's error page).
    case malformed
    /// 200 whose body stops halfway: the connection closes before Content-Length is met.
    case truncated
    /// The connection closes before any body arrives.
    case drop
    /// An error status whose body echoes the request, headers and body, as careless gateways
    /// and providers do: a 4xx in the provider's error shape naming the credentials, a 5xx as a
    /// proxy's HTML page. What a client quotes of it must not hold a secret.
    case echo(Int)

    /// Reads `429`, `429:5` (Retry-After 5 s), `500`, `503`, `malformed`, `truncated`, `drop`,
    /// `echo:401` (any 4xx or 5xx).
    public init?(spec: String) {
        let lower = spec.lowercased()
        switch lower {
        case "malformed", "html": self = .malformed
        case "truncated", "truncate": self = .truncated
        case "drop", "dropped": self = .drop
        case _ where lower.hasPrefix("echo:"):
            guard let code = Int(lower.dropFirst(5)), (400...599).contains(code) else { return nil }
            self = .echo(code)
        default:
            let parts = lower.split(separator: ":")
            guard let code = parts.first.flatMap({ Int($0) }), (400...599).contains(code) else { return nil }
            let retryAfter = parts.count > 1 ? Int(parts[1]) : (code == 429 ? 1 : nil)
            self = .status(code, retryAfterSeconds: retryAfter)
        }
    }

    public var description: String {
        switch self {
        case .status(let code, let retry): return retry.map { "\(code):\($0)" } ?? String(code)
        case .malformed: return "malformed"
        case .truncated: return "truncated"
        case .drop: return "drop"
        case .echo(let code): return "echo:\(code)"
        }
    }
}

/// The queue of faults still to inject, each for the next N API requests.
public actor MockFaultPlan {
    private var queue: [(fault: MockFault, remaining: Int)] = []
    /// Every API request served, faulty or not: lets tests count requests exactly.
    public private(set) var requestCount = 0

    public init() {}

    public func inject(_ fault: MockFault, times: Int = 1) {
        guard times > 0 else { return }
        queue.append((fault, times))
    }

    public func clear() { queue.removeAll() }

    /// Called once per API request: the fault to produce now, if any.
    func nextFault() -> MockFault? {
        requestCount += 1
        guard !queue.isEmpty else { return nil }
        let fault = queue[0].fault
        queue[0].remaining -= 1
        if queue[0].remaining <= 0 { queue.removeFirst() }
        return fault
    }
}
