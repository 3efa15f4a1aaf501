import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

/// Text snapshots of the in-memory screen, stored in `Snapshots/`. A missing or different
/// snapshot fails; `SNAPSHOT_RECORD=1 swift test` writes them (then review the diff).
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("\(name).txt")
        let actual = grid.text + "\n"
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt: run SNAPSHOT_RECORD=1 swift test and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
    }

    /// A text (a copied call, a table) against `Snapshots/NAME`, recorded as the grid is.
    static func assert(text actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name): run SNAPSHOT_RECORD=1 swift test and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "snapshot \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}

/// Calls with everything the screen must cope with: CJK and emoji names, a name carrying
/// OSC 52 and a screen clear, a C1 CSI, a bidi override, long names, every status.
enum ScreenFixture {
    static let anchor = Date(timeIntervalSince1970: 1_774_440_000)
    static let names: [String?] = [
        "王小明", "Zoë 🍕 Pizza", "\u{1B}]52;c;cm0gLXJmIH4K\u{07}EVIL", "\u{1B}[2J\u{1B}[HCLEARED", "📞 Reception",
        nil, "山田太郎", "\u{9B}31mRED", "abc\u{202E}gpj.exe", "A VERY LONG CALLER NAME THAT WILL NOT FIT IN ANY COLUMN",
    ]

    static func call(_ i: Int, provider: ProviderID = .voxo) -> Call {
        var call = Call(id: String(format: "c0ffee%02d-1ba2-4103-a905-9a0ecc6b50%02d", i, i), provider: provider,
                        fields: JSONObject([("uniqueId", .string("atl-ast2-\(1_774_440_000 - i * 97).\(1_400_000 + i)")),
                                            ("lec", .string("JAMAICA TELEPHONE CO.")), ("spid", .null)]))
        // What the VOXO mapper hands on: its extras, and the raw keys they already show.
        call.extraDetails = [CallDetailItem(.call, "uniqueId", call.fields["uniqueId"]?.text ?? ""),
                             CallDetailItem(.carrier, "carrier", "JAMAICA TELEPHONE CO.")]
        call.presentedKeys = ["uniqueId", "lec"]
        call.startTime = anchor.addingTimeInterval(-97 * Double(i))
        call.direction = i % 2 == 0 ? .inbound : .outbound
        let statuses: [CallStatus] = [.answered, .noAnswer, .busy, .failed, .other("congestion")]
        call.status = statuses[i % statuses.count]
        call.from = i % 3 == 0 ? "+919876543210" : "+1555010\(String(format: "%04d", i))"
        call.to = i % 4 == 0 ? "+8613800322970" : "5550100100"
        call.callerName = names[i % names.count]
        call.durationSeconds = call.status == .answered ? 60 * i + 7 : 0
        call.totalSeconds = (call.durationSeconds ?? 0) + 9
        call.hangupCause = ["NORMAL_CLEARING", "NO_ANSWER", "USER_BUSY", "UNALLOCATED_NUMBER", "NORMAL_CIRCUIT_CONGESTION"][i % 5]
        call.sipResponseCode = [200, 480, 486, 404, 503][i % 5]
        call.mos = call.status == .answered ? 3.4 : nil
        call.jitter = 12
        call.packetLoss = 1.5
        call.previousLegId = i == 2 ? "atl-ast2-1774439900.1400003" : nil
        return call
    }

    /// A loaded VOXO-style list of 60 calls, window by window.
    static func state(height: Int, adjusting adjust: (Int, inout Call) -> Void = { _, _ in }) -> BrowserState {
        let now = anchor.addingTimeInterval(60)
        let filter = CallFilter(since: now.addingTimeInterval(-7 * 86_400), until: now)
        var state = BrowserState(providerID: .voxo, paging: .timeWindows(maximumSeconds: 86_400), zone: ZoneClock(identifier: "America/New_York")!,
                                 filter: filter, serverSideFields: [.timeRange])
        state.scope = .tenant("37")
        state.viewportHeight = height
        _ = BrowserReducer.reduce(&state, .resize(height: height), now: now)
        let calls = (0..<60).map { index in
            var made = call(index)
            adjust(index, &made)
            return made
        }
        var rounds = 0
        while let index = state.list.segments.firstIndex(where: \.isLoading), rounds < 50 {
            rounds += 1
            let segment = state.list.segments[index]
            guard case .window(let since, let until) = segment.request else { break }
            let inWindow = calls.filter { ($0.startTime ?? now) >= since && ($0.startTime ?? now) < until }
            _ = BrowserReducer.reduce(&state, .segmentLoaded(generation: 0, index: segment.id, Segment(calls: inWindow, receivedCount: inWindow.count)), now: now)
        }
        return state
    }

    static func render(_ state: BrowserState, ui: UIState = UIState(), rows: Int, columns: Int, glyphs: Glyphs = .unicode) -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns)
        Renderer(glyphs: glyphs).draw(state, ui: ui, into: &grid)
        return grid
    }
}
