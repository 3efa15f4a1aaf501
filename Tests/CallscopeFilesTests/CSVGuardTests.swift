import CallscopeDomain
import CallscopeOutput
import CallscopeTesting
import Foundation
import Testing
@testable import CallscopeFiles

/// The CSV guard against the Big List of Naughty Strings (Data/naughty-strings.json, made by
/// scripts/naughty-strings): no cell a spreadsheet opens starts a formula, and reading the
/// export back gives every string as it was written.
@Suite("CSV formula guard")
struct CSVGuardTests {
    static let naughty: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/naughty-strings.json")
        guard let data = try? Data(contentsOf: url), let strings = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return strings
    }()

    /// The cell as a spreadsheet reads it: RFC 4180 quotes taken off.
    static func cell(_ field: String) -> String {
        guard field.hasPrefix("\""), field.hasSuffix("\""), field.count >= 2 else { return field }
        return String(field.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    @Test func noNaughtyStringStartsAFormulaAndEachReadsBack() throws {
        #expect(Self.naughty.count > 500, "the list is there")
        let starters: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
        for string in Self.naughty + ["--1", "-", "--", "+44 20 7946 0123", "'+1", "''", "'", "=\u{FE0F}1+1"] {
            let cell = Self.cell(CallCSVFormatter.quote(string))
            if let first = cell.unicodeScalars.first {
                #expect(!starters.contains(first), "'\(string)' is written as a cell starting a formula: \(cell)")
            }
            #expect(ExportedCSVReader.unguarded(cell) == SafeText.sanitize(string), "'\(string)' reads back")
        }
    }

    @Test func everyFormulaStarterIsGuardedAsOWASPLists() {
        // (A tab or CR is shown as its escape, `\t`, so it starts no cell; the guard covers it anyway.)
        for text in ["--1", "-", "--", "-1+1", "+1", "+44 20 7946 0123", "@SUM(1)", "=1"] {
            let cell = Self.cell(CallCSVFormatter.quote(text))
            #expect(cell.hasPrefix("'"), "\(text) -> \(cell)")
        }
        #expect(CallCSVFormatter.quote("plain") == "plain")
        #expect(CallCSVFormatter.quote("'quoted") == "''quoted", "a leading ' is doubled, so reading back takes exactly one off")
    }

    /// A ticket asks of a call its trunk (id and name), how long it rang, who hung up and whose it
    /// was: CSV has them, reads them back, and an export from before those columns still reads.
    @Test func trunkRingAndHungUpByAreColumnsAndOldExportsStillRead() throws {
        var call = Call(id: "c1", provider: .vobiz, fields: JSONObject([]))
        call.startTime = Date(timeIntervalSince1970: 1_774_440_000)
        call.trunk = "TR_88"
        call.trunkName = "Tata primary"
        call.ringSeconds = 12
        call.hangupInitiator = "callee"
        call.account = "MA_1"
        let row = CallCSVFormatter.row(call, customers: ["MA_1": "Acme Corp"])
        #expect(CallCSVFormatter.header.hasSuffix(",account,previousLegId,nextLegId,trunk,trunkName,ringSeconds,hungUpBy,customerName\r\n"))
        #expect(row.hasSuffix(",MA_1,,,TR_88,Tata primary,12,callee,Acme Corp\r\n"), "\(row)")
        let folder = try TemporaryDirectory(prefix: "callscope-csv-columns")
        let read = try FileTestSupport.calls(of: FileTestSupport.open(Array((CallCSVFormatter.header + row).utf8), "calls.csv", in: folder))
        #expect(read.first?.trunk == "TR_88" && read.first?.trunkName == "Tata primary" && read.first?.ringSeconds == 12 && read.first?.hangupInitiator == "callee")
        let old = CallCSVFormatter.headerBeforeTrunk + "c2,vobiz,2026-03-25T12:00:00Z,,,,busy,,,,,,,,,,,,,,,\r\n"
        let oldRead = try FileTestSupport.calls(of: FileTestSupport.open(Array(old.utf8), "old.csv", in: folder))
        #expect(oldRead.map(\.id) == ["c2"] && oldRead.first?.status == .busy)
    }

    /// An export is a file anyone may have edited: a MOS, jitter or loss out of range is left out
    /// of the call, as a provider's would be (the fuzzer found a JSON export with a MOS of 5.5).
    @Test func anEditedExportsQualityFiguresAreRangeChecked() throws {
        let folder = try TemporaryDirectory(prefix: "callscope-export-ranges")
        let json = #"[{"id":"c1","provider":"voxo","startTime":"2026-03-25T12:00:00Z","status":"answered","mos":5.5,"jitter":-1,"packetLoss":250,"fields":{}}]"#
        let read = try FileTestSupport.calls(of: FileTestSupport.open(Array(json.utf8), "edited.json", in: folder))
        #expect(read.map(\.id) == ["c1"])
        #expect(read.first?.mos == nil && read.first?.jitter == nil && read.first?.packetLoss == nil)
        let csv = CallCSVFormatter.headerBeforeTrunk + "c2,vobiz,2026-03-25T12:00:00Z,,,,busy,,,,,,,,,,2547,,,,,\r\n"
        let fromCSV = try FileTestSupport.calls(of: FileTestSupport.open(Array(csv.utf8), "edited.csv", in: folder))
        #expect(fromCSV.map(\.id) == ["c2"] && fromCSV.first?.mos == nil)
    }

    /// A cost is kept as its text and written as a JSON number: only JSON's number grammar is
    /// taken (the fuzzer found `5.` in an edited CSV export breaking the JSON written from it).
    @Test func aCostIsTakenOnlyInJSONsNumberGrammar() {
        for good in ["0", "5", "-0.045", "10089.00", "1e3", "2.5E-2"] { #expect(Plausible.amount(good) == good, "\(good)") }
        for bad in ["5.", "+5", ".5", "05", "1e", "nan", "inf", "", " 5", "0x10"] { #expect(Plausible.amount(bad) == nil, "\(bad)") }
    }
}
