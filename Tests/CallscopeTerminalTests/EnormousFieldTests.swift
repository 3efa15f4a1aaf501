import CallscopeDomain
import Foundation
import Testing
@testable import CallscopeTerminal
@testable import CallscopeViewModel

@Suite("Enormous fields")
struct EnormousFieldTests {
    static let megabyte = 1 << 20

    /// The fixture's list, its selected call given `name` as caller name, the detail open.
    func state(name: String) -> BrowserState {
        var calls = (0..<20).map { ScreenFixture.call($0) }
        calls[0].callerName = name
        calls[0].fields = JSONObject([("uniqueId", .string("atl-ast2-1.1")), ("note", .string(name))])
        let now = ScreenFixture.anchor.addingTimeInterval(60)
        var state = BrowserState(providerID: .voxo, paging: .timeWindows(maximumSeconds: 86_400), zone: ZoneClock(identifier: "UTC")!,
                                 filter: CallFilter(since: now.addingTimeInterval(-86_400), until: now), serverSideFields: [.timeRange])
        _ = BrowserReducer.reduce(&state, .resize(height: 30), now: now)
        var rounds = 0
        while let segment = state.list.segments.first(where: \.isLoading), rounds < 50 {
            rounds += 1
            guard case .window(let since, let until) = segment.request else { break }
            let inWindow = calls.filter { ($0.startTime ?? now) >= since && ($0.startTime ?? now) < until }
            _ = BrowserReducer.reduce(&state, .segmentLoaded(generation: 0, index: segment.id, Segment(calls: inWindow, receivedCount: inWindow.count)), now: now)
        }
        _ = BrowserReducer.reduce(&state, .openSelected, now: now)
        return state
    }

    func frame(_ state: BrowserState) -> (CellGrid, Duration) {
        let clock = ContinuousClock()
        var grid = CellGrid(rows: 40, columns: 220)
        let renderer = Renderer(glyphs: .unicode)
        let elapsed = clock.measure {
            for _ in 0..<5 { renderer.draw(state, ui: UIState(), into: &grid) }
        }
        return (grid, elapsed / 5)
    }

    @Test func aMegabyteNameCostsWhatAShortOneDoes() throws {
        let huge = String(repeating: "Zoë 🍕 王小明 \u{1B}[2J ", count: Self.megabyte / 24)
        #expect(huge.utf8.count > Self.megabyte - 64)
        let (big, bigTime) = frame(state(name: huge))
        let (small, smallTime) = frame(state(name: "Zoë 🍕 王小明 Pizza Co"))
        print("frame with a \(huge.utf8.count)-byte caller name: \(bigTime); with a 20-character one: \(smallTime)")

        let lines = big.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The list row: the name cut with an ellipsis, the columns after it where they belong.
        let header = lines[0]
        let row = lines[1]
        guard let status = header.range(of: "STATUS") else { Issue.record("no STATUS column:\n\(big.text)"); return }
        let statusCell = DisplayWidth.of(String(header[..<status.lowerBound]))
        #expect(big.cells[1][statusCell].text == small.cells[1][statusCell].text, "status column in place")
        #expect(row.contains("Zoë 🍕 王"))
        #expect(row.contains("…"))
        // The detail: the start of the name, escaped, and how much more there is at its end.
        #expect(big.text.contains("\\e[2J"))
        let opened = state(name: huge)
        let layout = Renderer(glyphs: .unicode).layout(opened, rows: 40, columns: 220)
        let rect = try #require(layout.detail)
        let rows = DetailView.rows(opened, in: rect, focused: false)
        #expect(rows.count < 400, "the pane wraps the cut value only")
        #expect(rows.contains { $0.1.contains("more bytes)") })
        #expect(!big.text.unicodeScalars.contains { $0 != "\n" && SafeText.needsEscape($0) })
        // Generous: the point is that it does not scale with the field (a full scan is ~100×).
        #expect(bigTime < smallTime * 20 + .milliseconds(50), "big \(bigTime), small \(smallTime)")
    }

    @Test func detailValuesAreCutAndCounted() {
        let value = String(repeating: "a", count: 10_000)
        let shown = DisplayText.detailValue(value)
        #expect(shown == String(repeating: "a", count: DisplayText.detailBytes) + " (… \(10_000 - DisplayText.detailBytes) more bytes)")
        #expect(DisplayText.detailValue("short\u{1B}") == "short\\e")
        #expect(DisplayText.cell(String(repeating: "b", count: 5_000)).count == DisplayText.cellScalars)
        // Cut on a scalar boundary, never inside one.
        let wide = DisplayText.detailValue(String(repeating: "王", count: 2_000))
        #expect(wide.hasPrefix(String(repeating: "王", count: DisplayText.detailBytes / 3) + " (…"))
    }
}
