import CallscopeDomain

/// A stable id for a record that came without one, so it can still be listed, selected
/// and de-duplicated: the same record always gets the same id.
enum UnidentifiedRecord {
    static func id(for record: JSONObject, provider: ProviderID) -> String {
        // FNV-1a over the record's JSON text.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in JSONWriter.encode(.object(record)) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "\(provider.rawValue)-no-id-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
