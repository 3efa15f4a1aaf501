import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeTesting
import Foundation
import Synchronization
import Testing
@testable import CallscopeViewModel

/// An exporter that keeps what it is given in memory, and can say a file exists or fail.
final class RecordingExporter: CallExporter {
    struct Log: Sendable {
        var begun: [(path: String, replacing: Bool)] = []
        var written: [String] = []
        var committed = false
        var abandoned = false
    }

    let log = Mutex(Log())
    let existing: Set<String>
    /// Writing fails after this many calls.
    let failAfter: Int?

    init(existing: Set<String> = [], failAfter: Int? = nil) {
        self.existing = existing
        self.failAfter = failAfter
    }

    func begin(path: String, replacing: Bool) throws(ExportRefusal) -> any CallExportWriting {
        log.withLock { $0.begun.append((path, replacing)) }
        if existing.contains(path), !replacing { throw ExportRefusal(.exists, "\(path) exists") }
        return Writer(exporter: self)
    }

    final class Writer: CallExportWriting {
        let exporter: RecordingExporter
        init(exporter: RecordingExporter) { self.exporter = exporter }

        func write(_ calls: [Call]) throws(ExportRefusal) {
            let count = exporter.log.withLock { log in
                log.written += calls.map(\.id)
                return log.written.count
            }
            if let limit = exporter.failAfter, count > limit { throw ExportRefusal(.cannotWrite, "disk full") }
        }

        func commit() throws(ExportRefusal) { exporter.log.withLock { $0.committed = true } }
        func abandon() { exporter.log.withLock { $0.abandoned = true } }
    }
}

@Suite("Export from the browser")
struct ExportTests {
    /// The days `BrowserIntegrationTests` reads: whole UTC days of the mock's history.
    func wholeDays() -> FilterDraft { BrowserIntegrationTests().wholeDays() }

    /// Every call of the filter is written, in list order, though only the first pages were loaded.
    @Test func exportWritesEveryCallOfTheFilter() async throws {
        let fixture = try await MockServerFixture.start(calls: 6_000, days: 30)
        let exporter = RecordingExporter()
        let store = BrowserStore(provider: try fixture.vobiz(), zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(),
                                 clock: ManualClock(now: fixture.anchorDate), exporter: exporter)
        store.dispatch(.resize(height: 30))
        store.dispatch(.edit(.status, "failed"))
        store.dispatch(.applyFilter)
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.generation == 1 && !$0.visibleRows().contains(.loading) })
        let loaded = store.snapshot.list.loadedCalls.count
        store.dispatch(.startExport(path: "out.csv"))
        #expect(await store.waitUntil(timeout: .seconds(60)) { $0.export == nil && $0.status.notice?.hasPrefix("exported") == true })
        let everything = try await fixture.vobiz().collect(store.snapshot.applied)
        #expect(everything.count > loaded, "more than was loaded")
        let log = exporter.log.withLock { $0 }
        #expect(log.written == everything.map(\.id))
        #expect(log.committed && !log.abandoned)
        #expect(store.snapshot.status.notice == "exported \(everything.count.formatted(.number)) calls to out.csv")
        store.stop()
        await fixture.stop()
    }

    @Test func anExistingFileIsReplacedOnlyAfterYes() async throws {
        let fixture = try await MockServerFixture.start(calls: 500, days: 30)
        let exporter = RecordingExporter(existing: ["calls.json"])
        let store = BrowserStore(provider: try fixture.vobiz(), zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(),
                                 clock: ManualClock(now: fixture.anchorDate), exporter: exporter)
        store.dispatch(.startExport(path: "calls.json"))
        #expect(await store.waitUntil { $0.export == .confirmingReplace(path: "calls.json") })
        #expect(store.snapshot.status.notice == "calls.json exists: y replaces it, any other key keeps it")
        store.dispatch(.cancelExport)
        #expect(store.snapshot.export == nil)
        #expect(store.snapshot.status.notice == "not exported: calls.json kept as it was")
        store.dispatch(.startExport(path: "calls.json"))
        #expect(await store.waitUntil { $0.export == .confirmingReplace(path: "calls.json") })
        store.dispatch(.confirmExportReplace)
        #expect(await store.waitUntil { $0.status.notice?.hasPrefix("exported") == true })
        let begun = exporter.log.withLock { $0.begun.map(\.replacing) }
        #expect(begun == [false, false, true])
        store.stop()
        await fixture.stop()
    }

    @Test func aFailureAbandonsTheFileAndSaysSo() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 30)
        let exporter = RecordingExporter(failAfter: 150)
        let store = BrowserStore(provider: try fixture.vobiz(), zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(),
                                 clock: ManualClock(now: fixture.anchorDate), exporter: exporter)
        store.dispatch(.startExport(path: "out.ndjson"))
        #expect(await store.waitUntil { $0.export == nil && $0.status.lastError != nil })
        #expect(store.snapshot.status.lastError == "export to out.ndjson failed, nothing was written: disk full")
        let log = exporter.log.withLock { $0 }
        #expect(log.abandoned && !log.committed)
        store.stop()
        await fixture.stop()
    }

    @Test func cancellingStopsReadingAndAbandons() async throws {
        let fixture = try await MockServerFixture.start(calls: 20_000, days: 30, latency: .milliseconds(100))
        let exporter = RecordingExporter()
        let store = BrowserStore(provider: try fixture.vobiz(), zone: ZoneClock(identifier: "UTC")!, draft: wholeDays(),
                                 clock: ManualClock(now: fixture.anchorDate), exporter: exporter)
        store.dispatch(.startExport(path: "big.csv"))
        #expect(await store.waitUntil { if case .running(_, let written, let total) = $0.export { return written > 0 && total != nil } else { return false } })
        #expect(store.snapshot.exportText?.hasSuffix("· Esc stops") == true)
        store.dispatch(.cancelExport)
        #expect(store.snapshot.export == nil)
        #expect(store.snapshot.status.notice == "export stopped: nothing was written to big.csv")
        // The writer hears of it once the task sees the cancellation; nothing after is reported.
        #expect(await waitFor { exporter.log.withLock { $0.abandoned } })
        #expect(!exporter.log.withLock { $0.committed })
        #expect(store.snapshot.status.lastError == nil)
        store.stop()
        await fixture.stop()
    }

    @Test func suggestedNamesSayWhatTheFileHolds() throws {
        let zone = ZoneClock(identifier: "UTC")!
        var state = BrowserState(providerID: .vobiz, paging: .numberedPages(size: 100), zone: zone,
                                 filter: CallFilter(since: Date(timeIntervalSince1970: 1_772_323_200), until: Date(timeIntervalSince1970: 1_775_001_600)),
                                 serverSideFields: [])
        state.profile = "acme"
        state.applied.status = .failed
        #expect(ExportName.suggested(for: state) == "acme-failed-2026-03.csv")
        state.applied.until = Date(timeIntervalSince1970: 1_772_409_600)  // one day
        #expect(ExportName.suggested(for: state) == "acme-failed-2026-03-01.csv")
        state.profile = nil
        state.scope = .file("yesterday's day.json.gz")
        state.applied.status = nil
        state.applied.hangupCause = "USER_BUSY"
        state.applied.until = Date(timeIntervalSince1970: 1_772_668_800)
        #expect(ExportName.suggested(for: state) == "yesterday-s-day-user_busy-2026-03-01_2026-03-04.csv")
        state.scope = .all
        state.applied.hangupCause = nil
        state.applied.direction = .inbound
        #expect(ExportName.suggested(for: state) == "vobiz-inbound-2026-03-01_2026-03-04.csv")
    }

    /// Polls `condition` until it holds, up to a deadline.
    func waitFor(timeout: Duration = .seconds(10), _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            await Task.yield()
        }
        return condition()
    }
}

@Suite("A saved file in the browser")
struct SavedFileBrowsingTests {
    /// A file is read whole: no follow, no tenant or customer to narrow to, each said plainly.
    @Test func followAndScopesSayWhatAFileIsNot() {
        var harness = Harness(paging: .numberedPages(size: 200))
        harness.state.scope = .file("day.json")
        #expect(harness.send(.toggleFollow).isEmpty)
        #expect(!harness.state.follow)
        #expect(harness.state.status.notice == "a saved file gets no new calls: follow is for a live provider")
        #expect(harness.send(.changeScope(.tenant("37"))).isEmpty)
        #expect(harness.state.status.lastError?.hasPrefix("a saved file is read whole") == true)
        harness.state.status = StatusLine()
        #expect(harness.send(.narrowToCallCustomer).isEmpty)
        #expect(harness.state.status.notice?.hasPrefix("a saved file is read whole") == true)
        #expect(harness.state.switching == nil)
    }
}
