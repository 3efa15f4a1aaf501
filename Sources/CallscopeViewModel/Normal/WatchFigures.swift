import CallscopeDomain
import Foundation

/// The figures "normal" compares for one group in one window: counts by outcome, talk,
/// short answered calls and failures by cause.
public struct WatchFigures: Sendable, Hashable {
    public var calls = 0
    public var answered = 0
    public var busy = 0
    public var noAnswer = 0
    public var failed = 0
    public var talkSeconds = 0
    /// Sum of the squares of answered calls' talk, for the ACD's sampling error.
    public var talkSquares = 0.0
    public var shortAnswered = 0
    /// Calls that did not connect, by hangup cause.
    public var failureCauses: [String: Int] = [:]

    public init() {}

    public init(_ calls: some Sequence<WatchCall>, shortSeconds: Int) {
        for call in calls { add(call, shortSeconds: shortSeconds) }
    }

    public mutating func add(_ call: WatchCall, shortSeconds: Int) {
        calls += 1
        switch call.status {
        case .answered?:
            answered += 1
            let (sum, overflow) = talkSeconds.addingReportingOverflow(call.talkSeconds)
            talkSeconds = overflow ? Int.max : sum
            talkSquares += Double(call.talkSeconds) * Double(call.talkSeconds)
            if call.talkSeconds <= shortSeconds { shortAnswered += 1 }
        case .busy?: busy += 1
        case .noAnswer?: noAnswer += 1
        case .failed?: failed += 1
        case .other?, nil: break
        }
        if call.status != .answered, let cause = call.cause { failureCauses[cause, default: 0] += 1 }
    }

    /// One figure of these calls, nil where it is not defined (a rate of no calls).
    public func value(_ metric: WatchMetric) -> Double? {
        func rate(_ count: Int, of total: Int) -> Double? { total > 0 ? Double(count) / Double(total) : nil }
        switch metric {
        case .calls: return Double(calls)
        case .asr: return rate(answered, of: calls)
        case .ner: return rate(answered + busy + noAnswer, of: calls)
        case .acd: return answered > 0 ? Double(talkSeconds) / Double(answered) : nil
        case .shortShare: return rate(shortAnswered, of: answered)
        case .causeShare(let cause): return rate(failureCauses[cause] ?? 0, of: calls)
        }
    }

    /// How far `metric`'s value could be from the truth by chance alone, over this window's
    /// calls: the binomial error of a rate (of a normal rate `normal`), the error of a mean talk.
    public func samplingError(_ metric: WatchMetric, normal: Double) -> Double {
        let n = Double(max(1, sample(metric)))
        switch metric {
        case .calls: return 0
        case .acd:
            guard answered > 1 else { return 0 }
            let mean = Double(talkSeconds) / Double(answered)
            let variance = max(0, talkSquares / Double(answered) - mean * mean)
            return (variance / n).squareRoot()
        case .asr, .ner, .shortShare, .causeShare:
            // A normal of 0 % or 100 % would claim no error at all: a few percent stand in.
            let p = min(0.97, max(0.03, normal))
            return (p * (1 - p) / n).squareRoot()
        }
    }

    /// How many calls a rate of `metric` is taken over (its sample).
    public func sample(_ metric: WatchMetric) -> Int {
        switch metric {
        case .acd, .shortShare: return answered
        case .calls, .asr, .ner, .causeShare: return calls
        }
    }
}

/// What is compared with normal.
public enum WatchMetric: Sendable, Hashable, CustomStringConvertible {
    case calls, asr, ner, acd, shortShare
    /// Failures with this hangup cause ÷ calls.
    case causeShare(String)

    public var description: String {
        switch self {
        case .calls: return "calls"
        case .asr: return "ASR"
        case .ner: return "NER"
        case .acd: return "ACD"
        case .shortShare: return "short calls"
        case .causeShare(let cause): return "failures \(SafeText.sanitize(cause))"
        }
    }

    /// A stable word for JSON and performance data.
    public var key: String {
        switch self {
        case .calls: return "calls"
        case .asr: return "asr"
        case .ner: return "ner"
        case .acd: return "acd"
        case .shortShare: return "short_share"
        case .causeShare: return "cause_share"
        }
    }

    public var isRate: Bool {
        switch self {
        case .calls, .acd: return false
        case .asr, .ner, .shortShare, .causeShare: return true
        }
    }

    /// The value as a person reads it: "66 %", "4:12", "1,041".
    public func text(_ value: Double) -> String {
        switch self {
        case .calls: return String(Self.whole(value))
        case .acd: return CallFormatting.clock(Self.whole(value))
        case .asr, .ner, .shortShare, .causeShare: return "\(Self.whole(value * 100)) %"
        }
    }

    /// Rounded to a whole number without trapping (talk sums saturate at Int.max).
    static func whole(_ value: Double) -> Int {
        value.isFinite ? Int(max(-9e18, min(9e18, value.rounded()))) : 0
    }
}
