import CallscopeDomain
import Foundation

/// The `/call-reports` keys a call is built from; every other key stays in the record only.
enum VoxoKey: String, CaseIterable, Sendable, RecordKey {
    case id, uniqueId, time, callerIdNumber, callerIdName, dialedNum, direction, disposition
    case duration, afterAnswerDuration, mos, percentJitter, packetLoss, prevUniqueId, nextUniqueId
    case lec, lecType, ocn, rateCenter, state, city, jurisdiction

    /// The keys to look for in a record's bytes, numbered as `byIndex` lists them.
    static let table = ByteKeyTable(allCases.map(\.rawValue))

    static let byIndex = Array(allCases)
}

/// What a record's start time is read from, alone (a saved file's index reads it for every
/// record): the same keys, read the same way, as `VoxoReading` reads them.
struct VoxoStartReading: RecordReading {
    var uniqueId: String?
    /// Whether a `time` was sent, and what it reads as (nil: not a time).
    var timeSent = false
    var time: LocalDateTime?

    mutating func take<Field: JSONFieldValue>(_ key: VoxoKey, _ field: Field) {
        switch key {
        case .uniqueId: uniqueId = field.nonEmptyText
        case .time: (timeSent, time) = VoxoReading.time(field)
        default: break
        }
    }
}

/// What one record says, gathered key by key in document order (a repeated key: the last
/// one counts, as for any JSON reader that keeps one value per key).
struct VoxoReading: RecordReading {
    var call = Call.Values(id: "", provider: .voxo, record: ProviderRecord())
    var id: String?
    /// `uniqueId` and `time`, read as the start-time reading reads them alone.
    var start = VoxoStartReading()
    var durationTotal: Int?
    var talk: Int?
    var implausible: [String] = []
    /// The values only the detail pane's extra lines use (the first of a repeated key; "" for
    /// one sent empty or null).
    private var extras = VoxoExtras()

    mutating func take<Field: JSONFieldValue>(_ key: VoxoKey, _ field: Field) {
        switch key {
        case .id: id = field.nonEmptyText
        case .uniqueId, .time: start.take(key, field)
        case .callerIdNumber: call.from = field.nonEmptyText
        case .callerIdName: call.callerName = field.nonEmptyText
        case .dialedNum: call.to = field.nonEmptyText
        // The usual spellings are matched as bytes; anything else is read from its text.
        case .direction:
            call.direction = field.withStringBytes(CallDirection.init(sentSpelling:)).flatMap { $0 } ?? field.nonEmptyText.flatMap(CallDirection.init(providerValue:))
        case .disposition:
            call.status = field.withStringBytes(CallStatus.init(sentSpelling:)).flatMap { $0 } ?? field.nonEmptyText.flatMap(CallStatus.init(providerValue:))
        case .duration: durationTotal = checked(key, field, Plausible.duration(field.intValue))
        case .afterAnswerDuration: talk = checked(key, field, Plausible.duration(field.intValue))
        case .packetLoss: call.packetLoss = checked(key, field, field.doubleValue.flatMap { Plausible.percent.contains($0) ? $0 : nil })
        case .mos:
            // 0 means nothing was measured.
            let mos = checked(key, field, field.doubleValue.flatMap { Plausible.mos.contains($0) ? $0 : nil })
            call.mos = mos.flatMap { $0 > 0 ? $0 : nil }
        case .prevUniqueId: call.previousLegId = field.nonEmptyText
        case .nextUniqueId: call.nextLegId = field.nonEmptyText
        // `percentJitter` is a percentage, not the milliseconds `jitter` means: an extra detail.
        case .percentJitter, .lec, .lecType, .ocn, .rateCenter, .state, .city, .jurisdiction:
            if extras[key] == nil { extras[key] = field.nonEmptyText ?? "" }
        }
    }

    /// Whether a `time` was sent, and what it reads as. VOXO's own form is read from the
    /// bytes; anything else through its text.
    static func time<Field: JSONFieldValue>(_ field: Field) -> (sent: Bool, time: LocalDateTime?) {
        if let plain = field.withStringBytes(VoxoRecordMapper.plainTime(_:)) ?? nil {
            return (true, plain.isValid ? plain : nil)
        } else if let text = field.nonEmptyText {
            return (true, VoxoRecordMapper.parseTime(text))
        }
        return (false, nil)
    }

    /// Keeps a present value only when it is in range; anything else that is not null or ""
    /// (an impossible number, an object where a number belongs) is marked unused.
    private mutating func checked<T, Field: JSONFieldValue>(_ key: VoxoKey, _ field: Field, _ value: T?) -> T? {
        if value == nil, !field.isNull, !field.isEmptyString { implausible.append(key.rawValue) }
        return value
    }

    func extraDetails() -> [CallDetailItem] {
        // Built without intermediate arrays or joined text, and only when asked (`CallDetails`):
        // the detail pane of one call, or a listing mapper.
        func text(_ key: VoxoKey) -> String? { extras[key].flatMap { $0.isEmpty ? nil : $0 } }
        var items: [CallDetailItem] = []
        items.reserveCapacity(6)
        if let uniqueId = start.uniqueId, id != nil { items.append(CallDetailItem(.call, "uniqueId", uniqueId)) }
        if let jitter = text(.percentJitter) { items.append(CallDetailItem(.quality, "jitter %", jitter)) }
        if let carrier = CallDetailItem(.carrier, "carrier", joining: text(.lec), text(.lecType), separator: " · ") { items.append(carrier) }
        if let ocn = text(.ocn) { items.append(CallDetailItem(.carrier, "OCN", ocn)) }
        if let place = CallDetailItem(.carrier, "rate center", joining: text(.rateCenter), text(.city), text(.state), separator: ", ") {
            items.append(place)
        }
        if let jurisdiction = text(.jurisdiction) { items.append(CallDetailItem(.carrier, "jurisdiction", jurisdiction)) }
        return items
    }
}

/// The extra-detail values of one record, one slot per key (no dictionary per record).
struct VoxoExtras {
    private var percentJitter, lec, lecType, ocn, rateCenter, state, city, jurisdiction: String?

    subscript(key: VoxoKey) -> String? {
        get {
            switch key {
            case .percentJitter: percentJitter
            case .lec: lec
            case .lecType: lecType
            case .ocn: ocn
            case .rateCenter: rateCenter
            case .state: state
            case .city: city
            case .jurisdiction: jurisdiction
            default: nil
            }
        }
        set {
            switch key {
            case .percentJitter: percentJitter = newValue
            case .lec: lec = newValue
            case .lecType: lecType = newValue
            case .ocn: ocn = newValue
            case .rateCenter: rateCenter = newValue
            case .state: state = newValue
            case .city: city = newValue
            case .jurisdiction: jurisdiction = newValue
            default: break
            }
        }
    }
}
