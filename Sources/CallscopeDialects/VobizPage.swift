import CallscopeDomain

/// One page of a Vobiz list answer. Reads `meta {total, page, per_page}` and the
/// `pagination {page, per_page, total, pages, has_next, has_prev}` variant alike.
public struct VobizPage: Sendable {
    public var records: [JSONValue]
    public var total: Int?
    public var page: Int?
    public var perPage: Int?
    /// From `pagination.has_next` where sent.
    public var hasNext: Bool?

    public static func parse(_ body: [UInt8]) throws(JSONParseError) -> VobizPage? {
        guard case .object(let object) = try JSONParser.parse(body), let data = object["data"]?.arrayValue else { return nil }
        var page = VobizPage(records: data)
        if let paging = object["meta"]?.objectValue ?? object["pagination"]?.objectValue {
            // Capped: a total of 2^63 must not become 2^63 placeholder rows (or overflow).
            page.total = Plausible.total(paging["total"]?.intValue)
            page.page = paging["page"]?.intValue.flatMap { (1...Plausible.maximumTotal).contains($0) ? $0 : nil }
            page.perPage = paging["per_page"]?.intValue.flatMap { (1...10_000).contains($0) ? $0 : nil }
            if case .bool(let next)? = paging["has_next"] { page.hasNext = next }
        }
        return page
    }

    /// Whether a later page can hold more rows.
    public func hasMore(requestedPage: Int, perPage requested: Int) -> Bool {
        if let hasNext { return hasNext }
        if let total {
            let (reached, overflow) = requestedPage.multipliedReportingOverflow(by: perPage ?? requested)
            return !overflow && reached < total
        }
        return records.count >= requested
    }
}
