import CallscopeDomain

/// Whole answer bodies in each provider's format: used by the mock APIs and by the decode
/// benchmark, which needs the same bytes a real answer would have.
public enum MockPayloads {
    /// A VOXO `/call-reports` answer: a JSON array of records, `time` in `zone`.
    public static func voxoArray(_ calls: some Sequence<SyntheticCall>, zone: ZoneClock) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 4096)
        writer.writeRaw("[")
        writeElements(calls, into: &writer) { ProviderRecords.withImpossibleValues(ProviderRecords.voxo($0, zone: zone), $0) }
        writer.writeRaw("]")
        return writer.bytes
    }

    /// A Vobiz list answer: `{"data": [...], "meta": {total, page, per_page}}`, or in the
    /// alternate dialect `"pagination": {page, per_page, total, pages, has_next, has_prev}`.
    public static func vobizList(_ calls: some Sequence<SyntheticCall>, dialect: VobizDialect = .documented, total: Int, page: Int, perPage: Int) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: perPage * 600)
        writer.writeRaw("{\"data\":[")
        writeElements(calls, into: &writer) { ProviderRecords.withImpossibleValues(ProviderRecords.vobizRow($0, dialect: dialect), $0) }
        switch dialect {
        case .documented:
            writer.writeRaw("],\"meta\":{\"total\":\(total),\"page\":\(page),\"per_page\":\(perPage)}}")
        case .alternate:
            let pages = perPage > 0 ? total / perPage + (total % perPage == 0 ? 0 : 1) : 0
            writer.writeRaw("],\"pagination\":{\"page\":\(page),\"per_page\":\(perPage),\"total\":\(total),\"pages\":\(pages),\"has_next\":\(page < pages),\"has_prev\":\(page > 1)}}")
        }
        return writer.bytes
    }

    /// Comma-separated records, streamed into the writer without an intermediate array.
    static func writeElements(_ calls: some Sequence<SyntheticCall>, into writer: inout JSONWriter, _ record: (SyntheticCall) -> JSONValue) {
        var first = true
        for call in calls {
            if !first { writer.writeRaw(",") }
            first = false
            writer.write(record(call))
        }
    }
}
