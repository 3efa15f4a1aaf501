import CallscopeDialects
import CallscopeDomain
import CallscopeUntrustedPipeline
import Foundation
import PropertyBased
import Testing

/// The untrusted path on generated provider answers full of impossible numbers and times:
/// none may trap, none may be used in arithmetic, nothing raw may reach the screen. The
/// fuzzer (scripts/fuzz) drives the same `UntrustedPipeline` with arbitrary bytes.
@Suite struct ExtremeValueTests {
    /// Number literals as a provider might send them, sane and absurd.
    static let numbers = [
        "0", "1", "95", "-1", "4.4", "3600", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "1e400", "-1e400", "1e20", "100000000000000000000", "315576001", "0.000001", "5.0000001", "699", "700", "99",
    ]
    static let texts = [
        "", "Zoë", "王小明", "\u{1B}]52;c;cm0gLXJmIH4K\u{07}EVIL", "\u{1B}[2J", "\u{9B}31m", "abc\u{202E}gpj",
        "\u{FEFF}\u{200B}x", "=\u{FE0F}1+1", "+91", String(repeating: "A", count: 5000),
    ]
    static let voxoTimes = [
        "10/10/22 23:07:20", "01/01/1000000000000 00:00:00", "13/45/22 99:99:99", "02/29/2100 00:00:00",
        "03/08/26 02:30:00", "11/01/26 01:30:00", "12/31/9999 23:59:59", "garbage",
    ]
    static let isoTimes = [
        "2026-11-20T10:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+23:59", "1969-12-31T23:59:59Z",
        "2026-02-30T00:00:00Z", "2200-01-01T00:00:00Z", "not a time",
    ]

    static func quoted(_ text: String) -> String { JSONWriter.string(.string(text)) }

    /// One of `values` (never empty, so never nil).
    static func pick(_ values: [String]) -> Generator<String, Shrink.None<String?>> {
        Gen.element(of: values).map { $0 ?? "" }
    }

    @Test func voxoRecordsWithExtremeValuesNeverTrapOrCount() async {
        let gen = Self.pick(Self.numbers).array(of: 5...5)
        await propertyCheck(count: 300, input: gen, Self.pick(Self.voxoTimes), Self.pick(Self.texts)) { n, time, name in
            // Each input is a long run of synchronous work: let the other tests' tasks (the
            // end-to-end tests' in-process mock servers among them) have the threads between inputs.
            await Task.yield()
            let record = """
                [{"id":"v1","uniqueId":"atl-ast2-1665457640.1430167","time":\(Self.quoted(time)),"callerIdName":\(Self.quoted(name)),\
                "callerIdNumber":\(Self.quoted(name)),"direction":"IN","disposition":"ANSWERED","duration":\(n[0]),\
                "afterAnswerDuration":\(n[1]),"mos":\(n[2]),"packetLoss":\(n[3]),"percentJitter":\(n[4])},]
                """
            let report = UntrustedPipeline.run(Array(record.utf8))
            #expect(report.calls >= 1)
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }

    /// Answers newest first with hostile names (one holding what looks like a record's start):
    /// the first calls `open` shows before indexing are the index's own.
    @Test func theFirstCallsShownBeforeIndexingAreTheIndexs() async {
        await propertyCheck(count: 200, input: Self.pick(Self.texts).array(of: 3...5), Self.pick(Self.numbers)) { names, duration in
            await Task.yield()
            let records = names.enumerated().map { index, name in
                """
                {"id":"v\(index)","time":"03/25/26 1\(9 - index):00:00","callerIdName":\(Self.quoted(name + ",{}")),"duration":\(duration),\
                "direction":"OUT","disposition":"ANSWERED"}
                """
            }
            let report = UntrustedPipeline.run(Array("[\(records.joined(separator: ",\n"))]".utf8))
            #expect(report.calls >= names.count)
            #expect(report.shownHeadFirst, "newest first and closed: shown from its first records")
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }

    @Test func vobizPagesWithExtremeValuesNeverTrapOrCount() async {
        let gen = Self.pick(Self.numbers).array(of: 8...8)
        await propertyCheck(count: 300, input: gen, Self.pick(Self.isoTimes).array(of: 3...3), Self.pick(Self.texts)) { n, times, name in
            // Each input is a long run of synchronous work: let the other tests' tasks (the
            // end-to-end tests' in-process mock servers among them) have the threads between inputs.
            await Task.yield()
            let record = """
                {"call_uuid":"abc","from_number":\(Self.quoted(name)),"caller_name":\(Self.quoted(name)),"status":"no_answer",\
                "duration_seconds":\(n[0]),"ring_duration_seconds":\(n[1]),"sip_response_code":\(n[2]),"cost":\(n[3]),\
                "mos":\(n[4]),"jitter":\(n[5]),"packet_loss":\(n[6]),"start_time":\(Self.quoted(times[0])),\
                "answer_time":\(Self.quoted(times[1])),"end_time":\(Self.quoted(times[2])),"hangup_cause":\(Self.quoted(name))}
                """
            let page = #"{"data":[\#(record)],"meta":{"total":\#(n[7]),"page":1,"per_page":100}}"#
            let report = UntrustedPipeline.run(Array(page.utf8))
            #expect(report.calls >= 1)
            #expect(report.problems.isEmpty, "\(report.problems)")
            let detail = UntrustedPipeline.run(Array(record.utf8))
            #expect(detail.problems.isEmpty, "\(detail.problems)")
        }
    }

    @Test func anImpossibleDurationIsKeptVerbatimAndUsedForNothing() throws {
        let body = Array(#"[{"id":"v1","time":"10/10/22 23:07:20","disposition":"ANSWERED","duration":9223372036854775807,"afterAnswerDuration":80}]"#.utf8)
        let zone = try #require(ZoneClock(identifier: "America/New_York"))
        let call = try #require(try VoxoAnswers.calls(body, mapper: VoxoRecordMapper(zone: zone, account: nil)).first)
        #expect(call.totalSeconds == nil)
        #expect(call.endTime == nil)
        #expect(call.answerTime == nil)
        #expect(call.durationSeconds == 80)
        #expect(call.implausibleKeys == ["duration"])
        #expect(call.fields["duration"] == .number("9223372036854775807"))
    }

    @Test func aYearOfTenToTheTwelveIsNotATime() throws {
        let body = Array(#"[{"id":"v1","time":"01/01/1000000000000 00:00:00","duration":5}]"#.utf8)
        let zone = try #require(ZoneClock(identifier: "UTC"))
        let call = try #require(try VoxoAnswers.calls(body, mapper: VoxoRecordMapper(zone: zone, account: nil)).first)
        #expect(call.startTime == nil)
        #expect(call.implausibleKeys == ["time"])
    }

    @Test func aValueOfTheWrongShapeIsShownAsNotUsed() throws {
        let body = Array(#"{"call_uuid":"a","duration_seconds":{"a":1},"mos":[4],"sip_response_code":"","jitter":null}"#.utf8)
        let call = try VobizAnswers.detail(body, mapper: VobizRecordMapper(account: "MA_1"))
        #expect(call.implausibleKeys == ["duration_seconds", "mos"], "null and \"\" mean none; an object or array is unusable")
        #expect(call.durationSeconds == nil && call.mos == nil)
        #expect(VoxoRecordMapper.parseTime("01/01/-9 00:00:00") == nil)
        #expect(VoxoRecordMapper.parseTime("12/31/2199 23:59:59")?.isPlausibleCallTime == true)
        #expect(VoxoRecordMapper.parseTime("01/01/2200 00:00:00")?.isPlausibleCallTime == false)
    }

    @Test func aTotalOfTwoToTheSixtyThreeIsCapped() throws {
        let body = Array(#"{"data":[],"meta":{"total":9223372036854775807,"page":1,"per_page":100}}"#.utf8)
        let page = try VobizAnswers.page(body, mapper: VobizRecordMapper(account: nil))
        #expect(page.page.total == Plausible.maximumTotal)
        #expect(page.page.hasMore(requestedPage: Int.max, perPage: 100) == false)
    }

    @Test func timeCodeIsTotalForAnyInput() {
        let zone = ZoneClock(identifier: "Europe/London")
        for seconds in [Double.nan, .infinity, -.infinity, 9.3e18, -9.3e18, 1e300] {
            let date = Date(timeIntervalSince1970: seconds)
            _ = ISO8601.format(date)
            _ = zone?.local(date)
        }
        for year in [Int.max, Int.min, 1_000_000_000_000] {
            let local = LocalDateTime(year: year, month: Int.max, day: Int.min, hour: Int.max, minute: Int.min, second: Int.max)
            #expect(!local.isValid)
            _ = local.civilSeconds
            _ = zone?.instant(from: local)
        }
        _ = LocalDateTime(civilSeconds: .min)
        _ = LocalDateTime(civilSeconds: .max)
    }
}
