import CallscopeDomain
import Foundation

/// What the running mock server holds: the history, the fault plan, VOXO login sessions and
/// a small cache of filtered Vobiz selections (so paging a filtered list scans once) and of
/// VOXO answers as sent (so a benchmark that asks for the same day again times the client,
/// not the mock's generation of 100,000 records).
public actor MockState {
    public nonisolated let history: SyntheticHistory
    public nonisolated let faults: MockFaultPlan
    /// Live mode: the current time, Unix seconds. Calls of the history that start later
    /// are not there yet, so new calls keep arriving as it moves on (follow mode, demos).
    public nonisolated let liveNow: (@Sendable () -> Int64)?
    private var voxoSessions: Set<String> = []
    private var sessionCounter = 0
    private var selectionCache: [String: [Int32]] = [:]
    private var cacheOrder: [String] = []
    private var voxoAnswers: [String: [UInt8]] = [:]
    private var voxoAnswerOrder: [String] = []
    private var voxoAnswerBytes = 0
    /// Cached VOXO answers are dropped, oldest first, past this many bytes.
    static let voxoAnswerCacheLimit = 256 << 20
    /// The User-Agent of the latest API request, so tests can check what clients send.
    public private(set) var lastUserAgent: String?

    public init(history: SyntheticHistory, faults: MockFaultPlan = MockFaultPlan(), liveNow: (@Sendable () -> Int64)? = nil) {
        self.history = history
        self.faults = faults
        self.liveNow = liveNow
    }

    /// `until`, or the live now when that comes first.
    nonisolated func visibleUntil(_ until: Int64) -> Int64 {
        guard let liveNow else { return until }
        return min(until, liveNow() + 1)
    }

    func noteUserAgent(_ value: String?) { lastUserAgent = value }

    func issueVoxoSession() -> String {
        sessionCounter += 1
        let token = "voxo-session-\(sessionCounter)"
        voxoSessions.insert(token)
        return token
    }

    func isValidVoxoToken(_ token: String) -> Bool {
        token == MockCredentials.voxoToken || voxoSessions.contains(token)
    }

    /// Makes every issued login token invalid, as if they had expired.
    public func expireVoxoSessions() { voxoSessions.removeAll() }

    func cachedSelection(key: String) -> [Int32]? { selectionCache[key] }

    func storeSelection(_ selection: [Int32], key: String) {
        guard selectionCache[key] == nil else { return }
        selectionCache[key] = selection
        cacheOrder.append(key)
        if cacheOrder.count > 8 { selectionCache[cacheOrder.removeFirst()] = nil }
    }

    func cachedVoxoAnswer(key: String) -> [UInt8]? { voxoAnswers[key] }

    func storeVoxoAnswer(_ body: [UInt8], key: String) {
        guard voxoAnswers[key] == nil, body.count <= Self.voxoAnswerCacheLimit else { return }
        voxoAnswers[key] = body
        voxoAnswerOrder.append(key)
        voxoAnswerBytes += body.count
        while voxoAnswerBytes > Self.voxoAnswerCacheLimit, !voxoAnswerOrder.isEmpty {
            voxoAnswerBytes -= voxoAnswers.removeValue(forKey: voxoAnswerOrder.removeFirst())?.count ?? 0
        }
    }
}
