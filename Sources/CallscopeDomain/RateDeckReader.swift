import Foundation

/// A rate deck that cannot be used: the file, line and column, and what is wrong there.
public struct RateDeckError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let problem: String
    /// The file could not be read at all (not found, no permission, not UTF-8), as against a
    /// file read that says something wrong.
    public var unreadable = false

    public var description: String {
        var place = SafeText.sanitize(file)
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(problem)"
    }
}

/// Reads a rate deck's CSV: a header naming `prefix`, `destination`, `rate`, `increment`,
/// `currency` and optionally `connection_fee`, in any order; then one destination a line.
/// Quoted fields may hold commas. Every problem names its line and column.
public enum RateDeckReader {
    static let required = ["prefix", "destination", "rate", "increment", "currency"]

    public static func read(path: String) throws(RateDeckError) -> RateDeck {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RateDeckError(file: path, line: nil, column: nil, problem: "cannot be read: check the path and its permissions", unreadable: true)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw RateDeckError(file: path, line: nil, column: nil, problem: "is not UTF-8 text")
        }
        return try parse(text, name: path)
    }

    public static func parse(_ text: String, name: String) throws(RateDeckError) -> RateDeck {
        func fail(_ line: Int?, _ column: Int?, _ problem: String) -> RateDeckError {
            RateDeckError(file: name, line: line, column: column, problem: problem)
        }
        // "\r\n" is one Character: splitting on newlines takes both line ends.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let headerLine = lines.first, !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(1, 1, "no header: the first line names the columns \(required.joined(separator: ",")) (and optionally connection_fee)")
        }
        let header = try fields(headerLine, line: 1, name: name).map { ($0.text.trimmingCharacters(in: .whitespaces).lowercased(), $0.column) }
        var index: [String: Int] = [:]
        for (position, (column, at)) in header.enumerated() {
            if index[column] != nil { throw fail(1, at, "the column '\(SafeText.sanitize(column))' is named twice") }
            index[column] = position
        }
        for column in required where index[column] == nil {
            // Where the column would go: past the header's last field.
            throw fail(1, headerLine.count + 1, "the header has no '\(column)' column: it needs \(required.joined(separator: ",")) (and optionally connection_fee)")
        }
        var entries: [RateDeck.Entry] = []
        var seen: [String: Int] = [:]
        for (offset, raw) in lines.enumerated().dropFirst() {
            let number = offset + 1
            guard !raw.trimmingCharacters(in: .whitespaces).isEmpty, !raw.hasPrefix("#") else { continue }
            let row = try fields(raw, line: number, name: name)
            func field(_ column: String) throws(RateDeckError) -> (text: String, column: Int) {
                guard let position = index[column] else { return ("", 1) }
                guard position < row.count else { throw fail(number, (row.last?.column ?? 1), "the line has \(row.count) fields, the header \(header.count): '\(column)' is missing") }
                return (row[position].text.trimmingCharacters(in: .whitespaces), row[position].column)
            }
            let prefixField = try field("prefix")
            var prefix = prefixField.text
            if prefix.hasPrefix("+") { prefix.removeFirst() }
            guard !prefix.isEmpty, prefix.count <= 15, prefix.unicodeScalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }) else {
                throw fail(number, prefixField.column, "prefix '\(SafeText.sanitize(prefixField.text))' is not the digits a number starts with (E.164, as 44 or +1876)")
            }
            if let earlier = seen[prefix] {
                throw fail(number, prefixField.column, "prefix \(prefix) is priced twice: on line \(earlier) and here")
            }
            let rateField = try field("rate")
            guard let rate = money(rateField.text) else {
                throw fail(number, rateField.column, "rate '\(SafeText.sanitize(rateField.text))' is not an amount per minute such as 0.0125")
            }
            let incrementField = try field("increment")
            guard let increment = BillingIncrement(incrementField.text) else {
                throw fail(number, incrementField.column, "increment '\(SafeText.sanitize(incrementField.text))' is not first/step in whole seconds, as 60/60, 6/6, 1/1 or 30/6")
            }
            let currencyField = try field("currency")
            let currency = currencyField.text.uppercased()
            guard currency.count == 3, currency.unicodeScalars.allSatisfy({ $0.value >= 65 && $0.value <= 90 }) else {
                throw fail(number, currencyField.column, "currency '\(SafeText.sanitize(currencyField.text))' is not a three-letter code such as USD")
            }
            var fee: Decimal = 0
            if index["connection_fee"] != nil {
                let feeField = try field("connection_fee")
                if !feeField.text.isEmpty {
                    guard let amount = money(feeField.text) else {
                        throw fail(number, feeField.column, "connection_fee '\(SafeText.sanitize(feeField.text))' is not an amount such as 0.01")
                    }
                    fee = amount
                }
            }
            let destination = try field("destination").text
            seen[prefix] = number
            entries.append(RateDeck.Entry(prefix: prefix, destination: destination, rate: rate, increment: increment,
                                          currency: currency, connectionFee: fee, line: number))
        }
        guard !entries.isEmpty else { throw fail(nil, nil, "prices no destination: add lines under the header") }
        return RateDeck(name: name, entries: entries)
    }

    /// A non-negative amount in plain decimal ("0.0125", "3"): no sign, exponent or grouping.
    static func money(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, parts.allSatisfy({ part in part.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 } }),
              !(parts.first?.isEmpty ?? true) || parts.count == 2, text.count <= 30
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The line's fields and the column each starts at (1-based); quotes as CSV has them.
    static func fields(_ line: Substring, line number: Int, name: String) throws(RateDeckError) -> [(text: String, column: Int)] {
        var fields: [(text: String, column: Int)] = []
        var current = ""
        var start = 1
        var column = 0
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            column += 1
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\""); column += 1 } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"", current.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true
            } else if character == "," {
                fields.append((current, start))
                current = ""
                start = column + 1
            } else {
                current.append(character)
            }
        }
        if quoted { throw RateDeckError(file: name, line: number, column: start, problem: "a quote opened here is not closed on this line") }
        fields.append((current, start))
        return fields
    }
}
