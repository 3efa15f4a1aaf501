import CallscopeDialects
import CallscopeDomain
import Foundation

/// Reads back one call of callscope's JSON or NDJSON export (`Call.jsonValue`): the normalized
/// values as written, and the provider's record (`fields`) mapped again by that provider's
/// mapper for what the export does not carry as columns (detail lines, trunk, ring time). The
/// exported values win: they are absolute, while a VOXO record's `time` needs its zone.
public struct ExportedCallReader: Sendable {
    let voxo: VoxoRecordMapper
    let vobiz = VobizRecordMapper(account: nil)

    public init() {
        voxo = VoxoRecordMapper(zone: ZoneClock(identifier: "UTC") ?? ZoneClock(TimeZone.current), account: nil)
    }

    enum Key: String, CaseIterable {
        case id, provider, startTime, answerTime, endTime, direction, status, from, to, callerName
        case durationSeconds, totalSeconds, hangupCause, sipResponseCode, cost, currency, mos, jitter, packetLoss
        case account, previousLegId, nextLegId, fields

        static let table = ByteKeyTable(allCases.map(\.rawValue))
        static let byIndex = Array(allCases)
        static let startTimeTable = ByteKeyTable([Key.startTime.rawValue])
    }

    /// The start time of the exported call `bytes` start with, and its length.
    func startTime(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (start: Date?, length: Int)? {
        var start: Date?
        guard let length = JSONParser.forEachMember(ofLeadingObject: bytes, wanted: Key.startTimeTable, { _, value in start = Self.time(value) })
        else { return nil }
        return (start, length)
    }

    /// The exported call `bytes` start with, and its length; nil when it is cut short or is
    /// not JSON (the index has checked every record it lists).
    public func call(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (call: Call, length: Int)? {
        var values = Call.Values(id: "", provider: .voxo, record: ProviderRecord())
        var provider: ProviderID?
        var fields: [UInt8]?
        guard let length = JSONParser.forEachMember(ofLeadingObject: bytes, wanted: Key.table, { index, value in
            switch Key.byIndex[index] {
            case .id: values.id = value.text ?? ""
            case .provider: provider = value.text.flatMap(ProviderID.init(rawValue:))
            case .startTime: values.startTime = Self.time(value)
            case .answerTime: values.answerTime = Self.time(value)
            case .endTime: values.endTime = Self.time(value)
            case .direction: values.direction = value.nonEmptyText.flatMap(CallDirection.init(providerValue:))
            case .status: values.status = value.nonEmptyText.flatMap(CallStatus.init(providerValue:))
            case .from: values.from = value.text
            case .to: values.to = value.text
            case .callerName: values.callerName = value.text
            case .durationSeconds: values.durationSeconds = Plausible.duration(value.intValue)
            case .totalSeconds: values.totalSeconds = Plausible.duration(value.intValue)
            case .hangupCause: values.hangupCause = value.text
            case .sipResponseCode: values.sipResponseCode = Plausible.sipCode(value.intValue)
            case .cost: values.cost = Plausible.amount(value.numberText)
            case .currency: values.currency = value.text
            // An export is a file anyone may have edited: its quality figures are range-checked
            // as a provider's are.
            case .mos: values.mos = Plausible.mos(value.doubleValue)
            case .jitter: values.jitter = Plausible.jitter(value.doubleValue)
            case .packetLoss: values.packetLoss = Plausible.packetLoss(value.doubleValue)
            case .account: values.account = value.text
            case .previousLegId: values.previousLegId = value.text
            case .nextLegId: values.nextLegId = value.text
            case .fields: fields = value.bytes.first == UInt8(ascii: "{") ? Array(value.bytes) : nil
            }
        }) else { return nil }
        values.provider = provider ?? .voxo
        return (merged(values, fields: fields), length)
    }

    /// The exported values over what the provider's mapper reads from `fields`.
    func merged(_ exported: Call.Values, fields: [UInt8]?) -> Call {
        var call: Call
        if let fields, let mapped = try? (exported.provider == .voxo ? voxo.map(recordBytes: fields) : vobiz.map(recordBytes: fields)) {
            call = mapped
        } else {
            call = Call(id: exported.id, provider: exported.provider, record: fields.map { ProviderRecord(bytes: $0) } ?? ProviderRecord())
        }
        call.id = exported.id
        call.provider = exported.provider
        call.startTime = exported.startTime
        call.answerTime = exported.answerTime
        call.endTime = exported.endTime
        call.direction = exported.direction
        call.status = exported.status
        call.from = exported.from
        call.to = exported.to
        call.callerName = exported.callerName
        call.durationSeconds = exported.durationSeconds
        call.totalSeconds = exported.totalSeconds
        call.hangupCause = exported.hangupCause
        call.sipResponseCode = exported.sipResponseCode
        call.cost = exported.cost
        call.currency = exported.currency
        call.mos = exported.mos
        call.jitter = exported.jitter
        call.packetLoss = exported.packetLoss
        call.account = exported.account
        call.previousLegId = exported.previousLegId
        call.nextLegId = exported.nextLegId
        // A saved call has no fuller record to fetch.
        call.hasFullerDetail = false
        if call.alternateId == call.id { call.alternateId = nil }
        return call
    }

    static func time(_ value: JSONMemberValue) -> Date? {
        Plausible.instant(value.withStringBytes(ISO8601.parse(bytes:)) ?? nil)
    }
}
