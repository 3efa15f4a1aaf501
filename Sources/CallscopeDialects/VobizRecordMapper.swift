import CallscopeDomain
import Foundation

/// Turns one Vobiz CDR (list row or full detail) into a `Call`. Reads the documented
/// variants: `call_uuid` or `uuid`, `no-answer` or `no_answer`. Every number and time is
/// range-checked (`Plausible`): an impossible one is listed in `implausibleKeys` and used for
/// nothing. A record is read from its bytes (a list page's rows, in place) or from a parsed
/// tree (a detail answer), and both readings give the same call.
public struct VobizRecordMapper: Sendable, RecordMapping {
    /// The customer the request was scoped to, used when the record does not name one.
    public let account: String?

    /// Whether calls list their detail lines; else they read them from the record when asked.
    let listsDetails: Bool

    public init(account: String?) {
        self.init(account: account, listsDetails: false)
    }

    init(account: String?, listsDetails: Bool) {
        self.account = account
        self.listsDetails = listsDetails
    }

    /// A record's detail lines, read when the detail pane asks (`CallDetails`): the record
    /// mapped again, its lines listed.
    static let detailReader = CallDetailReader(name: "vobiz") { record in
        VobizRecordMapper(account: nil, listsDetails: true).map(.object(record.object))?.extraDetails ?? []
    }

    /// The keys whose meaning the normalized call or its extra details carry.
    static let presentedKeys: Set<String> = Set(VobizKey.allCases.map(\.rawValue))

    public func map(_ value: JSONValue) -> Call? { mapTree(value) }

    /// A record's bytes to a call (`RecordMapping.mapBytes`): what `map(_:)` reads of them parsed.
    public func map(recordBytes bytes: [UInt8]) throws(JSONParseError) -> Call? { try mapBytes(bytes) }

    /// The record `bytes` starts with, read in place, and its length (`RecordMapping.mapLeading`).
    public func map(leadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (call: Call, length: Int)? { mapLeading(bytes) }

    static let startTimeKeys = StartTimeKeys<VobizKey>([.start_time])

    func startTime(of reading: VobizStartReading) -> Date? { reading.start }

    /// The start time of the record `bytes` starts with, read alone (`RecordMapping.startTimeOfLeading`).
    public func startTime(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (start: Date?, length: Int)? { startTimeOfLeading(bytes) }

    func finish(_ reading: inout VobizReading, record: ProviderRecord, unidentified: () -> JSONObject) -> Call {
        // Moved out, not copied: a copy of thirty fields is a retain for each.
        var call = Call.Values(id: "", provider: .vobiz, record: ProviderRecord())
        swap(&call, &reading.call)
        call.record = record
        call.id = reading.callUUID ?? reading.uuid ?? UnidentifiedRecord.id(for: unidentified(), provider: .vobiz)
        if call.account == nil { call.account = account }
        // Both instants lie within `Plausible.years`, so their difference fits an Int.
        if let start = call.startTime, let end = call.endTime, end >= start {
            call.totalSeconds = Plausible.duration(Int(end.timeIntervalSince(start).rounded()))
        } else if let ring = call.ringSeconds, let talk = call.durationSeconds {
            call.totalSeconds = Plausible.duration(ring + talk)
        }
        // The id first: list rows carry only the id, and "same trunk" must match them.
        call.trunk = reading.trunkId ?? reading.trunkName
        call.trunkName = reading.trunkName
        if listsDetails {
            var items: [CallDetailItem] = []
            if let callerID = reading.callerID { items.append(CallDetailItem(.call, "caller id", callerID)) }
            if let trunk = CallDetailItem(.carrier, "trunk", joining: reading.trunkName, reading.trunkId, separator: " · ") { items.append(trunk) }
            call.details = .listed(items)
        } else {
            call.details = .readFromRecord(Self.detailReader)
        }
        call.presentedKeys = Self.presentedKeys
        call.implausibleKeys = reading.implausible
        // List rows lack what the single-call endpoint adds; it needs the customer.
        call.hasFullerDetail = call.account != nil && !reading.sentSIPResponseCode
        return Call(taking: &call)
    }
}

/// The CDR keys a call is built from; every other key stays in the record only.
enum VobizKey: String, CaseIterable, Sendable, RecordKey {
    case call_uuid, uuid, from_number, to_number, caller_name, caller_id_name, direction, call_direction, status
    case duration_seconds, ring_duration_seconds, hangup_cause, hangup_initiator, sip_response_code, cost, currency
    case start_time, answer_time, end_time, trunk_id, trunk_name, account_auth_id, mos, jitter, jitter_ms, packet_loss
    case packet_loss_percent, caller_id, previous_call_uuid, parent_call_uuid, next_call_uuid

    /// The keys to look for in a record's bytes, numbered as `byIndex` lists them.
    static let table = ByteKeyTable(allCases.map(\.rawValue))

    static let byIndex = Array(allCases)
}

/// What a row's start time is read from, alone (a saved file's index reads it for every row),
/// read as `VobizReading` reads it.
struct VobizStartReading: RecordReading {
    var start: Date?

    mutating func take<Field: JSONFieldValue>(_ key: VobizKey, _ field: Field) {
        if key == .start_time { start = VobizReading.instant(field) }
    }
}

/// What one record says, gathered key by key in document order: for a repeated key the last
/// one counts, except the trunk and caller id, where the first does (as `JSONObject`'s
/// subscript reads them).
struct VobizReading: RecordReading {
    var call = Call.Values(id: "", provider: .vobiz, record: ProviderRecord())
    var callUUID: String?
    var uuid: String?
    var implausible: [String] = []
    var trunkId: String?
    var trunkName: String?
    var callerID: String?
    var sentSIPResponseCode = false
    private var seenTrunkId = false, seenTrunkName = false, seenCallerID = false

    mutating func take<Field: JSONFieldValue>(_ key: VobizKey, _ field: Field) {
        switch key {
        case .call_uuid: callUUID = field.nonEmptyText
        case .uuid: uuid = field.nonEmptyText
        case .from_number: call.from = field.nonEmptyText
        case .to_number: call.to = field.nonEmptyText
        case .caller_name, .caller_id_name: call.callerName = field.nonEmptyText
        // The usual spellings are matched as bytes; anything else is read from its text.
        case .direction, .call_direction:
            call.direction = field.withStringBytes(CallDirection.init(sentSpelling:)).flatMap { $0 } ?? field.nonEmptyText.flatMap(CallDirection.init(providerValue:))
        case .status:
            call.status = field.withStringBytes(CallStatus.init(sentSpelling:)).flatMap { $0 } ?? field.nonEmptyText.flatMap(CallStatus.init(providerValue:))
        case .duration_seconds: call.durationSeconds = checked(key, field, Plausible.duration(field.intValue))
        case .ring_duration_seconds: call.ringSeconds = checked(key, field, Plausible.duration(field.intValue))
        case .hangup_cause: call.hangupCause = field.nonEmptyText
        case .hangup_initiator: call.hangupInitiator = field.nonEmptyText
        case .sip_response_code:
            sentSIPResponseCode = true
            call.sipResponseCode = checked(key, field, Plausible.sipCode(field.intValue))
        case .cost: call.cost = checked(key, field, Plausible.amount(field.numberText))
        case .currency: call.currency = field.nonEmptyText
        case .start_time: call.startTime = time(key, field)
        case .answer_time: call.answerTime = time(key, field)
        case .end_time: call.endTime = time(key, field)
        case .mos:
            // 0 means no audio was measured, not the worst quality.
            let mos = checked(key, field, field.doubleValue.flatMap { Plausible.mos.contains($0) ? $0 : nil })
            call.mos = mos.flatMap { $0 > 0 ? $0 : nil }
        case .jitter, .jitter_ms: call.jitter = checked(key, field, field.doubleValue.flatMap { Plausible.jitterMilliseconds.contains($0) ? $0 : nil })
        case .packet_loss, .packet_loss_percent: call.packetLoss = checked(key, field, field.doubleValue.flatMap { Plausible.percent.contains($0) ? $0 : nil })
        case .account_auth_id: call.account = field.nonEmptyText
        case .previous_call_uuid, .parent_call_uuid: call.previousLegId = field.nonEmptyText
        case .next_call_uuid: call.nextLegId = field.nonEmptyText
        case .trunk_id where !seenTrunkId: (seenTrunkId, trunkId) = (true, field.nonEmptyText)
        case .trunk_name where !seenTrunkName: (seenTrunkName, trunkName) = (true, field.nonEmptyText)
        case .caller_id where !seenCallerID: (seenCallerID, callerID) = (true, field.nonEmptyText)
        case .trunk_id, .trunk_name, .caller_id: break
        }
    }

    private mutating func time<Field: JSONFieldValue>(_ key: VobizKey, _ field: Field) -> Date? {
        checked(key, field, Self.instant(field))
    }

    /// A time in range; a string is read from its bytes, anything else through its text.
    static func instant<Field: JSONFieldValue>(_ field: Field) -> Date? {
        Plausible.instant(field.withStringBytes(ISO8601.parse(bytes:)) ?? field.nonEmptyText.flatMap(ISO8601.parse))
    }

    /// Keeps a present value only when it is in range; anything else that is not null or ""
    /// (an impossible number, an object where a number belongs) is marked unused.
    private mutating func checked<T, Field: JSONFieldValue>(_ key: VobizKey, _ field: Field, _ value: T?) -> T? {
        if value == nil, !field.isNull, !field.isEmptyString { implausible.append(key.rawValue) }
        return value
    }
}
