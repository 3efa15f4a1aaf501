import Foundation
import Testing
@testable import CallscopeDomain
@testable import CallscopeJSON

/// Offsets kept by span answer what Foundation answers, in zones with DST, half-hour DST,
/// abolished DST, a skipped day and none, including the seconds around every transition.
@Suite("Zone offsets kept by span")
struct ZoneOffsetSpansTests {
    static let zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia",
                        "America/Sao_Paulo", "UTC", "Asia/Tehran", "America/St_Johns"]

    @Test(arguments: zones)
    func cachedOffsetsEqualFoundationsEverywhere(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let clock = try #require(ZoneClock(identifier: identifier))
        var instants: [Int64] = []
        // Every 7 hours and 13 minutes from 2009 to 2031, in a scrambled order (newest first,
        // then jumps), so spans are found from both sides.
        var t: Int64 = 1_230_768_000
        while t < 1_924_992_000 {
            instants.append(t)
            t += 7 * 3_600 + 13 * 60
        }
        instants.reverse()
        instants += instants.enumerated().filter { $0.offset % 97 == 0 }.map(\.element).shuffled()
        // The seconds either side of each transition.
        var cursor = Date(timeIntervalSince1970: 1_230_768_000)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < 1_924_992_000 {
            let at = Int64(next.timeIntervalSince1970)
            instants += [at - 1, at, at + 1]
            cursor = next
        }
        var wrong: [Int64] = []
        for instant in instants where clock.offset(at: instant) != ZoneOffsetSpans.direct(instant, zone) {
            wrong.append(instant)
        }
        #expect(wrong.isEmpty, "\(identifier): \(wrong.prefix(5))")
    }

    @Test func farInstantsAreAskedDirectlyAndStillAnswered() throws {
        let clock = try #require(ZoneClock(identifier: "America/New_York"))
        for instant in [Int64.min, -(1 << 41), 1 << 41, Int64.max] {
            #expect(clock.offset(at: instant) == ZoneOffsetSpans.direct(instant, clock.timeZone))
        }
    }

    @Test func wallTimesResolveAsBeforeAroundTransitions() throws {
        let clock = try #require(ZoneClock(identifier: "America/New_York"))
        // The repeated hour: earlier instant without a hint, the hinted one with it.
        let repeated = LocalDateTime(year: 2026, month: 11, day: 1, hour: 1, minute: 30)
        #expect(clock.instant(from: repeated).timeIntervalSince1970 == 1_793_511_000)
        #expect(clock.instant(from: repeated, preferring: Date(timeIntervalSince1970: 1_793_514_600)).timeIntervalSince1970 == 1_793_514_600)
        // Every minute of the days around both 2026 transitions reads back to its wall time
        // (but the skipped hour, which moves forward).
        for start in [1_772_859_600, 1_793_419_200] as [Int64] {
            for minute in stride(from: start, to: start + 2 * 86_400, by: 60) {
                let local = clock.local(Date(timeIntervalSince1970: TimeInterval(minute)))
                #expect(clock.local(clock.instant(from: local)) == local)
            }
        }
    }
}
