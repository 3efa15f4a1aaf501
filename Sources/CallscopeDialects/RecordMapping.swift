import CallscopeDomain
import Foundation

/// The keys a provider's call is built from: named by an enum whose cases are the keys as
/// sent, found in a record's bytes through one table.
protocol RecordKey: RawRepresentable<String>, CaseIterable {
    /// The keys to look for, numbered as `byIndex` lists them.
    static var table: ByteKeyTable { get }
    static var byIndex: [Self] { get }
}

/// What one record says, gathered key by key in document order.
protocol RecordReading {
    associatedtype Key: RecordKey
    init()
    mutating func take<Field: JSONFieldValue>(_ key: Key, _ field: Field)
}

/// A provider's record mapper: it gathers a reading from a record, as a parsed tree or as its
/// bytes, and makes the call of it. The three ways in are written once, here, so that reading
/// from bytes, in place and from a tree cannot drift apart (docs/ARCHITECTURE.md, "The JSON
/// reader and why"); each mapper's public `map` methods hand on to them.
protocol RecordMapping {
    associatedtype Reading: RecordReading
    /// The call of a complete reading; `unidentified` gives the record as an object, for an
    /// id made from its content when it names none.
    func finish(_ reading: inout Reading, record: ProviderRecord, unidentified: () -> JSONObject) -> Call
    /// The keys the start time is read from, and the start time of a reading of those alone:
    /// `finish` gives the call the same start time from the same reading.
    associatedtype StartReading: RecordReading where StartReading.Key == Reading.Key
    static var startTimeKeys: StartTimeKeys<Reading.Key> { get }
    func startTime(of reading: StartReading) -> Date?
}

/// The few keys a start time is read from, with their own table: a saved file's index reads
/// each record's start time without the rest of the record (docs/ARCHITECTURE.md, "Saved files").
struct StartTimeKeys<Key: RecordKey> {
    let keys: [Key]
    let table: ByteKeyTable

    init(_ keys: [Key]) {
        self.keys = keys
        table = ByteKeyTable(keys.map(\.rawValue))
    }
}

extension StartTimeKeys: Sendable where Key: Sendable {}

extension RecordMapping {
    func mapTree(_ value: JSONValue) -> Call? {
        guard case .object(let record) = value else { return nil }
        var reading = Reading()
        for (key, field) in record.members {
            if let known = Reading.Key(rawValue: key) { reading.take(known, field) }
        }
        return finish(&reading, record: ProviderRecord(record), unidentified: { record })
    }

    /// One record's bytes to a call, building values only for the keys the call uses; the
    /// record itself is kept as its bytes. Reads what `mapTree(JSONParser.parse(bytes))` reads
    /// and throws what it throws.
    func mapBytes(_ bytes: [UInt8]) throws(JSONParseError) -> Call? {
        var reading = Reading()
        let isObject = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> Bool in
            try JSONParser.forEachMember(ofObject: buffer, wanted: Reading.Key.table) { reading.take(Reading.Key.byIndex[$0], $1) }
        }
        guard isObject else { return nil }
        return finish(&reading, record: ProviderRecord(bytes: bytes), unidentified: { (try? JSONParser.parse(bytes))?.objectValue ?? JSONObject() })
    }

    /// The record that `bytes` starts with, read in place (straight from the piece of the body
    /// that holds it), and how many bytes it took; nil when `bytes` ends inside it or it is
    /// malformed, for `mapBytes` to read once the splitter has it whole.
    func mapLeading(_ bytes: UnsafeBufferPointer<UInt8>) -> (call: Call, length: Int)? {
        var reading = Reading()
        guard let length = JSONParser.forEachMember(ofLeadingObject: bytes, wanted: Reading.Key.table, { reading.take(Reading.Key.byIndex[$0], $1) })
        else { return nil }
        let record = Array(UnsafeBufferPointer(rebasing: bytes[..<length]))
        return (finish(&reading, record: ProviderRecord(bytes: record), unidentified: { (try? JSONParser.parse(record))?.objectValue ?? JSONObject() }), length)
    }

    /// The start time of the record that `bytes` starts with, and the record's length, read
    /// in place without mapping the rest; nil as for `mapLeading`.
    func startTimeOfLeading(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Date?, length: Int)? {
        var reading = StartReading()
        let wanted = Self.startTimeKeys
        guard let length = JSONParser.forEachMember(ofLeadingObject: bytes, wanted: wanted.table, { reading.take(wanted.keys[$0], $1) })
        else { return nil }
        return (startTime(of: reading), length)
    }
}
