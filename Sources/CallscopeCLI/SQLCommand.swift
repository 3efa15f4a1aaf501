import ArgumentParser
import CallscopeDomain
import CallscopeOutput
import CallscopeStore
import Foundation

/// `callscope sql`: a filter's calls as a read-only table `calls`, asked one SQL query (README,
/// "SQL"). The calls are read as `list --limit 0` reads them: through the local store, asking
/// the provider for what it does not hold.
public struct SQLCommand: ParsableCommand, ProviderCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Ask the calls matching the filters one SQL query (SQLite): a read-only table `calls`.",
        discussion: """
            Columns of `calls`: \(CallTable.columns.map(\.name).joined(separator: ", ")). Times are \
            ISO 8601 UTC text; cost is exact decimal text as the provider sent it, and dsum(cost) \
            sums it exactly. Only statements \
            that read (SELECT, WITH, VALUES, EXPLAIN) are run.

            Example: callscope sql --since 1d "SELECT trunk_name, count(*), avg(status = 'answered') FROM calls GROUP BY 1"
            """
    )

    @OptionGroup public var providerOptions: ProviderOptions
    @OptionGroup public var filterOptions: FilterOptions

    @Argument(help: "The query, over the table `calls`.")
    public var query: String

    @Option(help: "table, csv or json.")
    public var format: SQLFormat = .table

    public init() {}

    public func execute(_ context: CommandContext, output: some OutputSink) async throws(CLIFailure) {
        try await withSession(context, output: output) { (session, filter) async throws(CLIFailure) in
            let table: CallTable
            do throws(StoreError) { table = try CallTable() } catch { throw CLIFailure(error.description, exitCode: CallscopeExit.cannotCreate) }
            var read = 0
            var storeNote = StoreNote()
            do {
                for try await batch in session.provider.allCalls(matching: filter) {
                    storeNote.add(batch)
                    try table.insert(batch.calls)
                    read += batch.calls.count
                }
            } catch {
                let failure = (error as? StoreError).map { CLIFailure($0.description, exitCode: CallscopeExit.cannotCreate) } ?? CLIFailure(providerFailure: error)
                throw CLIFailure(failure.message + " (after \(read) calls were read; nothing was asked of them)", exitCode: failure.exitCode)
            }
            if let line = storeNote.line(zone: session.zone) { output.writeError("callscope: \(line)\n") }
            let result: SQLResult
            do throws(SQLQueryError) {
                result = try table.query(query)
            } catch {
                throw CLIFailure("the query was not run: \(SafeText.sanitize(error.description))", exitCode: CallscopeExit.usage)
            }
            switch format {
            case .table:
                let text = SQLResultText.table(result)
                output.write(context.writesUTF8 ? text : SevenBitText.escaped(text))
                output.writeError("\(result.rows.count) row\(result.rows.count == 1 ? "" : "s") over \(read) calls from \(session.scopeDescription)\n")
            case .csv: output.write(SQLResultText.csv(result))
            case .json: output.write(JSONWriter.string(SQLResultText.json(result)) + "\n")
            }
        }
    }
}

public enum SQLFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, csv, json
}

/// A query's rows as text: a table for the terminal (every cell sanitized), CSV (guarded as
/// `list`'s is) and JSON (an array of objects by column name).
enum SQLResultText {
    static func cell(_ value: SQLValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let number): return String(number)
        case .real(let number): return Call.numberText(number)
        case .text(let text): return SafeText.sanitize(text)
        case .blob(let data): return "<\(data.count) bytes>"
        }
    }

    static func table(_ result: SQLResult) -> String {
        let header = result.columns.map(SafeText.sanitize)
        let rows = result.rows.map { $0.map(cell) }
        var widths = header.map(DisplayWidth.of)
        for row in rows { for (index, text) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], DisplayWidth.of(text)) } }
        func line(_ cells: [String], _ values: [SQLValue]?) -> String {
            cells.enumerated().map { index, text in
                let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(text)))
                // Numbers to the right, as a reader compares them.
                switch values?[index] {
                case .integer?, .real?: return pad + text
                default: return text + pad
                }
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(header, nil) + rows.enumerated().map { line($1, result.rows[$0]) }.joined()
    }

    static func csv(_ result: SQLResult) -> String {
        let header = result.columns.map(CallCSVFormatter.quote).joined(separator: ",")
        let rows = result.rows.map { row in
            row.map { value -> String in
                switch value {
                case .text(let text): return CallCSVFormatter.quote(text)
                default: return cell(value)
                }
            }.joined(separator: ",")
        }
        return ([header] + rows).map { $0 + "\r\n" }.joined()
    }

    static func json(_ result: SQLResult) -> JSONValue {
        .array(result.rows.map { row in
            .object(JSONObject(zip(result.columns, row).map { column, value -> (String, JSONValue) in
                switch value {
                case .null: return (column, .null)
                case .integer(let number): return (column, .number(String(number)))
                case .real(let number): return (column, number.isFinite ? .number(Call.numberText(number)) : .null)
                case .text(let text): return (column, .string(text))
                case .blob(let data): return (column, .string(data.base64EncodedString()))
                }
            }))
        })
    }
}
