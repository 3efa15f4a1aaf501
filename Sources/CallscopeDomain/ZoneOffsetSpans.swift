import Foundation
import Synchronization

/// A zone's UTC offsets as Foundation gave them, kept by the span between two transitions in
/// which each holds, so the next instant in the same span is answered without asking again.
/// Decoding a VOXO day asks for an offset several times per record, the list once per row
/// drawn; Foundation answers each through ICU (docs/ARCHITECTURE.md, "Calls in memory").
final class ZoneOffsetSpans: Sendable {
    /// `offset` holds for every instant in `start ..< end` (Unix seconds).
    struct Span {
        let start: Int64
        let end: Int64
        let offset: Int64
    }

    private let spans = Mutex<[Span]>([])
    /// Spans kept; the oldest goes first (a range of years at most needs a few dozen).
    static let capacity = 32
    /// Instants further out than this (±34,000 years) are asked directly, never cached.
    static let reach: Int64 = 1 << 40
    static let year: Int64 = 366 * 86_400

    func offset(at instant: Int64, in zone: TimeZone) -> Int64 {
        if let known = spans.withLock({ $0.first { $0.start <= instant && instant < $0.end }?.offset }) { return known }
        guard let span = Self.span(containing: instant, in: zone) else { return Self.direct(instant, zone) }
        spans.withLock { spans in
            if spans.count >= Self.capacity { spans.removeFirst() }
            spans.append(span)
        }
        return span.offset
    }

    static func direct(_ instant: Int64, _ zone: TimeZone) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// The span around `instant`: from the last transition at or before it (at most a year
    /// back) to the next one after it (at most a year on).
    static func span(containing instant: Int64, in zone: TimeZone) -> Span? {
        guard instant > -reach, instant < reach else { return nil }
        func transition(after seconds: Int64) -> Int64? {
            zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(seconds)))
                .map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        }
        var start = instant - year
        // Zones change at most a few times a year; the bound only guards a zone that would not.
        for _ in 0..<16 {
            guard let next = transition(after: start), next > start, next <= instant else { break }
            start = next
        }
        let end = min(transition(after: instant) ?? instant + year, instant + year)
        guard end > instant else { return nil }
        return Span(start: start, end: end, offset: direct(instant, zone))
    }
}
