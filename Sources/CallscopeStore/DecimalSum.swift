import Foundation
import GRDB

/// `dsum(cost)` in `callscope sql`: a sum in exact decimal, as text ("0.30", not
/// 0.30000000000000004), for the money columns SQLite's `sum()` adds in binary floating point.
/// Text or integers are summed; a value that is not a number (or NULL) is skipped; no value at
/// all sums to NULL, as `sum()` does.
struct DecimalSum: DatabaseAggregate {
    private var total: Decimal?

    mutating func step(_ values: [DatabaseValue]) throws {
        guard let value = values.first else { return }
        let amount: Decimal? = switch value.storage {
        case .string(let text): Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        case .int64(let number): Decimal(number)
        case .double(let number): Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX"))
        case .null, .blob: nil
        }
        guard let amount, amount.isFinite else { return }
        total = (total ?? 0) + amount
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        total.map { "\($0)" }
    }

    static let function = DatabaseFunction("dsum", argumentCount: 1, pure: true, aggregate: DecimalSum.self)
}
