import CallscopeDomain

/// RFC 4180 CSV of the normalized columns (the JSON form's keys, without `fields`).
/// Text that a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` that is not a
/// number) is prefixed with `'`, so an exported caller name cannot become a formula; control
/// characters become visible escapes, as everywhere else callscope prints provider text.
public enum CallCSVFormatter {
    public static let header = "id,provider,startTime,answerTime,endTime,direction,status,from,to,callerName,durationSeconds,totalSeconds,hangupCause,sipResponseCode,cost,currency,mos,jitter,packetLoss,account,previousLegId,nextLegId\r\n"

    public static func row(_ call: Call) -> String {
        call.normalizedMembers.map { member in
            switch member.value {
            case .null: return ""
            case .number(let n): return n
            default: return quote(member.value.text ?? "")
            }
        }.joined(separator: ",") + "\r\n"
    }

    public static func quote(_ text: String) -> String {
        var value = SafeText.sanitize(text)
        // The first Unicode scalar, not the first Character: `=` followed by a variation
        // selector is one grapheme, but a spreadsheet still sees a leading `=`.
        if let first = value.unicodeScalars.first, "=@\t\r".unicodeScalars.contains(first)
            || ((first == "+" || first == "-") && !looksNumeric(value)) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Phone numbers such as `+44 20 7946 0123` stay as they are.
    public static func looksNumeric(_ text: String) -> Bool {
        text.dropFirst().allSatisfy { $0.isNumber || " ()-.".contains($0) }
    }
}
