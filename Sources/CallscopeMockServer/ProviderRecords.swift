import CallscopeDomain
import Foundation

/// Dresses synthetic calls as the records each provider documents.
enum ProviderRecords {
    static let twoToThe63 = "9223372036854775807"

    /// `record` with the impossible values of `c`'s kind in place of the real ones.
    static func withImpossibleValues(_ record: JSONValue, _ c: SyntheticCall) -> JSONValue {
        guard let kind = c.impossible, case .object(var object) = record else { return record }
        let replacements: [String: JSONValue]
        switch kind {
        case .hugeDuration:
            replacements = ["duration": .number(twoToThe63), "duration_seconds": .number(twoToThe63), "ring_duration_seconds": .number(twoToThe63)]
        case .impossibleYear:
            replacements = ["time": .string("01/01/1000000000000 00:00:00"), "answer_time": .string("0000-01-01T00:00:00Z"),
                            "end_time": .string("9999-12-31T23:59:59Z")]
        case .beyondDouble:
            replacements = ["mos": .number("1e400"), "cost": .number("1e400"), "packetLoss": .number("-1e400")]
        case .negativeAndHuge:
            replacements = ["afterAnswerDuration": .number("-5"), "duration_seconds": .number("-5"),
                            "sip_response_code": .number("100000000000000000000")]
        }
        for index in object.members.indices {
            if let value = replacements[object.members[index].key] { object.members[index].value = value }
        }
        return .object(object)
    }

    /// A VOXO call-report record, field for field as the API documentation's sample shows it, `time` in `zone`.
    static func voxo(_ c: SyntheticCall, zone: ZoneClock) -> JSONValue {
        let local = LocalDateTime(civilSeconds: c.start + zone.offset(at: c.start))
        let time = "\(pad2(local.month))/\(pad2(local.day))/\(pad2(local.year % 100)) \(pad2(local.hour)):\(pad2(local.minute)):\(pad2(local.second))"
        let disposition: String
        switch c.status {
        case .answered: disposition = "ANSWERED"
        case .noAnswer: disposition = "NO ANSWER"
        case .busy: disposition = "BUSY"
        case .failed: disposition = "FAILED"
        case .other(let v): disposition = v.uppercased()
        }
        let answered = c.status == .answered
        func sparse(_ v: JSONValue) -> JSONValue { c.sparse ? .null : v }
        let ocn = String(8000 + c.index % 1000)
        return .object(JSONObject([
            ("id", .string(c.uuid)),
            ("time", .string(time)),
            ("callerIdNumber", .string(digitsOnly(c.from))),
            ("callerIdName", c.callerName.map { .string($0) } ?? .string("")),
            ("dialedNum", .string(digitsOnly(c.to))),
            ("direction", .string(c.direction == .inbound ? "IN" : "OUT")),
            ("disposition", .string(disposition)),
            ("duration", num(c.ringSeconds + c.talkSeconds)),
            ("percentJitter", .number(numberText(c.jitterPercent))),
            ("packetLoss", .number(numberText(c.packetLossPercent))),
            ("qos", num(answered && c.mos > 0 ? 1 : 0)),
            ("uniqueId", .string(c.voxoUniqueId)),
            ("prevUniqueId", .string(c.previousUniqueId ?? "")),
            ("whoAnswered", .string(answered && c.direction == .inbound ? "ext \(100 + c.index % 40)" : "")),
            ("recorded", num(c.index % 7 == 0 ? 1 : 0)),
            ("queueCall", num(c.index % 11 == 0 ? 1 : 0)),
            ("ocn", sparse(.string(ocn))),
            ("ani", sparse(.string(digitsOnly(c.from)))),
            ("lata", sparse(.string(String(800 + c.index % 60)))),
            ("city", sparse(.string(["KINGSTON", "ATLANTA", "DALLAS", "CHICAGO"][c.index % 4]))),
            ("rateCenter", sparse(.string(["KINGSTON", "ATLANTA", "DALLAS", "CHICAGO"][c.index % 4]))),
            ("state", sparse(.string(["JM", "GA", "TX", "IL"][c.index % 4]))),
            ("jurisdiction", sparse(.string(c.index % 3 == 0 ? "INTRASTATE" : "INTERSTATE"))),
            ("local", sparse(num(c.index % 5 == 0 ? 1 : 0))),
            ("lec", sparse(.string(["JAMAICA TELEPHONE CO.", "BELLSOUTH", "SOUTHWESTERN BELL", "AMERITECH"][c.index % 4]))),
            ("lecType", sparse(.string(c.index % 2 == 0 ? "CLEC" : "ILEC"))),
            ("spid", .null),
            ("isTollFree", .null),
            ("nextUniqueId", .string(c.nextUniqueId ?? "")),
            ("isInternational", c.from.hasPrefix("+1") && c.to.hasPrefix("+1") ? .null : num(1)),
            ("presented", num(answered ? 1 : 0)),
            ("mos", .number(numberText(c.mos))),
            ("callOutcome", .string("")),
            ("afterAnswerDuration", num(c.talkSeconds)),
            ("outgoingCidNum", c.direction == .outbound ? .string(digitsOnly(c.from)) : .null),
            ("billingId", .null),
            ("partnerId", .null),
            ("geolocation", .null),
        ]))
    }

    /// A Vobiz list row, as the documented list answer shows it; `dialect` picks the documented
    /// spelling or the variants seen in other versions of the documentation.
    static func vobizRow(_ c: SyntheticCall, dialect: VobizDialect) -> JSONValue {
        let status = dialect == .alternate && c.status == .noAnswer ? "no_answer" : c.status.description
        var row = JSONObject([
            (dialect == .alternate ? "uuid" : "call_uuid", .string(c.uuid)),
            ("from_number", .string(e164(c.from))),
            ("to_number", .string(e164(c.to))),
            ("direction", .string(c.direction.description)),
            ("status", .string(status)),
            ("duration_seconds", num(c.talkSeconds)),
            ("hangup_cause", .string(c.hangupCause)),
            ("cost", c.costMinorUnits.map { .number(money($0)) } ?? .null),
            ("currency", .string(c.currency)),
            ("start_time", .string(ISO8601.format(Date(timeIntervalSince1970: TimeInterval(c.start))))),
            ("answer_time", c.answer.map { .string(ISO8601.format(Date(timeIntervalSince1970: TimeInterval($0)))) } ?? .null),
            ("end_time", .string(ISO8601.format(Date(timeIntervalSince1970: TimeInterval(c.end))))),
            ("trunk_id", c.trunkID.map { .string($0) } ?? .null),
            ("context", .string("sip-trunking")),
        ])
        // The other version names each row's customer, so a client can open its full record.
        if dialect == .alternate { row.append("account_auth_id", .string(c.account)) }
        return .object(row)
    }

    /// The single-call endpoint's full detail.
    static func vobizDetail(_ c: SyntheticCall) -> JSONValue {
        let row = vobizRow(c, dialect: .documented).objectValue ?? JSONObject()
        var members: [(key: String, value: JSONValue)] = []
        for member in row.members {
            members.append(member)
            switch member.key {
            case "duration_seconds": members.append(("ring_duration_seconds", num(c.ringSeconds)))
            case "hangup_cause": members.append(("hangup_initiator", .string(c.hangupInitiator)))
            case "trunk_id": members.append(("trunk_name", .string(c.trunkName)))
            default: break
            }
        }
        members.append(("sip_response_code", num(c.sipCode)))
        members.append(("caller_id", .string(e164(c.from))))
        members.append(("account_auth_id", .string(c.account)))
        members.append(("mos", .number(numberText(c.mos))))
        return .object(JSONObject(members))
    }

    static func num(_ i: Int) -> JSONValue { .number(String(i)) }

    static func numberText(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }

    static func money(_ minor: Int) -> String {
        "\(minor / 100).\(pad2(minor % 100))"
    }

    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

    static func digitsOnly(_ s: String) -> String {
        var digits = String(s.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init))
        // VOXO shows North American numbers without the country code, as the documented sample does.
        if digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
        return digits
    }

    static func e164(_ s: String) -> String {
        s.hasPrefix("+") ? "+" + String(s.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init)) : s
    }
}
