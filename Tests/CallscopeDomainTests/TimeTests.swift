import Foundation
import Testing
@testable import CallscopeDomain
@testable import CallscopeJSON

@Suite("Times and zones")
struct TimeTests {
    let newYork = ZoneClock(identifier: "America/New_York")!
    let chicago = ZoneClock(identifier: "America/Chicago")!

    @Test func iso8601Variants() {
        #expect(ISO8601.parse("2026-03-25T10:30:00Z")?.timeIntervalSince1970 == 1_774_434_600)
        #expect(ISO8601.parse("2026-03-25T16:00:00+05:30")?.timeIntervalSince1970 == 1_774_434_600)
        #expect(ISO8601.parse("2026-03-25 10:30:00")?.timeIntervalSince1970 == 1_774_434_600)
        #expect(ISO8601.parse("2026-03-25T10:30:00.250Z")?.timeIntervalSince1970 == 1_774_434_600.25)
        #expect(ISO8601.parse("2026-02-30T10:30:00Z") == nil)
        #expect(ISO8601.parse("yesterday") == nil)
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_774_434_600)) == "2026-03-25T10:30:00Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_774_434_600.5)) == "2026-03-25T10:30:00.500Z")
    }

    @Test func voxoSampleVector() {
        // The seed's sample: 10/10/22 23:07:20 in America/New_York is 2022-10-11T03:07:20Z.
        let local = LocalDateTime(year: 2022, month: 10, day: 10, hour: 23, minute: 7, second: 20)
        #expect(newYork.instant(from: local).timeIntervalSince1970 == 1_665_457_640)
        #expect(chicago.local(Date(timeIntervalSince1970: 1_665_457_640)).description == "2022-10-10 22:07:20")
    }

    @Test func springForwardGapMovesForward() {
        // 2026-03-08 02:30 does not exist in New York.
        let gap = LocalDateTime(year: 2026, month: 3, day: 8, hour: 2, minute: 30)
        #expect(newYork.instants(forCivilSeconds: gap.civilSeconds).isEmpty)
        #expect(ISO8601.format(newYork.instant(from: gap)) == "2026-03-08T07:30:00Z")
    }

    @Test func fallBackRepeatUsesHint() {
        // 2026-11-01 01:30 happens twice in New York: 05:30Z (EDT) and 06:30Z (EST).
        let repeated = LocalDateTime(year: 2026, month: 11, day: 1, hour: 1, minute: 30)
        let candidates = newYork.instants(forCivilSeconds: repeated.civilSeconds)
        #expect(candidates == [1_793_511_000, 1_793_514_600])
        #expect(newYork.instant(from: repeated).timeIntervalSince1970 == 1_793_511_000)
        let hint = Date(timeIntervalSince1970: 1_793_514_601)
        #expect(newYork.instant(from: repeated, preferring: hint).timeIntervalSince1970 == 1_793_514_600)
    }

    @Test func civilCalendarRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = CivilCalendar.civilFromDays(days)
            #expect(CivilCalendar.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }

    @Test func timeSpecForms() throws {
        let now = Date(timeIntervalSince1970: 1_774_440_000)  // 2026-03-25T12:00:00Z
        #expect(try TimeSpec.parse("45m", zone: newYork, now: now) == now.addingTimeInterval(-2_700))
        #expect(try TimeSpec.parse("7d", zone: newYork, now: now) == now.addingTimeInterval(-604_800))
        #expect(try TimeSpec.parse("now", zone: newYork, now: now) == now)
        #expect(ISO8601.format(try TimeSpec.parse("2026-03-20", zone: newYork, now: now)) == "2026-03-20T04:00:00Z")
        #expect(ISO8601.format(try TimeSpec.parse("2026-03-20", zone: newYork, now: now, endOfDay: true)) == "2026-03-21T04:00:00Z")
        #expect(ISO8601.format(try TimeSpec.parse("2026-03-20 15:04", zone: newYork, now: now)) == "2026-03-20T19:04:00Z")
        #expect(ISO8601.format(try TimeSpec.parse("2026-03-20 15:04:05", zone: chicago, now: now)) == "2026-03-20T20:04:05Z")
        #expect(ISO8601.format(try TimeSpec.parse("2026-03-20T15:04:05Z", zone: chicago, now: now)) == "2026-03-20T15:04:05Z")
    }

    @Test(arguments: ["abc", "2026-13-01", "2026-03-20 25:00", "7x", "-5d", "2026/03/20"])
    func timeSpecRejects(_ text: String) {
        #expect(throws: TimeSpecError.self) {
            try TimeSpec.parse(text, zone: newYork, now: Date())
        }
    }
}

@Suite("Ticket times")
struct TicketTimeTests {
    // Wednesday 2026-11-18 10:30 in New York (15:30 UTC).
    let zone = ZoneClock(identifier: "America/New_York")!
    let now = Date(timeIntervalSince1970: 1_795_015_800)

    func local(_ text: String, endOfDay: Bool = false) throws -> String {
        zone.local(try TimeSpec.parse(text, zone: zone, now: now, endOfDay: endOfDay)).description
    }

    @Test func namedDaysInTheDisplayZone() throws {
        #expect(try local("now") == "2026-11-18 10:30:00")
        #expect(try local("today") == "2026-11-18 00:00:00")
        #expect(try local("today", endOfDay: true) == "2026-11-19 00:00:00")
        #expect(try local("yesterday") == "2026-11-17 00:00:00")
        #expect(try local("Yesterday 14:00") == "2026-11-17 14:00:00")
        #expect(try local("yesterday 18:00:30") == "2026-11-17 18:00:30")
        #expect(try local("mon 09:00") == "2026-11-16 09:00:00")
        #expect(try local("monday") == "2026-11-16 00:00:00")
        #expect(try local("wed") == "2026-11-18 00:00:00", "today's weekday is today")
        #expect(try local("thu") == "2026-11-12 00:00:00", "the latest Thursday, last week")
        #expect(try local("sun", endOfDay: true) == "2026-11-16 00:00:00")
    }

    @Test(arguments: ["yesterday 25:00", "mo", "monkey", "today 9:00", "tomorrow", "yesterday 14:00 extra"])
    func nonsenseIsRefused(_ text: String) {
        #expect(throws: TimeSpecError.self) { try TimeSpec.parse(text, zone: zone, now: now) }
    }
}
