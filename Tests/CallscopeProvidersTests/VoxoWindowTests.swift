import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeProviders

@Suite("VOXO windows: 31 days per account, 24 hours partner-wide")
struct VoxoWindowTests {
    let utc = ZoneClock(identifier: "UTC")!
    let newYork = ZoneClock(identifier: "America/New_York")!
    let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z

    @Test func exactly31DaysIsOneWindow() {
        let planner = VoxoWindowPlanner(zone: utc, scope: .tenant("37"))
        let windows = planner.windows(since: start, until: start.addingTimeInterval(31 * 86_400))
        #expect(windows.count == 1)
        #expect(windows[0].start.description == "2026-03-01 00:00:00")
        #expect(windows[0].end.description == "2026-04-01 00:00:00")
    }

    @Test func oneSecondOver31DaysIsTwoWindowsNewestFirst() {
        let planner = VoxoWindowPlanner(zone: utc, scope: .billingCode("B"))
        let windows = planner.windows(since: start, until: start.addingTimeInterval(31 * 86_400 + 1))
        #expect(windows.count == 2)
        #expect(windows[0].until > windows[1].until)
        #expect(windows[0].since == windows[1].until, "windows are contiguous")
        #expect(windows[1].since == start)
        #expect(windows[1].until.timeIntervalSince(windows[1].since) == 1)
    }

    @Test func partnerWideIs24Hours() {
        let planner = VoxoWindowPlanner(zone: utc, scope: .partner)
        #expect(planner.windows(since: start, until: start.addingTimeInterval(86_400)).count == 1)
        let windows = planner.windows(since: start, until: start.addingTimeInterval(86_400 + 1))
        #expect(windows.count == 2)
        #expect(planner.windows(since: start, until: start.addingTimeInterval(7 * 86_400)).count == 7)
        for window in planner.windows(since: start, until: start.addingTimeInterval(10 * 86_400 + 77)) {
            #expect(window.end.civilSeconds - window.start.civilSeconds <= 86_400)
        }
    }

    @Test func springForwardWindowsStayWithinTheLimitOnTheWallClock() {
        // 2026-03-08: New York skips 02:00–03:00. A 24 h window across it would read 25 h on the wall.
        let planner = VoxoWindowPlanner(zone: newYork, scope: .partner)
        let until = Date(timeIntervalSince1970: 1_773_021_600)  // 2026-03-09T02:00:00Z = 22:00 EDT on the 8th
        let windows = planner.windows(since: until.addingTimeInterval(-3 * 86_400), until: until)
        for window in windows {
            #expect(window.end.civilSeconds - window.start.civilSeconds <= 86_400, "\(window.start) → \(window.end)")
            #expect(window.until.timeIntervalSince(window.since) <= 86_400)
        }
        let across = windows[0]
        #expect(across.end.description == "2026-03-08 22:00:00")
        #expect(across.start.description == "2026-03-07 22:00:00")
        #expect(across.until.timeIntervalSince(across.since) == 23 * 3600)
        #expect(windows.last?.since == until.addingTimeInterval(-3 * 86_400))
    }

    @Test func fallBackEdgesStayOutOfTheRepeatedHour() {
        // 2026-11-01: New York repeats 01:00–02:00. A 24 h window ending at 00:00 EST on the 2nd
        // would start at "01:00", which a server could read as either of two instants.
        let planner = VoxoWindowPlanner(zone: newYork, scope: .partner)
        let until = Date(timeIntervalSince1970: 1_793_595_600)  // 2026-11-02T05:00:00Z
        let since = until.addingTimeInterval(-2 * 86_400)
        let windows = planner.windows(since: since, until: until)
        #expect(windows[0].start.description == "2026-11-01 02:00:00")
        #expect(windows[0].until.timeIntervalSince(windows[0].since) == 22 * 3600)
        for (i, window) in windows.enumerated() {
            #expect(newYork.instants(forCivilSeconds: window.end.civilSeconds).count == 1, "end of window \(i)")
            if window.since != since {
                #expect(newYork.instants(forCivilSeconds: window.start.civilSeconds).count == 1, "start of window \(i)")
            }
            // Under every reading of its edges the window is within the limit.
            for s in newYork.instants(forCivilSeconds: window.start.civilSeconds) {
                for e in newYork.instants(forCivilSeconds: window.end.civilSeconds) {
                    #expect(e - s <= 86_400)
                }
            }
            if i > 0 { #expect(window.until == windows[i - 1].since, "contiguous") }
        }
        #expect(windows.last?.since == since)
    }

    @Test func uniqueIdParsing() throws {
        let sample = try #require(VoxoUniqueId("atl-ast2-1665457640.1430167"))
        #expect(sample.systemName == "atl-ast2")
        #expect(sample.epoch == 1_665_457_640)
        #expect(sample.counter == 1_430_167)
        let bare = try #require(VoxoUniqueId("1665457640.12"))
        #expect(bare.systemName == nil && bare.epoch == 1_665_457_640)
        #expect(VoxoUniqueId("2d275d62-706c-42d2-a4d4-e4ef53d83974") == nil)
        #expect(VoxoUniqueId("host-abc.1") == nil)
    }
}
