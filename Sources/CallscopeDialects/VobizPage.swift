import CallscopeDomain

/// One page of a Vobiz list answer, read from its bytes by the member scanner: each row of
/// `data` is mapped where it lies, as a VOXO answer's records are, without a parsed tree
/// (docs/ARCHITECTURE.md, "The JSON reader and why"). Reads `meta {total, page, per_page}` and
/// the `pagination {page, per_page, total, pages, has_next, has_prev}` variant alike.
public struct VobizPage: Sendable {
    /// The calls of the rows that are objects, in the order sent.
    public var calls: [Call]
    /// Rows in `data`, calls or not: how far the page reached.
    public var rowCount: Int
    public var total: Int?
    public var page: Int?
    public var perPage: Int?
    /// From `pagination.has_next` where sent.
    public var hasNext: Bool?

    public init(calls: [Call], rowCount: Int) {
        self.calls = calls
        self.rowCount = rowCount
    }

    /// The page, or nil when the body is JSON but not an object with a `data` array (the
    /// first `data`, `meta` and `pagination` count, as a parsed object's lookups read them).
    /// One pass: the rows are mapped as the reader reaches them, each where it lies.
    public static func read(_ body: [UInt8], mapper: VobizRecordMapper) throws(JSONParseError) -> VobizPage? {
        var calls: [Call] = []
        var rowCount = 0
        var dataIsArray = false
        var paging: (meta: JSONValue?, pagination: JSONValue?) = (nil, nil)
        let isObject = try body.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> Bool in
            try JSONParser.forEachMember(ofObject: buffer, wanted: PageKey.table, rowsOf: PageKey.data.rawValue, rowsBegin: { dataIsArray = true }, readInPlace: { row in
                guard let (call, length) = mapper.map(leadingRecordIn: row) else { return nil }
                calls.append(call)
                rowCount += 1
                return length
            }, row: { row in
                // A row that is not an object carries no call (it was checked as JSON).
                rowCount += 1
                if let call = try? mapper.map(recordBytes: Array(row.bytes)) { calls.append(call) }
            }) { key, member in
                switch PageKey(rawValue: key) {
                case .meta where paging.meta == nil: paging.meta = member.value
                case .pagination where paging.pagination == nil: paging.pagination = member.value
                default: break  // a `data` that is not an array, or a later one
                }
            }
        }
        guard isObject, dataIsArray else { return nil }
        var page = VobizPage(calls: calls, rowCount: rowCount)
        if let paging = paging.meta?.objectValue ?? paging.pagination?.objectValue {
            // Capped: a total of 2^63 must not become 2^63 placeholder rows (or overflow).
            page.total = Plausible.total(paging["total"]?.intValue)
            page.page = paging["page"]?.intValue.flatMap { (1...Plausible.maximumTotal).contains($0) ? $0 : nil }
            page.perPage = paging["per_page"]?.intValue.flatMap { (1...10_000).contains($0) ? $0 : nil }
            if case .bool(let next)? = paging["has_next"] { page.hasNext = next }
        }
        return page
    }

    /// The page's own keys, numbered as the table numbers them.
    private enum PageKey: Int, CaseIterable {
        case data, meta, pagination
        static let table = ByteKeyTable(allCases.map { "\($0)" })
    }

    /// Whether a later page can hold more rows.
    public func hasMore(requestedPage: Int, perPage requested: Int) -> Bool {
        if let hasNext { return hasNext }
        if let total {
            let (reached, overflow) = requestedPage.multipliedReportingOverflow(by: perPage ?? requested)
            return !overflow && reached < total
        }
        return rowCount >= requested
    }
}
