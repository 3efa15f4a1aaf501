import CallscopeDomain
import Foundation

/// Turns one VOXO call-report record into a `Call`.
///
/// `time` is wall time in the zone the request named; it is resolved to an instant with
/// the `uniqueId` epoch as the tie-breaker in a repeated DST hour. Records without a readable
/// time or any id are still kept (nothing the API sent is dropped). Every number and time is
/// range-checked (`Plausible`): an impossible one is listed in `implausibleKeys` and used for
/// nothing.
public struct VoxoRecordMapper: Sendable {
    public let zone: ZoneClock
    /// The account the request was scoped to, if any (records do not carry it).
    public let account: String?

    public init(zone: ZoneClock, account: String?) {
        self.zone = zone
        self.account = account
    }

    /// The keys whose meaning the normalized call or its extra details carry.
    static let presentedKeys: Set<String> = [
        "id", "uniqueId", "time", "callerIdNumber", "callerIdName", "dialedNum", "direction", "disposition",
        "duration", "afterAnswerDuration", "mos", "percentJitter", "packetLoss", "prevUniqueId", "nextUniqueId",
        "lec", "lecType", "ocn", "rateCenter", "state", "city", "jurisdiction",
    ]

    public func map(_ value: JSONValue) -> Call? {
        guard case .object(let record) = value else { return nil }
        var uniqueId: String?
        var id: String?
        var timeText: String?
        var durationTotal: Int?
        var talk: Int?
        var implausible: [String] = []
        var call = Call(id: "", provider: .voxo, fields: record)
        /// Keeps a present value only when it is in range; anything else that is not null or
        /// "" (an impossible number, an object where a number belongs) is marked unused.
        func checked<T>(_ key: String, _ field: JSONValue, _ value: T?) -> T? {
            if value == nil, !field.isNull, field.text != "" { implausible.append(key) }
            return value
        }
        for (key, field) in record.members {
            switch key {
            case "id": id = field.nonEmptyText
            case "uniqueId": uniqueId = field.nonEmptyText
            case "time": timeText = field.nonEmptyText
            case "callerIdNumber": call.from = field.nonEmptyText
            case "callerIdName": call.callerName = field.nonEmptyText
            case "dialedNum": call.to = field.nonEmptyText
            case "direction": call.direction = field.nonEmptyText.flatMap(CallDirection.init(providerValue:))
            case "disposition": call.status = field.nonEmptyText.flatMap(CallStatus.init(providerValue:))
            case "duration": durationTotal = checked(key, field, Plausible.duration(field.intValue))
            case "afterAnswerDuration": talk = checked(key, field, Plausible.duration(field.intValue))
            // `percentJitter` is a percentage, not the milliseconds `jitter` means: an extra detail.
            case "packetLoss": call.packetLoss = checked(key, field, field.doubleValue.flatMap { Plausible.percent.contains($0) ? $0 : nil })
            case "mos":
                // 0 means nothing was measured.
                let mos = checked(key, field, field.doubleValue.flatMap { Plausible.mos.contains($0) ? $0 : nil })
                call.mos = mos.flatMap { $0 > 0 ? $0 : nil }
            case "prevUniqueId": call.previousLegId = field.nonEmptyText
            case "nextUniqueId": call.nextLegId = field.nonEmptyText
            default: break
            }
        }
        call.id = id ?? uniqueId ?? UnidentifiedRecord.id(for: record, provider: .voxo)
        call.account = account
        if let uniqueId, uniqueId != call.id { call.alternateId = uniqueId }
        let parsedUnique = uniqueId.flatMap(VoxoUniqueId.init).flatMap { Plausible.instant($0.date) != nil ? $0 : nil }
        if let timeText {
            if let local = Self.parseTime(timeText), local.isPlausibleCallTime {
                call.startTime = zone.instant(from: local, preferring: parsedUnique?.date)
            } else {
                implausible.append("time")
            }
        }
        if call.startTime == nil { call.startTime = parsedUnique?.date }
        call.durationSeconds = talk
        call.totalSeconds = durationTotal
        if let start = call.startTime, let total = durationTotal {
            call.endTime = start.addingTimeInterval(TimeInterval(total))
            // VOXO sends no answer time; ring time is total minus talk time.
            if let talk, talk <= total {
                call.ringSeconds = total - talk
                if call.status == .answered { call.answerTime = start.addingTimeInterval(TimeInterval(total - talk)) }
            }
        }
        call.extraDetails = Self.extraDetails(record, id: id, uniqueId: uniqueId)
        call.presentedKeys = Self.presentedKeys
        call.implausibleKeys = implausible
        return call
    }

    static func extraDetails(_ record: JSONObject, id: String?, uniqueId: String?) -> [CallDetailItem] {
        func text(_ key: String) -> String? { record[key]?.nonEmptyText }
        func joined(_ keys: [String], _ separator: String) -> String? {
            let parts = keys.compactMap(text)
            return parts.isEmpty ? nil : parts.joined(separator: separator)
        }
        var items: [CallDetailItem] = []
        if let uniqueId, id != nil { items.append(CallDetailItem(.call, "uniqueId", uniqueId)) }
        if let jitter = text("percentJitter") { items.append(CallDetailItem(.quality, "jitter %", jitter)) }
        if let carrier = joined(["lec", "lecType"], " · ") { items.append(CallDetailItem(.carrier, "carrier", carrier)) }
        if let ocn = text("ocn") { items.append(CallDetailItem(.carrier, "OCN", ocn)) }
        if let place = joined(["rateCenter", "city", "state"], ", ") { items.append(CallDetailItem(.carrier, "rate center", place)) }
        if let jurisdiction = text("jurisdiction") { items.append(CallDetailItem(.carrier, "jurisdiction", jurisdiction)) }
        return items
    }

    /// `MM/dd/yy HH:mm:ss` (four-digit years accepted too). nil for anything else,
    /// a year of 10^12 included.
    public static func parseTime(_ text: String) -> LocalDateTime? {
        guard text.utf8.count <= 40 else { return nil }
        let halves = text.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "/", omittingEmptySubsequences: false)
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, clock.count == 3, date[2].count <= 4, date[2].allSatisfy { $0.isASCII && $0.isNumber },
              let month = Int(date[0]), let day = Int(date[1]), let rawYear = Int(date[2]),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2])
        else { return nil }
        let year = date[2].count <= 2 ? 2000 + rawYear : rawYear
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return local.isValid ? local : nil
    }
}
