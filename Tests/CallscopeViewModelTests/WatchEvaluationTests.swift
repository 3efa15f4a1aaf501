import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeViewModel

/// "Normal or not" on generated weeks with labelled incidents (README, "Is something wrong?"):
/// every planted incident is found and named, a clean week of the same shape raises nothing,
/// and a quiet customer never alerts.
@Suite("Normal or not")
struct WatchEvaluationTests {
    static let until = Date(timeIntervalSince1970: 1_774_440_000)
    static let settings = WatchSettings()

    /// A deterministic week: for each window (the current one and seven earlier), each customer
    /// makes its hourly calls with the usual mix, then the incidents are added to the current one.
    struct Week {
        var seed: UInt64
        var customers: [(id: String, perHour: Int, trunk: String)] = [("C_BIG", 80, "trunk_a"), ("C_MID", 40, "trunk_b"), ("C_QUIET", 3, "trunk_c")]
        private var state: UInt64

        init(seed: UInt64) {
            self.seed = seed
            state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        }

        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }

        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

        mutating func call(_ id: String, customer: String, trunk: String, in window: DateInterval) -> Call {
            var call = Call(id: id, provider: .vobiz)
            call.startTime = window.start.addingTimeInterval(unit() * window.duration)
            call.account = customer
            call.trunk = trunk
            call.direction = unit() < 0.55 ? .outbound : .inbound
            let local = "+15550100\(String(customer.count * 7 % 100).leftPadding(2))"
            let remote = ["+1212", "+1415", "+1646", "+4420", "+9198"][Int(next() % 5)] + String(1_000_000 + next() % 8_999_999)
            (call.from, call.to) = call.direction == .outbound ? (local, remote) : (remote, local)
            let outcome = unit()
            if outcome < 0.66 {
                call.status = .answered
                call.hangupCause = "NORMAL_CLEARING"
                call.durationSeconds = unit() < 0.08 ? Int(2 + next() % 4) : Int(20 + next() % 600)
            } else if outcome < 0.81 {
                call.status = .noAnswer
                call.hangupCause = "NO_ANSWER"
                call.durationSeconds = 0
            } else if outcome < 0.87 {
                call.status = .busy
                call.hangupCause = "USER_BUSY"
                call.durationSeconds = 0
            } else {
                call.status = .failed
                call.hangupCause = ["UNALLOCATED_NUMBER", "CALL_REJECTED", "NORMAL_TEMPORARY_FAILURE"][Int(next() % 3)]
                call.durationSeconds = 0
            }
            call.totalSeconds = (call.durationSeconds ?? 0) + Int(5 + next() % 20)
            return call
        }

        /// The normal calls of every window.
        mutating func sample(adding incidents: (inout Week, DateInterval) -> [Call] = { _, _ in [] }) -> WatchSample {
            let windows = WatchWindows(until: WatchEvaluationTests.until, settings: WatchEvaluationTests.settings, zone: ZoneClock(TimeZone(secondsFromGMT: 0)!))
            var lists: [[WatchCall]] = []
            for (index, window) in windows.all.enumerated() {
                var calls: [Call] = []
                for customer in customers {
                    // A little day-to-day variation, as real traffic has.
                    let count = max(0, customer.perHour + Int(next() % 7) - 3)
                    for n in 0..<count { calls.append(call("\(index)-\(customer.id)-\(n)", customer: customer.id, trunk: customer.trunk, in: window)) }
                }
                if index == 0 { calls += incidents(&self, window) }
                lists.append(calls.map(WatchCall.init))
            }
            return WatchSample(windows: windows, now: lists[0], baseline: Array(lists.dropFirst()))
        }
    }

    func evaluate(seed: UInt64 = 1, _ incidents: @escaping (inout Week, DateInterval) -> [Call] = { _, _ in [] },
                  change: ((inout [WatchCall]) -> Void)? = nil) -> WatchReport {
        var week = Week(seed: seed)
        var sample = week.sample(adding: incidents)
        if let change {
            var now = sample.now
            change(&now)
            sample = WatchSample(windows: sample.windows, now: now, baseline: sample.baseline)
        }
        return WatchEvaluation.evaluate(sample, settings: Self.settings)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func aCleanWeekRaisesNothing(seed: UInt64) {
        let report = evaluate(seed: seed)
        #expect(report.alerts.isEmpty, "\(report.alerts.map(\.headline))")
        #expect(report.worst == nil)
    }

    @Test func anASRDropIsFoundAndNamesTheCauseAndTrunk() throws {
        let report = evaluate { week, window in
            (0..<40).map { n in
                var call = week.call("drop-\(n)", customer: "C_MID", trunk: "trunk_7", in: window)
                (call.status, call.hangupCause, call.sipResponseCode, call.durationSeconds) = (.failed, "NO_ROUTE_DESTINATION", 404, 0)
                return call
            }
        } change: { now in
            // The customer's own calls fail too: only a few of them get through.
            now = now.filter { $0.account != "C_MID" || $0.status != .answered || $0.id.hasSuffix("0") }
        }
        let first = try #require(report.alerts.first)
        #expect(first.severity == .critical)
        #expect(first.group == WatchGroup(.customer, "C_MID"))
        #expect([.asr, .ner, .causeShare].contains(first.kind))
        #expect(first.changed.first?.contains("NO_ROUTE_DESTINATION") == true)
        #expect(first.changed.first?.contains("on trunk_7") == true, "\(first.changed)")
        #expect(first.selection.account == "C_MID")
        #expect(!report.alerts.contains { $0.group.value == "C_BIG" }, "the other customers are normal")
    }

    @Test func aShortCallBurstIsAbuseOfThatCustomer() throws {
        let report = evaluate { week, window in
            (0..<150).map { n in
                var call = week.call("burst-\(n)", customer: "C_BIG", trunk: "trunk_a", in: window)
                (call.direction, call.status, call.durationSeconds, call.hangupCause) = (.outbound, .answered, 2, "NORMAL_CLEARING")
                call.from = "+15550100007"
                call.to = "+1305\(2_000_000 + n)"
                return call
            }
        }
        let burst = try #require(report.alerts.first { $0.kind == .shortBurst })
        #expect(burst.group == WatchGroup(.customer, "C_BIG"))
        #expect(burst.severity == .critical)
        #expect(burst.headline.contains("outbound calls of ≤ 6 s talk"))
        #expect(burst.selection.maxDuration == 6 && burst.selection.direction == .outbound)
        #expect(report.alerts.first?.severity == .critical)
    }

    @Test func wangiriNamesTheDestinations() throws {
        let report = evaluate { week, window in
            (0..<60).map { n in
                var call = week.call("wangiri-\(n)", customer: "C_MID", trunk: "trunk_b", in: window)
                (call.direction, call.status, call.durationSeconds, call.totalSeconds, call.hangupCause) = (.outbound, .noAnswer, 0, 2, "ORIGINATOR_CANCEL")
                call.from = "+15550100014"
                call.to = (n % 2 == 0 ? "+1876" : "+232") + String(5_000_000 + n)
                return call
            }
        }
        let wangiri = try #require(report.alerts.first { $0.kind == .wangiri })
        #expect(wangiri.group == WatchGroup(.customer, "C_MID"))
        #expect(wangiri.changed.first?.contains("JM +1 876") == true, "\(wangiri.changed)")
        #expect(wangiri.changed.first?.contains("SL +232") == true)
    }

    @Test func highRiskDestinationsAreNamedFromTheList() throws {
        let report = evaluate { week, window in
            (0..<12).map { n in
                var call = week.call("irsf-\(n)", customer: "C_BIG", trunk: "trunk_a", in: window)
                (call.direction, call.status, call.durationSeconds) = (.outbound, .answered, 300)
                call.to = (n % 3 == 0 ? "+8823" : "+8816") + String(10_000_000 + n)
                return call
            }
        }
        let risk = try #require(report.alerts.first { $0.kind == .highRisk })
        #expect(risk.group == WatchGroup(.customer, "C_BIG"))
        #expect(risk.severity == .critical)
        #expect(risk.headline.contains("+881") && risk.headline.contains("+882"), "\(risk.headline)")
        #expect(risk.selection.to?.hasPrefix("+88") == true)
    }

    @Test func sequentialDiallingNamesTheRange() throws {
        let report = evaluate { week, window in
            (0..<30).map { n in
                var call = week.call("seq-\(n)", customer: "C_BIG", trunk: "trunk_a", in: window)
                call.direction = .outbound
                call.to = "+1212555\(String(1_000 + n))"
                return call
            }
        }
        let sequential = try #require(report.alerts.first { $0.kind == .sequential })
        #expect(sequential.group == WatchGroup(.customer, "C_BIG"))
        #expect(sequential.headline.contains("30 numbers dialled in +121255510xx"), "\(sequential.headline)")
        #expect(sequential.severity == .critical)
    }

    @Test func volumeAtAQuietHourIsItsOwnAlert() throws {
        let report = evaluate { week, window in
            (0..<40).map { n in week.call("night-\(n)", customer: "C_QUIET", trunk: "trunk_c", in: window) }
        }
        let quiet = try #require(report.alerts.first { $0.group == WatchGroup(.customer, "C_QUIET") })
        #expect(quiet.kind == .quietHour)
        #expect(quiet.headline.contains("at an hour that is usually quiet"))
    }

    @Test func aQuietCustomerBelowTheMinimumNeverAlerts() {
        // Every call of the quiet customer fails: 3 calls are not enough to say anything.
        let report = evaluate(change: { now in
            now = now.map { call in
                guard call.account == "C_QUIET" else { return call }
                var failed = Call(id: call.id, provider: .vobiz)
                failed.startTime = call.start
                failed.account = call.account
                failed.status = .failed
                failed.hangupCause = "NO_ROUTE_DESTINATION"
                return WatchCall(failed)
            }
        })
        #expect(!report.alerts.contains { $0.group.value == "C_QUIET" }, "\(report.alerts.map(\.headline))")
    }

    @Test func followModeRingsOncePerNewAlertAndTheBoardNarrowsToItsCalls() throws {
        var h = Harness(paging: .numberedPages(size: 100))
        let effects = h.send(.toggleFollow)
        guard case .readNormal(let generation, _, _, _)? = effects.first(where: { if case .readNormal = $0 { true } else { false } }) else {
            Issue.record("follow mode looks at now against normal: \(effects)")
            return
        }
        let burst = evaluate { week, window in
            (0..<150).map { n in
                var call = week.call("burst-\(n)", customer: "C_BIG", trunk: "trunk_a", in: window)
                (call.direction, call.status, call.durationSeconds) = (.outbound, .answered, 2)
                return call
            }
        }
        h.send(.normalRead(generation: generation, burst))
        #expect(h.state.bellSerial == 1)
        #expect(h.state.alertText?.contains("new alert") == true)
        #expect(h.state.status.notice?.hasPrefix("new alert: customer C_BIG:") == true)
        // The same alerts again: no second ring.
        h.state.normal?.asking = true
        h.send(.normalRead(generation: generation, burst))
        #expect(h.state.bellSerial == 1, "one ring per alert")
        // The board lists the customer first; Enter narrows to the burst's calls.
        h.send(.intent(.openBoard))
        #expect(h.state.normal?.fresh == 0)
        let first = try #require(h.state.boardRows.first)
        #expect(first.row.group == WatchGroup(.customer, "C_BIG") && first.alert?.kind == .shortBurst)
        h.send(.intent(.narrowToBoardRow(first.row.group)))
        #expect(h.state.boardDimension == nil)
        #expect(h.state.draft.direction == "outbound" && h.state.draft.status == "answered" && h.state.draft.maxDuration == "6")
    }

    @Test func aFoldedCriticalAlertKeepsTheOneItJoinsCritical() {
        let window = WatchSelection(since: Self.until.addingTimeInterval(-3_600), until: Self.until)
        let normal = WatchNormal([0.66, 0.66, 0.66])
        let customer = WatchAlert(severity: .warning, kind: .asr, group: WatchGroup(.customer, "C"), metric: .asr, now: 0.4, normal: normal,
                                  headline: "customer C: ASR 40 %", changed: [], selection: window, focus: ["a", "b", "c", "d"])
        let trunk = WatchAlert(severity: .critical, kind: .asr, group: WatchGroup(.trunk, "T"), metric: .asr, now: 0.1, normal: normal,
                               headline: "trunk T: ASR 10 %", changed: [], selection: window, focus: ["a", "b", "c"])
        let kept = WatchEvaluation.fold([trunk, customer])
        #expect(kept.count == 1 && kept.first?.group == WatchGroup(.customer, "C"))
        #expect(kept.first?.severity == .critical, "the worst of what it explains")
        #expect(kept.first?.alsoSeen == ["trunk T: ASR 10 %"])
    }

    @Test func farEndsAreReadAsTheCountryLookupReadsThem() {
        func digits(_ number: String) -> String {
            var call = Call(id: "x", provider: .vobiz)
            call.direction = .outbound
            call.to = number
            return WatchCall(call).farEndDigits
        }
        #expect(digits("00 8816 1234 5678") == "881612345678")
        #expect(digits("876 555 0100") == "18765550100", "ten national digits are North American")
        #expect(digits("+44 20 7946 0123") == "442079460123")
        #expect(Evidence.shellQuoted("\u{1B}]52;c;cm0gLXJm\u{07}").unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }, "no raw control")
    }

    @Test func theRuleNeedsAClearMargin() {
        var settings = WatchSettings()
        settings.minCalls = 20
        func figures(calls: Int, answered: Int) -> WatchFigures {
            var figures = WatchFigures()
            figures.calls = calls
            figures.answered = answered
            return figures
        }
        let normal = (0..<7).map { _ in figures(calls: 100, answered: 66) }
        // 10 points below normal: within the margin; 20 a warning; 40 critical.
        #expect(WatchRule.judge(.asr, now: figures(calls: 100, answered: 56), baseline: normal, settings: settings) == nil)
        #expect(WatchRule.judge(.asr, now: figures(calls: 100, answered: 46), baseline: normal, settings: settings)?.severity == .warning)
        #expect(WatchRule.judge(.asr, now: figures(calls: 100, answered: 26), baseline: normal, settings: settings)?.severity == .critical)
        // Too few calls now: nothing, however low.
        #expect(WatchRule.judge(.asr, now: figures(calls: 10, answered: 0), baseline: normal, settings: settings) == nil)
        // Volume: three times normal and 20 calls more is a warning; five times critical; a third a drop.
        #expect(WatchRule.judgeVolume(now: 300, baseline: Array(repeating: 100, count: 7), settings: settings)?.severity == .warning)
        #expect(WatchRule.judgeVolume(now: 500, baseline: Array(repeating: 100, count: 7), settings: settings)?.severity == .critical)
        #expect(WatchRule.judgeVolume(now: 30, baseline: Array(repeating: 100, count: 7), settings: settings)?.severity == .warning)
        #expect(WatchRule.judgeVolume(now: 4, baseline: Array(repeating: 1, count: 7), settings: settings) == nil, "1 to 4 calls is no alert")
        #expect(WatchNormal([1, 2, 3, 4, 100])?.median == 3)
        #expect(WatchNormal([1, 2, 3, 4, 100])?.spread == 1.4826)
    }

    @Test func theBaselineIsTheSameClockTimeAcrossDaylightSaving() throws {
        let zone = try #require(ZoneClock(identifier: "America/New_York"))
        // 2026-03-09 14:00 New York (EDT, UTC-4); a week back is EST (UTC-5).
        let until = zone.instant(from: LocalDateTime(year: 2026, month: 3, day: 9, hour: 14))
        let windows = WatchWindows(until: until, settings: WatchSettings(), zone: zone)
        #expect(windows.baseline.count == 7)
        for window in windows.baseline {
            let local = zone.local(window.end)
            #expect(local.hour == 14 && local.minute == 0, "\(local)")
        }
        var weekly = WatchSettings()
        weekly.sameWeekday = true
        weekly.days = 4
        let weeks = WatchWindows(until: until, settings: weekly, zone: zone)
        #expect(weeks.baseline.map { zone.local($0.end).day } == [2, 23, 16, 9])
    }
}

private extension String {
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
