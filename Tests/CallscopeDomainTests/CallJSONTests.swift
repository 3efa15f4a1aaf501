import Foundation
import Testing
@testable import CallscopeDomain
@testable import CallscopeJSON

@Suite("The normalized call's JSON form")
struct CallJSONTests {
    @Test func everyKeyPresentInOrderWithNulls() throws {
        var call = Call(id: "u1", provider: .voxo, fields: JSONObject([("zeta", .number("1")), ("alpha", .null)]))
        call.startTime = Date(timeIntervalSince1970: 1_665_457_640)
        call.status = .other("congestion")
        call.mos = 4.4
        call.cost = "1.390"
        let object = try #require(call.jsonValue.objectValue)
        #expect(object.keys == [
            "id", "provider", "startTime", "answerTime", "endTime", "direction", "status", "from", "to", "callerName",
            "durationSeconds", "totalSeconds", "hangupCause", "sipResponseCode", "cost", "currency", "mos", "jitter",
            "packetLoss", "account", "previousLegId", "nextLegId", "fields",
        ])
        #expect(object["startTime"] == .string("2022-10-11T03:07:20Z"))
        #expect(object["answerTime"] == .null)
        #expect(object["status"] == .string("congestion"))
        #expect(object["mos"] == .number("4.4"))
        #expect(object["cost"] == .number("1.390"))
        #expect(object["fields"]?.objectValue?.keys == ["zeta", "alpha"])
    }
}
