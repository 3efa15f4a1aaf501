import CallscopeDomain
import Foundation

/// The figures of a set of calls (README, "Triage"), fed call by call in constant memory and
/// mergeable in any order: counts by outcome, ASR, NER, ACD, talk time, cost per currency
/// (decimal), MOS bands, hangup causes and a histogram over the range.
public struct CallStatistics: Sendable, Equatable {
    public var calls = 0
    public var answered = 0
    public var busy = 0
    public var noAnswer = 0
    public var failed = 0
    public var other = 0
    /// Talk seconds of answered calls (saturating: provider numbers never trap).
    public var talkSeconds = 0
    /// Sums per currency, in decimal: the providers' exact cost text added up.
    public var cost: [String: Decimal] = [:]
    public var mos = MOSBands()
    /// Hangup causes by count, at most `causeLimit` distinct (the rest under "(other causes)").
    public var causes: [String: Int] = [:]
    public var histogram: Histogram
    /// The deck the calls are rated by (`--rates`, a profile's `rates`), and what it says.
    public var deck: RateDeck?
    public var rated = RatedFigures()

    public static let causeLimit = 200
    public static let otherCauses = "(other causes)"

    public init(range: ClosedRange<Date>) {
        histogram = Histogram(range: range)
    }

    /// Answer-seizure ratio: answered ÷ calls (nil with no calls).
    public var asr: Double? { calls > 0 ? Double(answered) / Double(calls) : nil }
    /// Network effectiveness: calls the network delivered (answered, busy, no answer) ÷ calls.
    public var ner: Double? { calls > 0 ? Double(answered + busy + noAnswer) / Double(calls) : nil }
    /// Average call duration: talk seconds ÷ answered calls (nil with none answered).
    public var acdSeconds: Double? { answered > 0 ? Double(talkSeconds) / Double(answered) : nil }

    public mutating func add(_ call: Call) {
        calls += 1
        switch call.status {
        case .answered?:
            answered += 1
            talkSeconds = Self.adding(talkSeconds, max(0, call.durationSeconds ?? 0))
        case .busy?: busy += 1
        case .noAnswer?: noAnswer += 1
        case .failed?: failed += 1
        case .other?, nil: other += 1
        }
        if let text = call.cost, let amount = Decimal(string: text), amount.isFinite {
            cost[call.currency ?? "", default: 0] += amount
        }
        mos.add(call.mos)
        if let cause = call.hangupCause, !cause.isEmpty {
            if causes[cause] != nil || causes.count < Self.causeLimit {
                causes[cause, default: 0] += 1
            } else {
                causes[Self.otherCauses, default: 0] += 1
            }
        }
        histogram.add(call.startTime, failed: call.status == .failed)
        if let deck { rated.add(call, rating: deck.rate(call)) }
    }

    /// Folds `other` in; the result does not depend on the order of merges.
    public mutating func merge(_ other: CallStatistics) {
        calls += other.calls
        answered += other.answered
        busy += other.busy
        noAnswer += other.noAnswer
        failed += other.failed
        self.other += other.other
        talkSeconds = Self.adding(talkSeconds, other.talkSeconds)
        for (currency, amount) in other.cost { cost[currency, default: 0] += amount }
        mos.merge(other.mos)
        for (cause, count) in other.causes {
            if causes[cause] != nil || causes.count < Self.causeLimit {
                causes[cause, default: 0] += count
            } else {
                causes[Self.otherCauses, default: 0] += count
            }
        }
        histogram.merge(other.histogram)
        rated.merge(other.rated)
    }

    /// The most frequent causes, most first (ties by name).
    public func topCauses(_ count: Int) -> [(cause: String, calls: Int)] {
        causes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map { ($0.key, $0.value) }
    }

    static func adding(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

/// MOS (ITU-T P.800) bands: good ≥ 4, fair 3.6–4, poor 3.1–3.6, bad below; 0 or absent is
/// "not measured" (providers send 0 for calls without RTCP).
public struct MOSBands: Sendable, Equatable {
    public var good = 0, fair = 0, poor = 0, bad = 0, notMeasured = 0
    /// Of `notMeasured`, the calls whose record has no MOS at all (Vobiz list rows carry none:
    /// only a customer's single-call answer does), as against a MOS of 0 (no RTCP).
    public var absent = 0

    /// "not measured" says something of the calls; "not in list data" of the records read.
    public var noneText: String {
        absent > 0 && absent == notMeasured ? "not in list data" : "not measured"
    }

    public init(good: Int = 0, fair: Int = 0, poor: Int = 0, bad: Int = 0, notMeasured: Int = 0, absent: Int = 0) {
        (self.good, self.fair, self.poor, self.bad, self.notMeasured, self.absent) = (good, fair, poor, bad, notMeasured, absent)
    }

    mutating func add(_ mos: Double?) {
        guard let mos else {
            notMeasured += 1
            absent += 1
            return
        }
        guard mos > 0, mos.isFinite else { notMeasured += 1; return }
        switch mos {
        case 4...: good += 1
        case 3.6..<4: fair += 1
        case 3.1..<3.6: poor += 1
        default: bad += 1
        }
    }

    mutating func merge(_ other: MOSBands) {
        good += other.good; fair += other.fair; poor += other.poor; bad += other.bad; notMeasured += other.notMeasured
        absent += other.absent
    }
}

/// Calls per time bucket over a range, failures counted apart; the bucket is the smallest
/// round size (1 min … 1 week) that cuts the range into at most `maximumBuckets`.
public struct Histogram: Sendable, Equatable {
    public static let maximumBuckets = 60
    static let sizes: [Int] = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400]

    public let start: Date
    public let bucketSeconds: Int
    public private(set) var calls: [Int]
    public private(set) var failed: [Int]

    public init(range: ClosedRange<Date>) {
        let span = max(1, range.upperBound.timeIntervalSince(range.lowerBound))
        let size = Self.sizes.first { span / Double($0) <= Double(Self.maximumBuckets) } ?? Int((span / Double(Self.maximumBuckets)).rounded(.up))
        bucketSeconds = size
        // Buckets start on round times (whole minutes, hours, days in UTC).
        let aligned = (range.lowerBound.timeIntervalSince1970 / Double(size)).rounded(.down) * Double(size)
        start = Date(timeIntervalSince1970: aligned)
        let count = min(Self.maximumBuckets + 1, Int((range.upperBound.timeIntervalSince1970 - aligned) / Double(size)) + 1)
        calls = Array(repeating: 0, count: max(1, count))
        failed = calls
    }

    mutating func add(_ time: Date?, failed isFailure: Bool) {
        guard let time else { return }
        let offset = time.timeIntervalSince(start) / Double(bucketSeconds)
        guard offset >= 0, offset < Double(calls.count) else { return }
        let index = Int(offset)
        calls[index] += 1
        if isFailure { failed[index] += 1 }
    }

    mutating func merge(_ other: Histogram) {
        guard other.start == start, other.bucketSeconds == bucketSeconds, other.calls.count == calls.count else { return }
        for index in calls.indices {
            calls[index] += other.calls[index]
            failed[index] += other.failed[index]
        }
    }
}

extension OutcomeCounts {
    /// The outcomes of figures read call by call.
    public init(_ figures: CallStatistics) {
        self.init(calls: figures.calls, answered: figures.answered, busy: figures.busy, noAnswer: figures.noAnswer, failed: figures.failed)
    }
}
