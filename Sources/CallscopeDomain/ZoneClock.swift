import Foundation

/// Converts between instants and wall-clock times in one IANA zone, DST included.
///
/// A wall time can name no instant (the hour skipped in spring) or two (the hour repeated
/// in autumn). `instant(from:preferring:)` resolves both: a skipped time moves forward by
/// the gap, a repeated one takes the instant nearest a hint (VOXO's uniqueId epoch), else
/// the earlier one.
public struct ZoneClock: Sendable, Hashable {
    /// Zones are equal when they have one name.
    public static func == (a: ZoneClock, b: ZoneClock) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    public let timeZone: TimeZone
    /// The zone's name as the user gave it (Foundation reports `UTC` as `GMT`).
    public let identifier: String
    /// Shared by the copies of this clock.
    private let spans = ZoneOffsetSpans()

    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        self.identifier = timeZone.identifier
    }

    /// nil when `identifier` is not a zone this system knows.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.timeZone = zone
        self.identifier = identifier
    }

    public func offset(at instant: Int64) -> Int64 {
        spans.offset(at: instant, in: timeZone)
    }

    /// Total for any date, however far out (times from providers are untrusted): the
    /// arithmetic saturates instead of trapping.
    public func local(_ date: Date) -> LocalDateTime {
        let seconds = Int64(saturatingSeconds: date.timeIntervalSince1970)
        return LocalDateTime(civilSeconds: Self.add(seconds, offset(at: seconds)))
    }

    /// The day `date` falls on here, as `2026-03-24`.
    public func day(of date: Date) -> String {
        String(local(date).description.prefix(10))
    }

    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// Every instant (Unix seconds) whose wall time here is `civilSeconds`: zero, one or two.
    public func instants(forCivilSeconds civil: Int64) -> [Int64] {
        var offsets: [Int64] = []
        for probe in [Self.add(civil, -86_400), civil, Self.add(civil, 86_400)] {
            let o = offset(at: probe)
            if !offsets.contains(o) { offsets.append(o) }
        }
        var result: [Int64] = []
        for o in offsets {
            let candidate = Self.add(civil, -o)
            if offset(at: candidate) == o, !result.contains(candidate) { result.append(candidate) }
        }
        return result.sorted()
    }

    public func instant(from local: LocalDateTime, preferring hint: Date? = nil) -> Date {
        let civil = local.civilSeconds
        // Nearly always: the same offset a day either side and at the wall time itself, so one
        // instant (what `instants(forCivilSeconds:)` would find alone), found without lists.
        let before = offset(at: Self.add(civil, -86_400))
        if before == offset(at: civil), before == offset(at: Self.add(civil, 86_400)), offset(at: Self.add(civil, -before)) == before {
            return Date(timeIntervalSince1970: TimeInterval(Self.add(civil, -before)))
        }
        let candidates = instants(forCivilSeconds: civil)
        let chosen: Int64
        if candidates.isEmpty {
            // In a spring-forward gap: read with the offset in force before the gap.
            chosen = Self.add(civil, -offset(at: Self.add(civil, -86_400)))
        } else if candidates.count > 1, let hint {
            let h = Int64(saturatingSeconds: hint.timeIntervalSince1970)
            chosen = candidates.min(by: { Self.add($0, -h).magnitude < Self.add($1, -h).magnitude }) ?? candidates[0]
        } else {
            chosen = candidates[0]
        }
        return Date(timeIntervalSince1970: TimeInterval(chosen))
    }

    /// The start of the local day containing `date`.
    public func startOfDay(_ date: Date) -> Date {
        var l = local(date)
        l.hour = 0; l.minute = 0; l.second = 0
        return instant(from: l)
    }
}
