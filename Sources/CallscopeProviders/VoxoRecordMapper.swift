import CallscopeDomain
import Foundation

/// Turns one VOXO call-report record into a `Call`.
///
/// `time` is wall time in the zone the request named; it is resolved to an instant with
/// the `uniqueId` epoch as the tie-breaker in a repeated DST hour. Records without a readable
/// time or any id are still kept (nothing the API sent is dropped).
public struct VoxoRecordMapper: Sendable {
    public let zone: ZoneClock
    /// The account the request was scoped to, if any (records do not carry it).
    public let account: String?

    public init(zone: ZoneClock, account: String?) {
        self.zone = zone
        self.account = account
    }

    public func map(_ value: JSONValue) -> Call? {
        guard case .object(let record) = value else { return nil }
        var uniqueId: String?
        var id: String?
        var timeText: String?
        var durationTotal: Int?
        var talk: Int?
        var call = Call(id: "", provider: .voxo, fields: record)
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
            case "duration": durationTotal = field.intValue
            case "afterAnswerDuration": talk = field.intValue
            // `percentJitter` is a percentage, not the milliseconds `jitter` means: it stays in `fields`.
            case "packetLoss": call.packetLoss = field.doubleValue
            case "mos": call.mos = field.doubleValue.flatMap { $0 > 0 ? $0 : nil }
            case "prevUniqueId": call.previousLegId = field.nonEmptyText
            case "nextUniqueId": call.nextLegId = field.nonEmptyText
            default: break
            }
        }
        call.id = id ?? uniqueId ?? UnidentifiedRecord.id(for: record, provider: .voxo)
        call.account = account
        let parsedUnique = uniqueId.flatMap(VoxoUniqueId.init)
        if let timeText, let local = Self.parseTime(timeText) {
            call.startTime = zone.instant(from: local, preferring: parsedUnique?.date)
        } else {
            call.startTime = parsedUnique?.date
        }
        call.durationSeconds = talk
        call.totalSeconds = durationTotal
        if let start = call.startTime, let total = durationTotal, total >= 0 {
            call.endTime = start.addingTimeInterval(TimeInterval(total))
            // VOXO sends no answer time; ring time is total minus talk time.
            if call.status == .answered, let talk, talk >= 0, talk <= total {
                call.answerTime = start.addingTimeInterval(TimeInterval(total - talk))
            }
        }
        return call
    }

    /// `MM/dd/yy HH:mm:ss` (four-digit years accepted too).
    public static func parseTime(_ text: String) -> LocalDateTime? {
        let halves = text.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "/", omittingEmptySubsequences: false)
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, clock.count == 3,
              let month = Int(date[0]), let day = Int(date[1]), let rawYear = Int(date[2]),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2])
        else { return nil }
        let year = date[2].count <= 2 ? 2000 + rawYear : rawYear
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return local.isValid ? local : nil
    }
}
