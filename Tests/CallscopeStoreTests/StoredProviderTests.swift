import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import CallscopeStore
import CallscopeTesting
import Foundation
import Testing

/// The local store beneath a provider, against the mock server over real HTTP: a closed range is
/// asked once, an open one always, offline and unreachable answers come from the store and say so.
@Suite("the local store: reading through it")
struct StoredProviderTests {
    /// A day after the mock's newest call: the last day before it has closed.
    static let later = Date(timeIntervalSince1970: TimeInterval(MockServerFixture.anchor) + 86_400)

    static func json(_ calls: [Call]) -> [UInt8] { JSONWriter.encode(.array(calls.map(\.jsonValue))) }

    func stored(_ inner: any CallProvider, in directory: TemporaryDirectory, now: Date = later, offline: Bool = false,
                scope: CallScope = .all) throws -> StoredCallProvider {
        let store = try HistoryStore(path: directory.path + "/cache/callscope/history.sqlite")
        let source = StoreSource(provider: inner.providerID, baseURL: "http://127.0.0.1", identity: "tests", scope: scope, profile: "tests")
        return try StoredCallProvider(wrapping: inner, store: store, source: source, offline: offline, now: { now })
    }

    /// The UTC day before the anchor, whole.
    func closedDay(_ fixture: MockServerFixture) -> CallFilter {
        let midnight = (Double(MockServerFixture.anchor) / 86_400).rounded(.down) * 86_400
        return CallFilter(since: Date(timeIntervalSince1970: midnight - 86_400), until: Date(timeIntervalSince1970: midnight))
    }

    @Test func aClosedVoxoRangeReadTwiceAsksOnce() async throws {
        let fixture = try await MockServerFixture.start(calls: 3_000, days: 10)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let provider = try stored(try fixture.voxo(), in: directory)
        let range = closedDay(fixture)
        let direct = try await fixture.voxo().collect(range)
        let before = await fixture.faults.requestCount
        let first = try await provider.collect(range)
        let asked = await fixture.faults.requestCount - before
        #expect(asked > 0)
        #expect(Self.json(first) == Self.json(direct))

        let again = await fixture.faults.requestCount
        var batches: [CallBatch] = []
        for try await batch in provider.calls(matching: range) { batches.append(batch) }
        #expect(await fixture.faults.requestCount == again, "a closed range held whole is not asked again")
        #expect(Self.json(batches.flatMap(\.calls)) == Self.json(direct))
        #expect(batches.allSatisfy { $0.stored != nil && $0.stored?.instead == nil })

        // A narrower filter inside the held range is answered from the store too, filtered here.
        var answered = range
        answered.status = .answered
        let narrowed = try await provider.collect(answered)
        #expect(await fixture.faults.requestCount == again)
        #expect(Self.json(narrowed) == Self.json(direct.filter { $0.status == .answered }))
    }

    @Test func aClosedVobizDayIsPagedAndCountedFromTheStore() async throws {
        let fixture = try await MockServerFixture.start(calls: 4_000, days: 10)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let provider = try stored(try fixture.vobiz(), in: directory)
        var range = closedDay(fixture)
        range.direction = .outbound
        let direct = try await fixture.vobiz().collect(range)
        let first = try await provider.collect(range)
        #expect(Self.json(first) == Self.json(direct))

        let before = await fixture.faults.requestCount
        let again = try await provider.collect(range)
        #expect(await fixture.faults.requestCount == before, "every page of the closed day comes from the store")
        #expect(Self.json(again) == Self.json(direct))
        #expect(provider.countsExactly(range))
        let counts = try #require(try await provider.countByOutcome(range))
        #expect(await fixture.faults.requestCount == before, "counted from the store")
        #expect(counts.calls == direct.count)
        #expect(counts.answered == direct.filter { $0.status == .answered }.count)
        #expect(counts.failed == direct.filter { $0.status == .failed }.count)
        // The provider's own count agrees.
        #expect(try await fixture.vobiz().countByOutcome(range) == counts)
    }

    @Test func anOpenRangeIsAlwaysAskedAndAChangedRecordIsReadAgain() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 5)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        // "Now" is the anchor: the last hour has not settled.
        let provider = try stored(try fixture.voxo(), in: directory, now: fixture.anchorDate)
        let range = CallFilter(since: fixture.anchorDate.addingTimeInterval(-3_600), until: fixture.anchorDate.addingTimeInterval(60))
        let direct = try await fixture.voxo().collect(range)
        try #require(!direct.isEmpty)
        _ = try await provider.collect(range)
        let before = await fixture.faults.requestCount
        _ = try await provider.collect(range)
        #expect(await fixture.faults.requestCount > before, "an open range is asked every time")

        // Whatever the store holds for an open range (here: a changed copy said to be held
        // whole), the provider's record is what is shown.
        let store = try HistoryStore(path: directory.path + "/cache/callscope/history.sqlite")
        let source = try store.sourceID(StoreSource(provider: .voxo, baseURL: "http://127.0.0.1", identity: "tests", scope: .all, profile: "tests"))
        var changed = direct[0]
        changed.callerName = "CHANGED IN THE STORE"
        try store.keep([changed], source: source, holding: range.since..<range.until, filter: "", at: fixture.anchorDate)
        let read = try await provider.collect(range)
        #expect(read.first?.id == direct[0].id)
        #expect(read.first?.callerName == direct[0].callerName)
    }

    @Test func offlineAnswersFromTheStoreAloneAndSaysWhatItHolds() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 5)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let online = try stored(try fixture.voxo(), in: directory)
        let range = closedDay(fixture)
        let held = try await online.collect(range)

        let offline = try stored(try fixture.voxo(), in: directory, offline: true)
        let before = await fixture.faults.requestCount
        // A wider range than is held: the held part is answered, and the answer says what is held.
        var wider = range
        wider.since = range.since.addingTimeInterval(-86_400)
        var batches: [CallBatch] = []
        for try await batch in offline.calls(matching: wider) { batches.append(batch) }
        #expect(await fixture.faults.requestCount == before, "offline asks nothing")
        #expect(Self.json(batches.flatMap(\.calls)) == Self.json(held))
        let answer = try #require(batches.first?.stored)
        #expect(answer.instead == .offline)
        #expect(answer.held == [range.since..<range.until])
    }

    @Test func anUnreachableProviderIsAnsweredFromTheStore() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 5)
        let directory = try TemporaryDirectory()
        let provider = try stored(try fixture.voxo(), in: directory)
        let range = closedDay(fixture)
        let held = try await provider.collect(range)
        await fixture.stop()
        // Not held: the range before, which the store cannot answer, and the provider is gone.
        let refreshed = try stored(try fixture.voxo(), in: directory)
        var batches: [CallBatch] = []
        var wider = range
        wider.since = range.since.addingTimeInterval(-3_600)
        do {
            for try await batch in refreshed.calls(matching: wider) { batches.append(batch) }
        } catch {
            Issue.record("the store answers instead: \(error)")
        }
        #expect(Self.json(batches.flatMap(\.calls)) == Self.json(held))
        // The held windows come from the store as usual; the one it does not hold says why the
        // provider was not asked.
        #expect(batches.first?.stored?.instead == nil)
        guard case .unreachable = batches.last?.stored?.instead else {
            Issue.record("the answer says the provider could not be reached: \(String(describing: batches.last?.stored))")
            return
        }
    }

    @Test func theStoreIsPrivateAndHoldsNoSecret() async throws {
        let fixture = try await MockServerFixture.start(calls: 2_000, days: 5)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let voxo = try stored(try fixture.voxo(), in: directory)
        let vobiz = try stored(try fixture.vobiz(), in: directory)
        _ = try await voxo.collect(closedDay(fixture))
        _ = try await vobiz.collect(closedDay(fixture))
        let folder = directory.path + "/cache/callscope"
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600, "\(name)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for secret in [MockCredentials.voxoToken, MockCredentials.vobizAuthToken, MockCredentials.vobizAuthID] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name) holds a secret")
            }
        }
    }

    @Test func aRecordHoldingASecretIsKeptRedacted() {
        let redactor = SecretRedactor()
        redactor.register("hunter2-secret")
        #expect(redactor.redactBytes(Array("{\"a\":\"x\"}".utf8)) == Array("{\"a\":\"x\"}".utf8))
        #expect(String(decoding: redactor.redactBytes(Array("{\"a\":\"hunter2-secret\"}".utf8)), as: UTF8.self) == "{\"a\":\"[secret]\"}")
    }

    @Test func theSizeCapPrunesTheOldestCalls() async throws {
        let fixture = try await MockServerFixture.start(calls: 6_000, days: 6)
        defer { Task { await fixture.stop() } }
        let directory = try TemporaryDirectory()
        let path = directory.path + "/cache/callscope/history.sqlite"
        let provider = try stored(try fixture.voxo(), in: directory)
        let range = CallFilter(since: closedDay(fixture).since.addingTimeInterval(-3 * 86_400), until: closedDay(fixture).until)
        let all = try await provider.collect(range)
        let full = try HistoryStore(path: path).usedBytes()
        // Reopened with room for about half: the oldest go, the newest stay.
        let capped = try HistoryStore(path: path, sizeCap: full / 2)
        #expect(try capped.usedBytes() <= full / 2)
        let summary = try #require(try capped.summary().first)
        #expect(summary.calls < all.count && summary.calls > 0)
        #expect(summary.newestCall == all.first?.startTime)
        #expect((summary.oldestCall ?? .distantPast) > (all.last?.startTime ?? .distantFuture))
        // What is held starts no earlier than the oldest call kept.
        #expect(summary.held.allSatisfy { $0.range.lowerBound >= (summary.oldestCall ?? .distantFuture) })
    }
}
