import CallscopeDomain
import Foundation

/// RFC 4180 CSV of the normalized columns (the JSON form's keys, without `fields`).
/// Every text cell a spreadsheet could run as a formula — one starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return, as OWASP's CSV injection guidance lists them — is prefixed with
/// `'`, phone numbers (`+44…`) included: a spreadsheet reads `+1-2` as a sum. A cell starting
/// with `'` gets one more, so reading back (`ExportedCSVReader`) takes exactly one off. Numbers
/// callscope writes as numbers are not text and stay as they are; control characters become
/// visible escapes, as everywhere else callscope prints provider text.
public enum CallCSVFormatter {
    public static let header = "id,provider,startTime,answerTime,endTime,direction,status,from,to,callerName,durationSeconds,totalSeconds,hangupCause,sipResponseCode,cost,currency,mos,jitter,packetLoss,account,previousLegId,nextLegId,trunk,trunkName,ringSeconds,hungUpBy,customerName\r\n"
    /// The header before trunk, ring time and who hung up were columns: such exports still read.
    public static let headerBeforeTrunk = header.replacingOccurrences(of: ",trunk,trunkName,ringSeconds,hungUpBy,customerName", with: "")

    /// - Parameter customers: names for customer ids (a profile's `customers`), for the last column.
    public static func row(_ call: Call, customers: [String: String] = [:]) -> String {
        let normalized = call.normalizedMembers.map { member in
            switch member.value {
            case .null: return ""
            case .number(let n): return n
            default: return quote(member.value.text ?? "")
            }
        }
        // What a ticket asks of a call beyond the JSON form's columns: its trunk (id and name),
        // how long it rang, who hung up, and whose call it was by name.
        let extra = [call.trunk.map(quote) ?? "", call.trunkName.map(quote) ?? "", call.ringSeconds.map(String.init) ?? "",
                     call.hangupInitiator.map(quote) ?? "", call.account.flatMap { customers[$0] }.map(quote) ?? ""]
        return (normalized + extra).joined(separator: ",") + "\r\n"
    }

    /// With a rate deck: how each call rates, after the other columns.
    public static let ratedHeader = String(header.dropLast(2)) + ",billableSeconds,ratedCost,ratedCurrency,ratePrefix,rateDestination\r\n"

    /// The rated columns' cells, with a leading comma and the line's end.
    public static func ratedCells(_ rating: CallRating?) -> String {
        guard let rating else { return ",,,,,\r\n" }
        return ",\(rating.billableSeconds),\(RatedFigures.rounded(rating.ratedCost, places: 6)),\(quote(rating.currency)),\(quote(rating.prefix)),\(quote(rating.destination))\r\n"
    }

    public static func quote(_ text: String) -> String {
        var value = SafeText.sanitize(text)
        // The first Unicode scalar, not the first Character: `=` followed by a variation
        // selector is one grapheme, but a spreadsheet still sees a leading `=`.
        if let first = value.unicodeScalars.first, guarded.contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// First characters that get a `'` before them: OWASP's formula starters, and `'` itself.
    public static let guarded: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "'"]
}
