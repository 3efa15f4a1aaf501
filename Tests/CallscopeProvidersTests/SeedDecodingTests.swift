import CallscopeDomain
import Foundation
import Testing
import CallscopeMockServer
@testable import CallscopeProviders
@testable import CallscopeDialects

@Suite("The seeds' sample answers, decoded as printed")
struct SeedDecodingTests {
    @Test func voxoSampleWithTrailingComma() throws {
        let bytes = try Fixture.bytes("voxo-call-reports")
        #expect(String(decoding: bytes, as: UTF8.self).contains("},\n]"), "the fixture keeps the seed's trailing comma")
        let mapper = VoxoRecordMapper(zone: ZoneClock(identifier: "America/New_York")!, account: "37")
        var calls: [Call] = []
        try JSONParser.forEachElement(ofArray: bytes) { value in
            if let call = mapper.map(value) { calls.append(call) }
        }
        #expect(calls.count == 2)

        let first = calls[0]
        #expect(first.id == "2d275d62-706c-42d2-a4d4-e4ef53d83974")
        #expect(first.provider == .voxo)
        #expect(ISO8601.format(try #require(first.startTime)) == "2022-10-11T03:07:20Z")
        #expect(first.direction == .inbound)
        #expect(first.status == .answered)
        #expect(first.from == "5555555555")
        #expect(first.to == "5555555555")
        #expect(first.callerName == "BILL CLINTON")
        #expect(first.durationSeconds == 4)
        #expect(first.totalSeconds == 4)
        #expect(ISO8601.format(try #require(first.answerTime)) == "2022-10-11T03:07:20Z")
        #expect(ISO8601.format(try #require(first.endTime)) == "2022-10-11T03:07:24Z")
        #expect(first.mos == nil, "mos 0 means nothing was measured")
        #expect(first.jitter == nil, "percentJitter is a percentage, kept in fields, not milliseconds")
        #expect(first.fields["percentJitter"] == .number("0"))
        #expect(first.packetLoss == 0)
        #expect(first.previousLegId == nil)
        #expect(first.nextLegId == nil)
        #expect(first.account == "37")
        #expect(first.fields.count == 38)
        #expect(first.fields["lec"] == .string("JAMAICA TELEPHONE CO."))
        #expect(first.fields["spid"] == .null)
        #expect(first.fields.keys.first == "id" && first.fields.keys.last == "geolocation")

        let second = calls[1]
        #expect(second.id == "ae8a5f62-7bd3-46a0-84d6-a3d46b35c886")
        #expect(ISO8601.format(try #require(second.startTime)) == "2022-10-10T23:49:16Z")
        #expect(second.status == .noAnswer)
        #expect(second.callerName == "FRED DURST")
        #expect(second.durationSeconds == 0)
        #expect(second.totalSeconds == 3)
        #expect(second.answerTime == nil)
        #expect(second.mos == 4.4)
        #expect(second.fields["ocn"] == .null)
    }

    @Test func voxoAnswersComeOutNewestFirstWhateverTheirOrder() throws {
        let bytes = try Fixture.bytes("voxo-call-reports")
        let mapper = VoxoRecordMapper(zone: ZoneClock(identifier: "America/New_York")!, account: "37")
        let asSent = try VoxoAnswers.calls(bytes, mapper: mapper)
        #expect(asSent.count == 2)
        // The same records oldest first: read in pieces, they still come out newest first.
        guard case .array(let records) = try JSONParser.parse(Array(String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "},\n]", with: "}\n]").replacingOccurrences(of: "},\r\n]", with: "}\r\n]").utf8)) else {
            Issue.record("the sample is an array"); return
        }
        let reversed = JSONWriter.encode(.array(records.reversed()))
        let decoder = VoxoStreamDecoder(mapper: mapper)
        for piece in stride(from: 0, to: reversed.count, by: 7) {
            _ = reversed[piece..<min(reversed.count, piece + 7)].withUnsafeBytes { decoder.consume($0) }
        }
        let calls = try decoder.finish().get()
        #expect(calls.map(\.id) == asSent.map(\.id))
        #expect(zip(calls, calls.dropFirst()).allSatisfy { ($0.startTime ?? .distantPast) >= ($1.startTime ?? .distantPast) })
    }

    @Test func voxoRecordsAreCopiedToOutputWhenSafeAndEscapedWhenNot() throws {
        let mapper = VoxoRecordMapper(zone: ZoneClock(identifier: "America/New_York")!, account: "37")
        // The sample, compact (as the API's own serializer sends it), and a record with an escape.
        let sample = try JSONParser.parse(Fixture.bytes("voxo-call-reports"))
        guard case .array(var records) = sample, case .object(var hostile)? = records.first else { Issue.record("the sample"); return }
        hostile.members = hostile.members.map { $0.key == "callerIdName" ? ($0.key, .string("\u{1B}[2J\u{202E}evil")) : $0 }
        hostile.members = hostile.members.map { $0.key == "id" ? ($0.key, .string("hostile-1")) : $0 }
        records.append(.object(hostile))
        let calls = try VoxoAnswers.calls(JSONWriter.encode(.array(records)), mapper: mapper)
        #expect(calls.count == 3)
        for call in calls {
            var written = JSONWriter()
            written.write(call)
            #expect(written.bytes == JSONWriter.encode(call.jsonValue), "\(call.id): the copy is the re-serialized record")
            if call.id == "hostile-1" {
                #expect(call.record.copyableBytes == nil, "an escape sends the record the careful way")
                #expect(!String(decoding: written.bytes, as: UTF8.self).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
            } else {
                #expect(call.record.copyableBytes != nil)
            }
        }
    }

    @Test func voxoTimeAgreesWithUniqueIdEpoch() throws {
        let bytes = try Fixture.bytes("voxo-call-reports")
        let records = try #require(try JSONParser.parse(bytes).arrayValue)
        for record in records {
            let object = try #require(record.objectValue)
            let uniqueText = try #require(object["uniqueId"]?.text)
            let timeText = try #require(object["time"]?.text)
            let unique = try #require(VoxoUniqueId(uniqueText))
            let local = try #require(VoxoRecordMapper.parseTime(timeText))
            #expect(ZoneClock(identifier: "America/New_York")!.instant(from: local) == unique.date)
        }
    }

    @Test func vobizListSample() throws {
        let page = try #require(try VobizPage.read(try Fixture.bytes("vobiz-list"), mapper: VobizRecordMapper(account: "MA_x")))
        #expect(page.total == 1284)
        #expect(page.page == 1)
        #expect(page.perPage == 20)
        #expect(page.hasMore(requestedPage: 1, perPage: 20))
        let call = try #require(page.calls.first)
        #expect(call.id == "abc123-def456-ghi789")
        #expect(call.provider == .vobiz)
        #expect(call.from == "+919876543210")
        #expect(call.to == "+911234567890")
        #expect(call.direction == .outbound)
        #expect(call.status == .answered)
        #expect(call.durationSeconds == 185)
        #expect(call.hangupCause == "NORMAL_CLEARING")
        #expect(call.cost == "1.39")
        #expect(call.currency == "INR")
        #expect(ISO8601.format(try #require(call.startTime)) == "2026-03-25T10:30:00Z")
        #expect(ISO8601.format(try #require(call.answerTime)) == "2026-03-25T10:30:08Z")
        #expect(ISO8601.format(try #require(call.endTime)) == "2026-03-25T10:33:05Z")
        #expect(call.totalSeconds == 185)
        #expect(call.account == "MA_x")
        #expect(call.fields.keys == ["call_uuid", "from_number", "to_number", "direction", "status", "duration_seconds",
                                     "hangup_cause", "cost", "currency", "start_time", "answer_time", "end_time", "trunk_id", "context"])
    }

    @Test func vobizDetailSample() throws {
        let value = try JSONParser.parse(try Fixture.bytes("vobiz-detail"))
        let call = try #require(VobizRecordMapper(account: nil).map(value))
        #expect(call.id == "abc123-def456-ghi789")
        #expect(call.sipResponseCode == 200)
        #expect(call.account == "MA_48149cf4")
        #expect(call.fields["ring_duration_seconds"] == .number("8"))
        #expect(call.fields["hangup_initiator"] == .string("caller"))
        #expect(call.fields["trunk_name"] == .string("Vobiz India Trunk"))
        #expect(call.fields["caller_id"] == .string("+919876543210"))
        #expect(call.fields.count == 20)
    }

    @Test func vobizVariants() throws {
        let body = #"""
        {"data": [
          {"uuid": "v-1", "status": "no_answer", "direction": "inbound", "duration_seconds": 0, "start_time": "2026-03-25T10:30:00Z", "answer_time": null, "mos": 0},
          {"call_uuid": "v-2", "status": "no-answer", "direction": "outbound", "duration_seconds": "12", "cost": "0.50", "unknown_new_field": {"x": 1}},
          {"call_uuid": "v-3", "status": "voicemail", "direction": "transfer"}
        ],
         "pagination": {"page": 2, "per_page": 3, "total": 9, "pages": 3, "has_next": true, "has_prev": true}}
        """#
        let page = try #require(try VobizPage.read(Array(body.utf8), mapper: VobizRecordMapper(account: nil)))
        #expect(page.total == 9 && page.page == 2 && page.perPage == 3 && page.hasNext == true)
        let calls = page.calls
        #expect(calls.map(\.id) == ["v-1", "v-2", "v-3"])
        #expect(calls[0].status == .noAnswer && calls[1].status == .noAnswer)
        #expect(calls[0].mos == nil)
        #expect(calls[1].durationSeconds == 12)
        #expect(calls[1].cost == "0.50")
        #expect(calls[1].fields["unknown_new_field"]?.objectValue?["x"] == .number("1"))
        #expect(calls[2].status == .other("voicemail"))
        #expect(calls[2].direction == .other("transfer"))
        var lastPage = page
        lastPage.hasNext = false
        #expect(!lastPage.hasMore(requestedPage: 3, perPage: 3))
        lastPage.hasNext = nil
        #expect(!lastPage.hasMore(requestedPage: 3, perPage: 3), "3 pages of 3 hold all 9")
        #expect(lastPage.hasMore(requestedPage: 2, perPage: 3))
    }

    @Test func nullsAndWrongTypesReadWithoutComplaint() throws {
        let body = #"[{"id": null, "uniqueId": "1665457640.7", "time": null, "duration": "x", "direction": 5, "mos": "4.1"}, 7, null]"#
        var calls: [Call] = []
        let mapper = VoxoRecordMapper(zone: ZoneClock(identifier: "UTC")!, account: nil)
        try JSONParser.forEachElement(ofArray: Array(body.utf8)) { if let c = mapper.map($0) { calls.append(c) } }
        #expect(calls.count == 1, "7 and null are not records")
        #expect(calls[0].id == "1665457640.7")
        #expect(calls[0].startTime?.timeIntervalSince1970 == 1_665_457_640)
        #expect(calls[0].totalSeconds == nil)
        #expect(calls[0].direction == .other("5"))
        #expect(calls[0].mos == 4.1)
    }

    @Test func recordsWithoutAnyIdAreKeptWithAStableOne() throws {
        let record = try JSONParser.parse(Array(#"{"time": "03/25/26 08:00:00", "callerIdNumber": "5550100"}"#.utf8))
        let mapper = VoxoRecordMapper(zone: ZoneClock(identifier: "UTC")!, account: nil)
        let call = try #require(mapper.map(record))
        #expect(call.id.hasPrefix("voxo-no-id-"))
        #expect(mapper.map(record)?.id == call.id)
        #expect(call.from == "5550100")
        let vobiz = try #require(VobizRecordMapper(account: nil).map(.object(JSONObject([("from_number", .string("+1"))]))))
        #expect(vobiz.id.hasPrefix("vobiz-no-id-"))
    }
}

/// The byte-level VOXO mapper (the streaming path) against the mapper over a parsed tree.
struct VoxoByteMapperTests {
    let mapper = VoxoRecordMapper(zone: ZoneClock(identifier: "America/New_York")!, account: "37")

    func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let byBytes = Result { () throws(JSONParseError) -> Call? in try mapper.map(recordBytes: bytes) }
        let byTree = Result { () throws(JSONParseError) -> Call? in mapper.map(try JSONParser.parse(bytes)) }
        switch (byBytes, byTree) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(text)", sourceLocation: sourceLocation)
            #expect(a.map { JSONWriter.encode($0.jsonValue) } == b.map { JSONWriter.encode($0.jsonValue) }, sourceLocation: sourceLocation)
            // Detail lines read from the record when asked are the lines a listing mapper makes.
            let listing = VoxoRecordMapper(zone: mapper.zone, account: mapper.account, listsDetails: true)
            let listed = try? listing.map(recordBytes: bytes)
            #expect(a?.extraDetails == b?.extraDetails, "\(text)", sourceLocation: sourceLocation)
            #expect(a?.extraDetails == listed?.extraDetails, "\(text)", sourceLocation: sourceLocation)
            if case .listed = listed?.details {} else if listed != nil { Issue.record("a listing mapper lists", sourceLocation: sourceLocation) }
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        default:
            Issue.record("one mapper read \(text) and the other did not: \(byBytes) / \(byTree)", sourceLocation: sourceLocation)
        }
    }

    /// A record read where it lies in a piece of the body is the call its bytes map to, and
    /// takes exactly its own bytes; a record cut short is left to the splitter.
    func expectReadInPlace(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "{"), let whole = try? mapper.map(recordBytes: bytes) else { return }
        let followed = bytes + Array(#",{"id":"next"}]"#.utf8)
        let inPlace = followed.withUnsafeBufferPointer { mapper.map(leadingRecordIn: $0) }
        #expect(inPlace?.length == bytes.count, "\(text)", sourceLocation: sourceLocation)
        #expect(inPlace?.call == whole, "\(text)", sourceLocation: sourceLocation)
        for cut in 0..<bytes.count {
            let prefix = Array(bytes.prefix(cut))
            #expect(prefix.withUnsafeBufferPointer { mapper.map(leadingRecordIn: $0) } == nil, "\(text) cut at \(cut)", sourceLocation: sourceLocation)
        }
    }

    @Test func theSampleAndHostileRecordsMapAlikeBothWays() throws {
        let sample = try #require(try JSONParser.parse(Fixture.bytes("voxo-call-reports")).arrayValue)
        for record in sample {
            expectAgreement(JSONWriter.string(record))
            expectReadInPlace(JSONWriter.string(record))
        }
        let base = #""id":"a1","uniqueId":"atl-1665457640.14","time":"10/10/22 23:07:20","duration":9,"afterAnswerDuration":4,"disposition":"ANSWERED""#
        let variants = [
            "{\(base)}",
            "{ \(base.replacingOccurrences(of: ",", with: " ,\n ")) }",          // whitespace between tokens
            #"{"\u0069d":"escaped-key","time":"10/10/22 23:07:20"}"#,            // a key spelled with an escape
            "{\(base),\"id\":\"second\",\"lec\":\"A\",\"lec\":\"B\"}",           // repeated keys
            #"{"id":{"nested":1},"duration":[1],"mos":"4.1","packetLoss":"x"}"#, // odd shapes where values belong
            #"{"uniqueId":"atl-1665457640.14","duration":1e400,"afterAnswerDuration":-3}"#,
            "{\"id\":\"a\\u001b[2J\",\"callerIdName\":\"\u{202E}evil\",\"city\":\"\\ud800\"}",
            #"{"time":"13/45/22 99:07:20","mos":0,"percentJitter":"","ocn":null}"#,
            #"{"callerIdNumber":"5550100"}"#,                                    // no id at all
            "{}", "[]", "7", "null",
            #"{"id":"a","#, #"{"id":"a" "x":1}"#, #"{"other":01}"#, "{\"id\":\"a\"} trailing",
        ]
        for text in variants {
            expectAgreement(text)
            expectReadInPlace(text)
        }
        // Bytes that are not UTF-8, in a wanted and an unwanted value.
        let invalid: [UInt8] = Array(#"{"callerIdName":""#.utf8) + [0xFF, 0xC3] + Array(#"","note":""#.utf8) + [0xFE] + Array(#""}"#.utf8)
        expectAgreement(String(decoding: invalid, as: UTF8.self))
        let byBytes = try mapper.map(recordBytes: invalid)
        #expect(byBytes == mapper.map(try JSONParser.parse(invalid)))
    }

    @Test func generatedDaysMapAlikeBothWays() throws {
        let zone = ZoneClock(identifier: "America/New_York")!
        let history = SyntheticHistory(.init(seed: 5, count: 3_000, anchor: 1_774_440_000, span: 86_400))
        let records = try #require(try JSONParser.parse(MockPayloads.voxoArray((0..<3_000).map(history.call(at:)), zone: zone)).arrayValue)
        var copied = 0
        let listing = VoxoRecordMapper(zone: zone, account: "37", listsDetails: true)
        var withDetails = 0
        for record in records {
            let bytes = JSONWriter.encode(record)
            let fromBytes = try mapper.map(recordBytes: bytes)
            #expect(fromBytes == mapper.map(record))
            let listed = try listing.map(recordBytes: bytes)?.extraDetails
            #expect(fromBytes?.extraDetails == listed)
            if listed?.isEmpty == false { withDetails += 1 }
            if let copy = fromBytes?.record.copyableBytes {
                #expect(copy == bytes)
                copied += 1
            }
        }
        // The generator writes a hostile name now and then: those records go the careful way.
        #expect(copied > records.count * 9 / 10, "\(copied) of \(records.count) copied as they came")
        #expect(copied < records.count)
        #expect(withDetails == records.count, "every generated record has a uniqueId line")
    }
}

/// A Vobiz page read from its bytes in one pass (rows mapped in place) against the page and
/// rows read from a parsed tree, as the reader did before.
struct VobizByteReadingTests {
    let mapper = VobizRecordMapper(account: "MA_1")

    /// The page as the tree gives it: calls of the object rows, the first `data`, `meta` or
    /// `pagination`; or the parser's error.
    func fromTree(_ body: [UInt8]) -> Result<VobizPage?, JSONParseError> {
        Result { () throws(JSONParseError) -> VobizPage? in
            guard case .object(let object) = try JSONParser.parse(body), let data = object["data"]?.arrayValue else { return nil }
            var page = VobizPage(calls: data.compactMap(mapper.map), rowCount: data.count)
            if let paging = object["meta"]?.objectValue ?? object["pagination"]?.objectValue {
                page.total = Plausible.total(paging["total"]?.intValue)
                page.page = paging["page"]?.intValue.flatMap { (1...Plausible.maximumTotal).contains($0) ? $0 : nil }
                page.perPage = paging["per_page"]?.intValue.flatMap { (1...10_000).contains($0) ? $0 : nil }
                if case .bool(let next)? = paging["has_next"] { page.hasNext = next }
            }
            return page
        }
    }

    func expectAgreement(_ body: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let text = String(decoding: body.prefix(120), as: UTF8.self)
        let fromBytes = Result { () throws(JSONParseError) -> VobizPage? in try VobizPage.read(body, mapper: mapper) }
        switch (fromBytes, fromTree(body)) {
        case (.success(let a?), .success(let b?)):
            #expect(a.calls == b.calls, "\(text)", sourceLocation: sourceLocation)
            #expect(a.calls.map { JSONWriter.encode($0.jsonValue) } == b.calls.map { JSONWriter.encode($0.jsonValue) }, sourceLocation: sourceLocation)
            // Detail lines read from the record when asked are the lines a listing mapper makes.
            let listing = VobizRecordMapper(account: mapper.account, listsDetails: true)
            #expect(a.calls.map(\.extraDetails) == b.calls.map(\.extraDetails), "\(text)", sourceLocation: sourceLocation)
            #expect(a.calls.map(\.extraDetails) == a.calls.map { listing.map(.object($0.fields))?.extraDetails ?? [] }, "\(text)", sourceLocation: sourceLocation)
            #expect(a.rowCount == b.rowCount && a.total == b.total && a.page == b.page && a.perPage == b.perPage && a.hasNext == b.hasNext,
                    "\(text)", sourceLocation: sourceLocation)
        case (.success(nil), .success(nil)): break
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        default: Issue.record("the two readings differ on \(text): \(fromBytes) / \(fromTree(body))", sourceLocation: sourceLocation)
        }
    }

    @Test func pagesReadAsTheParsedTreeReadsThem() throws {
        expectAgreement(try Fixture.bytes("vobiz-list"))
        let row = #"{"call_uuid":"a","status":"answered","direction":"inbound","duration_seconds":5,"start_time":"2026-03-25T10:30:00Z","end_time":"2026-03-25T10:30:05.250+05:30","cost":"0.50","trunk_id":"t1","trunk_name":"main"}"#
        let bodies = [
            #"{"data":[\#(row)],"meta":{"total":1,"page":1,"per_page":20}}"#,
            #"{ "data" : [ \#(row) , \#(row) , ] , "pagination" : { "has_next" : false } }"#,  // whitespace, a trailing comma
            #"{"data":[1,"x",null,[],\#(row)],"meta":null,"pagination":{"total":5}}"#,          // rows that are not objects
            #"{"data":[\#(row)],"data":[{"call_uuid":"second"}]}"#,                              // the first data counts
            #"{"data":{"call_uuid":"a"},"data":[\#(row)]}"#,                                     // ... even when it is not an array
            #"{"data":[{"uuid":"u","call_uuid":"c","trunk_id":"1","trunk_id":"2","caller_id":"","caller_id":"x","sip_response_code":"486","mos":"9"}]}"#,
            #"{"data":[{"start_time":"2026-13-01T00:00:00Z","answer_time":20260325,"end_time":"","cost":"1e400","duration_seconds":-1}]}"#,
            #"{"data":[{"call_uuid":"escaped","status":"no-answer","from_number":"+1"2"}]}"#,
            #"{"data":[],"meta":{"total":9223372036854775807,"page":0,"per_page":100000}}"#,
            #"{"meta":{}}"#, "[]", "{}", "null",
            #"{"data":[\#(row)"#, #"{"data":[{"call_uuid":"a" "x":1}]}"#, #"{"data":[{"call_uuid":01}]}"#, #"{"data":[]} x"#,
            #"{"data":[{"call_uuid":"a"}],"meta":{"total":}}"#, "{\"data\":[" + String(repeating: "[", count: 300) + "]}",
        ]
        for body in bodies { expectAgreement(Array(body.utf8)) }
    }

    @Test func generatedPagesReadAsTheParsedTreeReadsThem() throws {
        let history = SyntheticHistory(.init(seed: 9, count: 2_000, anchor: 1_774_440_000, span: 86_400))
        for page in 1...20 {
            let calls = (((page - 1) * 100)..<(page * 100)).map(history.call(at:))
            expectAgreement(MockPayloads.vobizList(calls, dialect: page.isMultiple(of: 2) ? .alternate : .documented, total: 2_000, page: page, perPage: 100))
        }
    }
}
