import CallscopeDomain
import CallscopeTesting
import Foundation
import Synchronization
import Testing
@testable import CallscopeViewModel

/// A numbered source that answers its first page at once without a total, and everything
/// else (and its settlement) once the test lets it settle: a large saved file shown head first.
final class HeadFirstSource: SettlingCallSource {
    let providerID = ProviderID.voxo
    let pagingStyle = PagingStyle.numberedPages(size: 100)
    let total: Int
    let settlement: SourceSettlement
    private let state = Mutex<(settled: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    init(total: Int, settlement: SourceSettlement = SourceSettlement(earlierAnswersStand: true)) {
        self.total = total
        self.settlement = settlement
    }

    func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field> { [] }
    /// Like a saved file, it filters and counts here, exactly.
    func countsExactly(_ filter: CallFilter) -> Bool { true }

    func segment(_ request: SegmentRequest, matching filter: CallFilter) async throws -> Segment {
        guard case .page(let number) = request else { throw CancellationError() }
        fetched.withLock { $0 += 1 }
        if number == 1, !isSettled {
            var head = FakeHistory.page(1, total: total)
            head.reportedTotal = nil
            return head
        }
        await waitToSettle()
        return FakeHistory.page(number, total: total)
    }

    func call(id: String, within filter: CallFilter, progress: @escaping @Sendable (Date) -> Void) async throws -> Call {
        await waitToSettle()
        return FakeHistory.call(Int(id.dropFirst(5)) ?? 0)
    }

    func settled() async -> SourceSettlement {
        await waitToSettle()
        return settlement
    }

    var isSettled: Bool { state.withLock { $0.settled } }
    private let fetched = Mutex(0)
    var fetches: Int { fetched.withLock { $0 } }

    func settle() {
        let waiting = state.withLock { current in
            current.settled = true
            defer { current.waiting = [] }
            return current.waiting
        }
        for waiter in waiting { waiter.resume() }
    }

    private func waitToSettle() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { current in
                if current.settled { return true }
                current.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}

@Suite("A source that settles after its first page")
struct SettlingSourceTests {
    static func headPage(total: Int = 1_234) -> Segment {
        var head = FakeHistory.page(1, total: total)
        head.reportedTotal = nil
        return head
    }

    /// The first page shows at once; the total comes when the source settles, and the rows, the
    /// selection and the pages below are laid out without reading the first page again.
    @Test func theTotalArrivesOnceTheSourceSettlesAndTheRowsStay() {
        var harness = Harness(paging: .numberedPages(size: 100))
        harness.send(.resize(height: 20))
        harness.answerNext { _ in Self.headPage() }
        #expect(harness.state.count == .loading)
        #expect(harness.state.list.rowCount == 100)
        harness.send(.moveBy(7))
        let asked = harness.send(.sourceSettled(serial: 0, SourceSettlement(earlierAnswersStand: true)))
        #expect(asked == [.fetchTotal(generation: 0, harness.state.applied)])
        harness.send(.totalLearned(generation: 0, total: 1_234))
        #expect(harness.state.count == .exact(1_234))
        #expect(harness.state.list.rowCount == 1_234)
        #expect(harness.state.selectedCall?.id == "call-7")
        #expect(harness.segmentFetches.filter { $0.request == .page(1) }.count == 1, "the first page is not read again")
        #expect(harness.segmentFetches.last?.request == .page(2), "the next page is read ahead, as on any numbered list")
        harness.send(.bottom)
        #expect(harness.segmentFetches.last?.request == .page(13))
    }

    /// The total can come before the first page's answer is applied (both were on their way):
    /// the page still lands in its place and the count holds.
    @Test func aTotalBeforeTheFirstPageStillLaysThePagesOut() {
        var harness = Harness(paging: .numberedPages(size: 100))
        harness.send(.resize(height: 20))
        #expect(harness.send(.sourceSettled(serial: 0, SourceSettlement(earlierAnswersStand: true))) == [.fetchTotal(generation: 0, harness.state.applied)])
        harness.send(.totalLearned(generation: 0, total: 250))
        harness.answerNext { _ in Self.headPage(total: 250) }
        #expect(harness.state.count == .exact(250))
        #expect(harness.state.list.row(99).flatMap { if case .call(let call) = $0 { call.id } else { nil } } == "call-99")
    }

    /// Pages shown in an order that did not hold are read again; what the source learned is
    /// said; a total for an older filter is ignored.
    @Test func pagesInAnOrderThatDidNotHoldAreReadAgain() {
        var harness = Harness(paging: .numberedPages(size: 100))
        harness.send(.resize(height: 20))
        harness.answerNext { _ in Self.headPage() }
        let effects = harness.send(.sourceSettled(serial: 0, SourceSettlement(earlierAnswersStand: false, notice: "day.json is not in time order throughout",
                                                                   problem: "day.json: record 9, at byte 7000, is cut short or is not valid")))
        #expect(effects.contains(.cancelGeneration(0)))
        #expect(harness.state.generation == 1)
        #expect(harness.segmentFetches.last?.generation == 1)
        #expect(harness.segmentFetches.last?.request == .page(1))
        #expect(harness.state.status.notice == "day.json is not in time order throughout")
        #expect(harness.state.status.lastError?.hasPrefix("day.json: record 9") == true)
        harness.send(.totalLearned(generation: 0, total: 5))
        #expect(harness.state.list.reportedTotal == nil)
    }

    /// A draft edit that did not validate does not stop the pages shown in the wrong order
    /// from being read again: the applied filter is.
    @Test func theAppliedFilterIsReadAgainWhateverTheDraft() {
        var harness = Harness(paging: .numberedPages(size: 100))
        harness.send(.resize(height: 20))
        harness.answerNext { _ in Self.headPage() }
        let applied = harness.state.applied
        harness.send(.edit(.since, "not a time"))
        harness.send(.applyFilter)
        #expect(harness.state.generation == 0, "the edit did not apply")
        harness.send(.sourceSettled(serial: 0, SourceSettlement(earlierAnswersStand: false)))
        #expect(harness.state.generation == 1)
        #expect(harness.state.applied == applied)
        #expect(harness.segmentFetches.last?.generation == 1)
    }

    /// The settlement of a connection switched away from says nothing of the new one.
    @Test func aSettlementOfAnEarlierConnectionIsIgnored() {
        var harness = Harness(paging: .numberedPages(size: 100))
        harness.send(.resize(height: 20))
        harness.answerNext { _ in Self.headPage() }
        harness.state.connectSerial = 1
        #expect(harness.send(.sourceSettled(serial: 0, SourceSettlement(earlierAnswersStand: false, notice: "old"))).isEmpty)
        #expect(harness.state.generation == 0 && harness.state.status.notice == nil)
    }

    /// A list that already has its total (the filter was answered after settling) asks nothing more.
    @Test func aListWithItsTotalAsksNothing() {
        var harness = Harness(paging: .numberedPages(size: 100))
        harness.send(.resize(height: 20))
        harness.answerNext { FakeHistory.page({ if case .page(let n) = $0 { n } else { 1 } }($0), total: 300) }
        #expect(harness.send(.sourceSettled(serial: 0, SourceSettlement(earlierAnswersStand: true))).isEmpty)
        #expect(harness.state.count == .exact(300))
    }

    /// The store hears the settlement once it started, and asks for the total itself.
    @Test func theStoreAsksForTheTotalWhenTheSourceSettles() async {
        let source = HeadFirstSource(total: 1_234)
        let store = BrowserStore(provider: source, zone: Harness.zone, clock: ManualClock(now: FakeHistory.anchor))
        defer { store.stop() }
        store.start()
        #expect(await store.waitUntil { $0.list.rowCount == 100 && $0.count == .loading })
        source.settle()
        #expect(await store.waitUntil { $0.count == .exact(1_234) })
        store.dispatch(.bottom)
        #expect(await store.waitUntil { $0.selectedCall?.id == "call-1233" })
    }

    /// A source settled before the store started (a file indexed at once) is not waited on, and
    /// the total comes with the first page, asked once.
    @Test func aSettledSourceIsNotWaitedOn() async {
        let source = HeadFirstSource(total: 450)
        source.settle()
        let store = BrowserStore(provider: source, zone: Harness.zone, clock: ManualClock(now: FakeHistory.anchor))
        defer { store.stop() }
        store.start()
        #expect(await store.waitUntil { $0.count == .exact(450) && !$0.isLoading })
        #expect(!store.snapshot.list.segments.isEmpty)
        let effectsAsked = source.fetches
        #expect(effectsAsked == 2, "page 1 and the page read ahead, no second page 1 for a total")
    }

    /// An export asked for before the source settled reads the calls once it has, in the order
    /// the source settled on: the page shown from the head is not written unless it stood.
    @Test func anExportWaitsForTheSourceToSettle() async {
        let source = HeadFirstSource(total: 450, settlement: SourceSettlement(earlierAnswersStand: false))
        let exporter = RecordingExporter()
        let store = BrowserStore(provider: source, zone: Harness.zone, clock: ManualClock(now: FakeHistory.anchor), exporter: exporter)
        defer { store.stop() }
        store.start()
        #expect(await store.waitUntil { $0.list.rowCount == 100 })
        store.dispatch(.startExport(path: "out.csv"))
        #expect(await store.waitUntil { $0.export != nil })
        #expect(exporter.log.withLock { $0.written.isEmpty }, "nothing is read before the source settles")
        let before = source.fetches
        source.settle()
        #expect(await store.waitUntil { $0.export == nil && $0.status.notice?.hasPrefix("exported 450") == true })
        #expect(exporter.log.withLock { $0.written } == (0..<450).map { "call-\($0)" })
        #expect(source.fetches > before)
    }
}
