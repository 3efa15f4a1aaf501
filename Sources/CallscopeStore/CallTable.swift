import CallscopeDomain
import Foundation
import GRDB
import GRDBSQLite

/// `callscope sql`'s table (docs/ARCHITECTURE.md, "callscope sql"): a filter's calls as a table
/// `calls` in a database in memory, then asked one statement that may only read. Writes are
/// refused before they run (`sqlite3_stmt_readonly`), the connection is query-only, and ATTACH
/// is limited to no database at all, so no statement reaches a file.
public final class CallTable: Sendable {
    let queue: DatabaseQueue

    /// The columns, in order, as the README documents them.
    public static let columns: [(name: String, type: String)] = [
        ("id", "TEXT"), ("provider", "TEXT"), ("account", "TEXT"),
        ("start_time", "TEXT"), ("answer_time", "TEXT"), ("end_time", "TEXT"),
        ("direction", "TEXT"), ("status", "TEXT"), ("from_number", "TEXT"), ("to_number", "TEXT"), ("caller_name", "TEXT"),
        ("duration_seconds", "INTEGER"), ("total_seconds", "INTEGER"), ("ring_seconds", "INTEGER"),
        ("hangup_cause", "TEXT"), ("sip_code", "INTEGER"), ("hung_up_by", "TEXT"), ("trunk_id", "TEXT"), ("trunk_name", "TEXT"),
        ("cost", "TEXT"), ("currency", "TEXT"), ("mos", "REAL"), ("jitter", "REAL"), ("packet_loss", "REAL"),
    ]

    public init() throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in db.add(function: DecimalSum.function) }
            queue = try DatabaseQueue(configuration: configuration)
            try queue.write { db in
                let columns = Self.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
                try db.execute(sql: "CREATE TABLE calls (\(columns))")
            }
        } catch {
            throw StoreError("callscope sql could not make its table in memory: \(error)")
        }
    }

    /// Adds `calls` to the table.
    public func insert(_ calls: [Call]) throws(StoreError) {
        do {
            try queue.write { db in
                let marks = Array(repeating: "?", count: Self.columns.count).joined(separator: ", ")
                let statement = try db.cachedStatement(sql: "INSERT INTO calls VALUES (\(marks))")
                for call in calls { try statement.execute(arguments: StatementArguments(Self.row(call))) }
            }
        } catch {
            throw StoreError("callscope sql could not fill its table: \(error)")
        }
    }

    static func row(_ call: Call) -> [(any DatabaseValueConvertible)?] {
        func time(_ date: Date?) -> String? { date.map(ISO8601.format) }
        return [
            call.id, call.provider.rawValue, call.account,
            time(call.startTime), time(call.answerTime), time(call.endTime),
            call.direction?.description, call.status?.description, call.from, call.to, call.callerName,
            call.durationSeconds, call.totalSeconds, call.ringSeconds,
            call.hangupCause, call.sipResponseCode, call.hangupInitiator, call.trunk, call.trunkName,
            call.cost, call.currency, call.mos, call.jitter, call.packetLoss,
        ]
    }

    /// Runs `sql`, which must be one statement that only reads, over the table.
    public func query(_ sql: String) throws(SQLQueryError) -> SQLResult {
        let outcome: Result<SQLResult, SQLQueryError> = queue.inDatabase { db -> Result<SQLResult, SQLQueryError> in
            if let connection = db.sqliteConnection { sqlite3_limit(connection, SQLITE_LIMIT_ATTACHED, 0) }
            do {
                try db.execute(sql: "PRAGMA query_only = 1")
            } catch {
                return .failure(SQLQueryError(message: "the table could not be made read-only", position: nil))
            }
            let statement: Statement
            do {
                statement = try db.makeStatement(sql: sql)
            } catch {
                let offset = db.sqliteConnection.map { Int(sqlite3_error_offset($0)) } ?? -1
                let message = (error as? DatabaseError)?.message ?? "\(error)"
                return .failure(SQLQueryError(message: message, position: offset >= 0 ? Self.position(ofByte: offset, in: sql) : nil))
            }
            guard statement.isReadonly, Self.isQuery(sql) else {
                return .failure(SQLQueryError(message: "callscope sql only reads: this statement would change the table (use SELECT or WITH … SELECT)", position: nil))
            }
            do {
                let names = statement.columnNames
                let rows = try Row.fetchAll(statement).map { row in (0..<row.count).map { SQLValue(row[$0] as DatabaseValue) } }
                return .success(SQLResult(columns: names, rows: rows))
            } catch {
                return .failure(SQLQueryError(message: (error as? DatabaseError)?.message ?? "\(error)", position: nil))
            }
        }
        return try outcome.get()
    }

    /// Whether `sql` begins (after spaces and comments) with SELECT, WITH, VALUES or EXPLAIN:
    /// `sqlite3_stmt_readonly` also passes PRAGMA, ATTACH and BEGIN, which change the connection.
    static func isQuery(_ sql: String) -> Bool {
        var rest = Substring(sql)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { return false }
                rest = rest[end.upperBound...]
            } else {
                break
            }
        }
        let word = rest.prefix { $0.isLetter }.uppercased()
        return ["SELECT", "WITH", "VALUES", "EXPLAIN"].contains(word)
    }

    /// Line and column (from 1, in characters) of the UTF-8 byte `offset` of `text`.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        let prefix = String(decoding: Array(text.utf8).prefix(offset), as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.count, (lines.last?.count ?? 0) + 1)
    }
}

/// A value of a result row.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }
}

public struct SQLResult: Sendable, Hashable {
    public let columns: [String]
    public let rows: [[SQLValue]]
}

/// A query SQLite refused or could not run, with where in it, when SQLite says.
public struct SQLQueryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let position: (line: Int, column: Int)?

    public var description: String {
        guard let position else { return message }
        return "\(message) (at line \(position.line), column \(position.column) of the query)"
    }
}
