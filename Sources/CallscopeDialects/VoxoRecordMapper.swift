import CallscopeDomain
import Foundation

/// Turns one VOXO call-report record into a `Call`.
///
/// `time` is wall time in the zone the request named; it is resolved to an instant with
/// the `uniqueId` epoch as the tie-breaker in a repeated DST hour. Records without a readable
/// time or any id are still kept (nothing the API sent is dropped). Every number and time is
/// range-checked (`Plausible`): an impossible one is listed in `implausibleKeys` and used for
/// nothing.
public struct VoxoRecordMapper: Sendable, RecordMapping {
    public let zone: ZoneClock
    /// The account the request was scoped to, if any (records do not carry it).
    public let account: String?

    /// Whether calls list their detail lines; else they read them from the record when asked.
    let listsDetails: Bool

    public init(zone: ZoneClock, account: String?) {
        self.init(zone: zone, account: account, listsDetails: false)
    }

    init(zone: ZoneClock, account: String?, listsDetails: Bool) {
        self.zone = zone
        self.account = account
        self.listsDetails = listsDetails
    }

    /// A record's detail lines, read when the detail pane asks (`CallDetails`): the record
    /// mapped again, its lines listed. They depend on the record alone, not the zone.
    static let detailReader = CallDetailReader(name: "voxo") { record in
        VoxoRecordMapper(zone: ZoneClock(.gmt), account: nil, listsDetails: true).map(.object(record.object))?.extraDetails ?? []
    }

    /// The keys whose meaning the normalized call or its extra details carry.
    static let presentedKeys: Set<String> = Set(VoxoKey.allCases.map(\.rawValue))

    public func map(_ value: JSONValue) -> Call? { mapTree(value) }

    /// A record's bytes to a call (`RecordMapping.mapBytes`): what `map(_:)` reads of them parsed.
    public func map(recordBytes bytes: [UInt8]) throws(JSONParseError) -> Call? { try mapBytes(bytes) }

    /// The record `bytes` starts with, read in place, and its length (`RecordMapping.mapLeading`).
    public func map(leadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (call: Call, length: Int)? { mapLeading(bytes) }

    func finish(_ reading: inout VoxoReading, record: ProviderRecord, unidentified: () -> JSONObject) -> Call {
        var implausible = reading.implausible
        // Moved out, not copied: a copy of thirty fields is a retain for each.
        var call = Call.Values(id: "", provider: .voxo, record: ProviderRecord())
        swap(&call, &reading.call)
        call.record = record
        call.id = reading.id ?? reading.start.uniqueId ?? UnidentifiedRecord.id(for: unidentified(), provider: .voxo)
        call.account = account
        if let uniqueId = reading.start.uniqueId, uniqueId != call.id { call.alternateId = uniqueId }
        if reading.start.timeSent, !(reading.start.time?.isPlausibleCallTime ?? false) { implausible.append("time") }
        call.startTime = startTime(of: reading.start)
        let talk = reading.talk
        call.durationSeconds = talk
        call.totalSeconds = reading.durationTotal
        if let start = call.startTime, let total = reading.durationTotal {
            call.endTime = start.addingTimeInterval(TimeInterval(total))
            // VOXO sends no answer time; ring time is total minus talk time.
            if let talk, talk <= total {
                call.ringSeconds = total - talk
                if call.status == .answered { call.answerTime = start.addingTimeInterval(TimeInterval(total - talk)) }
            }
        }
        call.details = listsDetails ? .listed(reading.extraDetails()) : .readFromRecord(Self.detailReader)
        call.presentedKeys = Self.presentedKeys
        call.implausibleKeys = implausible
        return Call(taking: &call)
    }

    static let startTimeKeys = StartTimeKeys<VoxoKey>([.time, .uniqueId])

    /// `time` read in the request's zone (a repeated DST hour settled by the uniqueId's
    /// instant), else the uniqueId's instant; nil when neither is a plausible time.
    func startTime(of reading: VoxoStartReading) -> Date? {
        let parsedUnique = reading.uniqueId.flatMap(VoxoUniqueId.init).flatMap { Plausible.instant($0.date) != nil ? $0 : nil }
        if reading.timeSent, let local = reading.time, local.isPlausibleCallTime {
            return zone.instant(from: local, preferring: parsedUnique?.date)
        }
        return parsedUnique?.date
    }

    /// The start time of the record `bytes` starts with, read alone (`RecordMapping.startTimeOfLeading`).
    public func startTime(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (start: Date?, length: Int)? { startTimeOfLeading(bytes) }

    /// `MM/dd/yy HH:mm:ss` (four-digit years accepted too). nil for anything else,
    /// a year of 10^12 included.
    public static func parseTime(_ text: String) -> LocalDateTime? {
        if let plain = plainTime(text) { return plain.isValid ? plain : nil }
        guard text.utf8.count <= 40 else { return nil }
        let halves = text.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "/", omittingEmptySubsequences: false)
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, clock.count == 3, date[2].count <= 4, date[2].allSatisfy({ $0.isASCII && $0.isNumber }),
              let month = Int(date[0]), let day = Int(date[1]), let rawYear = Int(date[2]),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2])
        else { return nil }
        let year = date[2].count <= 2 ? 2000 + rawYear : rawYear
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return local.isValid ? local : nil
    }

    /// `MM/dd/yy HH:mm:ss` or `MM/dd/yyyy HH:mm:ss` in plain digits, read from the bytes (the
    /// form VOXO sends); nil sends anything else to the general reading.
    static func plainTime(_ text: String) -> LocalDateTime? {
        var text = text
        return text.withUTF8(plainTime(_:))
    }

    static func plainTime(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        let longYear = bytes.count == 19
        guard bytes.count == 17 || longYear else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let clock = longYear ? 11 : 9
        guard bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"), bytes[clock - 1] == UInt8(ascii: " "),
              bytes[clock + 2] == UInt8(ascii: ":"), bytes[clock + 5] == UInt8(ascii: ":"),
              let month = number(0, 2), let day = number(3, 2), let year = number(6, longYear ? 4 : 2),
              let hour = number(clock, 2), let minute = number(clock + 3, 2), let second = number(clock + 6, 2)
        else { return nil }
        return LocalDateTime(year: longYear ? year : 2000 + year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
