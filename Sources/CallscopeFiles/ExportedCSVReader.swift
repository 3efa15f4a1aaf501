import CallscopeDomain
import CallscopeOutput
import Foundation

/// Reads back callscope's CSV export (`CallCSVFormatter`): RFC 4180 records under the export's
/// header, one call each. CSV keeps the normalized values only, as they were written: text
/// with control characters kept their visible escapes, and the `'` that keeps a spreadsheet
/// from running a formula is taken off again.
struct ExportedCSVReader: Sendable {
    /// The columns, in the header's order.
    static let columns = SavedFileFormat.headerLine.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
    static let startTimeColumn = columns.firstIndex(of: "startTime") ?? 2

    /// The fields of the record `bytes` start with, and its length through its line break;
    /// nil when a quoted field runs to the end of the bytes (the file was cut inside it).
    static func fields(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (fields: [String], length: Int)? {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case 0x0A:
                fields.append(String(decoding: field, as: UTF8.self))
                return (fields, index + 1)
            case 0x0D: break
            default: field.append(byte)
            }
            index += 1
        }
        if quoted { return nil }
        // The last record may end without a line break.
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, index)
    }

    func startTime(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (start: Date?, length: Int)? {
        guard let (fields, length) = Self.fields(ofLeadingRecordIn: bytes) else { return nil }
        let start = fields.count > Self.startTimeColumn ? ISO8601.parse(fields[Self.startTimeColumn]).flatMap(Plausible.instant) : nil
        return (start, length)
    }

    func call(ofLeadingRecordIn bytes: UnsafeBufferPointer<UInt8>) -> (call: Call, length: Int)? {
        guard let (fields, length) = Self.fields(ofLeadingRecordIn: bytes) else { return nil }
        var values = [String: String]()
        for (column, field) in zip(Self.columns, fields) where !field.isEmpty { values[column] = field }
        func text(_ column: String) -> String? { values[column].map(Self.unguarded) }
        func time(_ column: String) -> Date? { values[column].flatMap(ISO8601.parse).flatMap(Plausible.instant) }
        func int(_ column: String) -> Int? { values[column].flatMap { Int($0) } }
        func real(_ column: String) -> Double? { values[column].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil } }
        var call = Call(id: text("id") ?? "", provider: values["provider"].flatMap(ProviderID.init(rawValue:)) ?? .voxo)
        call.startTime = time("startTime")
        call.answerTime = time("answerTime")
        call.endTime = time("endTime")
        call.direction = text("direction").flatMap(CallDirection.init(providerValue:))
        call.status = text("status").flatMap(CallStatus.init(providerValue:))
        call.from = text("from")
        call.to = text("to")
        call.callerName = text("callerName")
        call.durationSeconds = Plausible.duration(int("durationSeconds"))
        call.totalSeconds = Plausible.duration(int("totalSeconds"))
        call.hangupCause = text("hangupCause")
        call.sipResponseCode = Plausible.sipCode(int("sipResponseCode"))
        call.cost = Plausible.amount(values["cost"])
        call.currency = text("currency")
        call.mos = Plausible.mos(real("mos"))
        call.jitter = Plausible.jitter(real("jitter"))
        call.packetLoss = Plausible.packetLoss(real("packetLoss"))
        call.account = text("account")
        call.previousLegId = text("previousLegId")
        call.nextLegId = text("nextLegId")
        call.trunk = text("trunk")
        call.trunkName = text("trunkName")
        call.ringSeconds = Plausible.duration(int("ringSeconds"))
        call.hangupInitiator = text("hungUpBy")
        return (call, length)
    }

    /// The field without the `'` the export put before text a spreadsheet would run
    /// (`CallCSVFormatter.quote`: before `=`, `+`, `-`, `@`, a tab, a CR, or a `'`); anything
    /// else keeps its `'`.
    static func unguarded(_ field: String) -> String {
        let scalars = field.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, CallCSVFormatter.guarded.contains(second) else { return field }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }
}
