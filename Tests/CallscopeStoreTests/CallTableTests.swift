import CallscopeDomain
import CallscopeStore
import CallscopeTesting
import Foundation
import Testing

/// `callscope sql`'s table: its figures equal a count by hand, and it only reads.
@Suite("callscope sql: the calls table")
struct CallTableTests {
    func table(_ fixture: MockServerFixture) async throws -> (CallTable, [Call]) {
        let calls = try await fixture.vobiz().collect(fixture.lastDays(3))
        let table = try CallTable()
        try table.insert(calls)
        return (table, calls)
    }

    @Test func countsPerStatusAndTalkPerCauseEqualACountByHand() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 5)
        defer { Task { await fixture.stop() } }
        let (table, calls) = try await table(fixture)
        let perStatus = try table.query("SELECT status, count(*) FROM calls GROUP BY status ORDER BY status")
        #expect(perStatus.columns == ["status", "count(*)"])
        var expected: [String: Int64] = [:]
        for call in calls { expected[call.status?.description ?? "", default: 0] += 1 }
        let got = Dictionary(uniqueKeysWithValues: perStatus.rows.map { row -> (String, Int64) in
            guard case .text(let status) = row[0], case .integer(let count) = row[1] else { return ("?", -1) }
            return (status, count)
        })
        #expect(got == expected)

        let talk = try table.query("SELECT hangup_cause, sum(duration_seconds) FROM calls WHERE hangup_cause IS NOT NULL GROUP BY 1")
        var byCause: [String: Int64] = [:]
        for call in calls { if let cause = call.hangupCause { byCause[cause, default: 0] += Int64(call.durationSeconds ?? 0) } }
        let gotTalk = Dictionary(uniqueKeysWithValues: talk.rows.map { row -> (String, Int64) in
            guard case .text(let cause) = row[0] else { return ("?", -1) }
            if case .integer(let seconds) = row[1] { return (cause, seconds) }
            return (cause, 0)
        })
        #expect(gotTalk == byCause)
        // dsum() adds money in exact decimal (sum() would add binary floating point).
        let money = try table.query("SELECT currency, dsum(cost) FROM calls WHERE cost IS NOT NULL GROUP BY currency ORDER BY currency")
        var byCurrency: [String: Decimal] = [:]
        for call in calls { if let cost = call.cost, let amount = Decimal(string: cost) { byCurrency[call.currency ?? "", default: 0] += amount } }
        #expect(money.rows.count == byCurrency.count)
        for row in money.rows {
            guard case .text(let currency) = row[0], case .text(let sum) = row[1] else { Issue.record("dsum is text: \(row)"); continue }
            #expect(Decimal(string: sum) == byCurrency[currency], "\(currency)")
        }
        // Cost is exact text, as the provider sent it.
        let cost = try table.query("SELECT cost FROM calls WHERE cost IS NOT NULL LIMIT 1")
        if case .text(let text) = cost.rows.first?.first { #expect(calls.contains { $0.cost == text }) } else { Issue.record("cost is text") }
    }

    @Test func statementsThatWriteAreRefusedAndErrorsSayWhere() async throws {
        let fixture = try await MockServerFixture.start(calls: 500, days: 5)
        defer { Task { await fixture.stop() } }
        let (table, calls) = try await table(fixture)
        for statement in ["DELETE FROM calls", "UPDATE calls SET status = 'x'", "INSERT INTO calls (id) VALUES ('x')",
                          "DROP TABLE calls", "CREATE TABLE t (a)", "ATTACH DATABASE '/tmp/callscope-attached.sqlite' AS other",
                          "PRAGMA query_only = 0"] {
            #expect(throws: SQLQueryError.self, "\(statement)") { try table.query(statement) }
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/callscope-attached.sqlite"))
        let count = try table.query("SELECT count(*) FROM calls")
        #expect(count.rows == [[.integer(Int64(calls.count))]])

        do {
            _ = try table.query("SELECT count(*)\nFROM calls WHERE statuss = 'failed'")
            Issue.record("an unknown column is an error")
        } catch {
            #expect(error.description.contains("statuss"))
            #expect(error.position?.line == 2)
            #expect(error.position?.column == 18)
        }
    }
}
