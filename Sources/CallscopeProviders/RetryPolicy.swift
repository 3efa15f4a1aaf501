/// When to try a request again and how long to wait first. Pure: the HTTP layer reports
/// what happened, this says what to do, so the rules are tested without any I/O.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int = 3
    /// The first backoff; each retry doubles it.
    public var baseDelay: Duration = .milliseconds(500)
    public var maximumDelay: Duration = .seconds(8)
    /// A `Retry-After` longer than this is cut to it, so a hostile or confused server
    /// cannot park the client for an hour.
    public var maximumRetryAfter: Duration = .seconds(30)

    public init() {}

    public enum Outcome: Sendable, Hashable {
        case status(Int, retryAfter: Duration?)
        /// The connection failed or broke, or no answer came in time.
        case transportFailure
    }

    /// The wait before the next try, or nil when `outcome` is final (success, a 4xx other
    /// than 429, or the last attempt). `jitter` in 0...1 spreads retries of many clients.
    public func delay(after outcome: Outcome, attempt: Int, jitter: Double) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        switch outcome {
        case .status(429, let retryAfter):
            if let retryAfter { return min(max(retryAfter, .zero), maximumRetryAfter) }
            return backoff(attempt: attempt, jitter: jitter)
        case .status(let code, _) where (500...599).contains(code):
            return backoff(attempt: attempt, jitter: jitter)
        case .status:
            return nil
        case .transportFailure:
            return backoff(attempt: attempt, jitter: jitter)
        }
    }

    /// Exponential backoff with "equal jitter": half fixed, half random.
    func backoff(attempt: Int, jitter: Double) -> Duration {
        let exponential = baseDelay * (1 << max(0, min(attempt - 1, 16)))
        let capped = min(exponential, maximumDelay)
        let j = min(max(jitter, 0), 1)
        return capped / 2 + (capped / 2) * j
    }

    /// Reads `Retry-After` as delta-seconds. (HTTP-dates are rare from APIs; they fall back
    /// to backoff.)
    public static func parseRetryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value.trimmingCharacters(in: " \t")), seconds >= 0, seconds.isFinite else { return nil }
        // Clamped before converting: a hostile header must not overflow Int64.
        return .milliseconds(Int64(min(seconds, 86_400) * 1000))
    }
}
