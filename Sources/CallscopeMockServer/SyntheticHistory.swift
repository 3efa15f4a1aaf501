import CallscopeDomain
import Foundation

/// A deterministic call history of any size, generated on demand: call `i` (0 = newest)
/// is a pure function of the seed and `i`, so a million calls cost no memory up front and
/// every run, test and screenshot sees the same calls.
public struct SyntheticHistory: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var seed: UInt64 = 1
        public var count: Int = 20_000
        /// The newest call's time, Unix seconds.
        public var anchor: Int64
        /// How far back the history reaches, seconds.
        public var span: Int64 = 30 * 86_400
        /// One call in 23 carries an impossible number or time (a duration of 2^63, a year
        /// of 10^12, 1e400, a SIP code of 10^20), and Vobiz lists claim a total of 2^63:
        /// what a client must survive (`--impossible-values`).
        public var impossibleValues = false
        /// Incidents planted in the hour before `incidentEnd` (`--incident`).
        public var incidents: [MockIncident] = []
        /// Where the incidents' hour ends, Unix seconds: the anchor unless set (live mode: now).
        public var incidentEnd: Int64?

        public init(seed: UInt64 = 1, count: Int = 20_000, anchor: Int64, span: Int64 = 30 * 86_400, impossibleValues: Bool = false,
                    incidents: [MockIncident] = [], incidentEnd: Int64? = nil) {
            self.seed = seed
            self.count = count
            self.anchor = anchor
            self.span = span
            self.impossibleValues = impossibleValues
            self.incidents = incidents
            self.incidentEnd = incidentEnd
        }
    }

    public let configuration: Configuration
    /// Seconds between consecutive calls, on average.
    let spacing: Double
    /// The incidents' hour, as seconds before the anchor (`offset ..< offset + 3600`), and
    /// where its calls sit in the history: the incidents that add calls squeeze `normalCalls +
    /// addedCalls` calls into that hour from index `firstIndex` on; later calls move back by
    /// what the hour gained, so every other hour keeps its normal density.
    struct IncidentHour: Sendable {
        let offset: Double
        let firstIndex: Int
        let normalCalls: Int
        let addedCalls: Int
        let adding: [MockIncident]
        var calls: Int { normalCalls + addedCalls }
    }
    let incidentHour: IncidentHour?

    public static let vobizAccounts = ["MA_48149cf4", "MA_7d2e91a0", "MA_c05b3f18", "MA_e6a4d722"]
    public static let voxoTenants = [37, 52, 108, 215]
    public static func voxoBillingCode(tenant: Int) -> String { tenant < 100 ? "BC-EAST" : "BC-WEST" }

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let spacing = Double(max(configuration.span, 1)) / Double(max(configuration.count, 1))
        self.spacing = spacing
        if configuration.incidents.isEmpty {
            incidentHour = nil
        } else {
            let offset = Double(max(0, configuration.anchor - (configuration.incidentEnd ?? configuration.anchor)))
            let normalCalls = max(1, Int(3_600 / spacing))
            let adding = configuration.incidents.filter(\.addsCalls)
            // Each incident that adds calls at least doubles the hour's calls, 60 at the least,
            // so a planted customer stands out of a thin demo history and a busy one alike.
            incidentHour = IncidentHour(offset: offset, firstIndex: Int(offset / spacing), normalCalls: normalCalls,
                                        addedCalls: adding.count * max(60, normalCalls), adding: adding)
        }
    }

    /// Seconds before the anchor at which call `index` starts, before its jitter (`jitter`, 0..<1).
    private func offset(of index: Int, jitter: Double) -> Double {
        guard let hour = incidentHour, index >= hour.firstIndex else { return (Double(index) + jitter) * spacing }
        let inHour = index - hour.firstIndex
        if inHour < hour.calls { return hour.offset + (Double(inHour) + jitter) * 3_600 / Double(hour.calls) }
        return hour.offset + 3_600 + (Double(inHour - hour.calls) + jitter) * spacing
    }

    /// The incident that added call `index`, and which of its calls it is; nil for a normal call.
    func addedCall(_ index: Int) -> (incident: MockIncident, number: Int)? {
        guard let hour = incidentHour, !hour.adding.isEmpty, index >= hour.firstIndex, index - hour.firstIndex < hour.calls else { return nil }
        let inHour = index - hour.firstIndex
        // The hour's normal calls are spread evenly among the added ones.
        let normalBefore = inHour * hour.normalCalls / hour.calls
        let normalThrough = (inHour + 1) * hour.normalCalls / hour.calls
        guard normalThrough == normalBefore else { return nil }
        let added = inHour - normalBefore
        return (hour.adding[added % hour.adding.count], added / hour.adding.count)
    }

    /// The customer slot of call `index` (its account, tenant and numbers).
    public func slot(of index: Int) -> Int {
        addedCall(index)?.incident.slot ?? Self.accountSlot(of: index, accounts: Self.vobizAccounts.count)
    }

    public var count: Int { configuration.count }

    /// Start of call `i`: strictly older as `i` grows.
    public func startTime(of index: Int) -> Int64 {
        var rng = SplitMix64(seed: configuration.seed, index: UInt64(index), stream: 1)
        return configuration.anchor - Int64(offset(of: index, jitter: rng.unit() * 0.9).rounded(.down))
    }

    /// The smallest index whose call starts before `instant` (calls are newest first).
    public func firstIndex(startingBefore instant: Int64) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if startTime(of: mid) < instant { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Indices of calls starting in `since ..< until`, newest first.
    public func indices(since: Int64, until: Int64) -> Range<Int> {
        let lo = firstIndex(startingBefore: until)
        let hi = firstIndex(startingBefore: since)
        return lo..<max(lo, hi)
    }

    /// Calls come in pairs of two (a transfer's legs share a customer); pair `p` belongs to
    /// account `p % accounts`.
    public static func accountSlot(of index: Int, accounts: Int) -> Int { (index / 2) % accounts }

    public func call(at index: Int) -> SyntheticCall {
        var rng = SplitMix64(seed: configuration.seed, index: UInt64(index), stream: 2)
        let start = startTime(of: index)
        let direction: CallDirection = rng.unit() < 0.55 ? .outbound : .inbound
        let outcome = rng.weighted(Self.outcomes)
        let talk: Int
        if outcome.status == .answered {
            // Mostly short, a long tail of long calls.
            let u = rng.unit()
            talk = u < 0.03 ? 0 : Int(5 + pow(u, 3) * 3_600)
        } else {
            talk = 0
        }
        let ring = outcome.status == .answered ? 2 + Int(rng.next() % 20) : Int(rng.next() % 45)
        let added = addedCall(index)
        let slot = added?.incident.slot ?? Self.accountSlot(of: index, accounts: Self.vobizAccounts.count)
        let local = Self.localNumbers[slot]
        let remote = rng.weighted(Self.remoteNumberPlans)(&rng)
        let from = direction == .inbound ? remote : local
        let to = direction == .inbound ? local : remote
        let name: String? = direction == .inbound ? rng.weighted(Self.callerNames) : nil
        let answered = outcome.status == .answered && talk > 0
        let mos = answered ? (rng.unit() < 0.1 ? 2.4 + rng.unit() : 3.6 + rng.unit() * 0.9) : 0
        let tenant = Self.voxoTenants[slot]
        let pair = index / 2
        var pairRNG = SplitMix64(seed: configuration.seed, index: UInt64(pair), stream: 3)
        let linked = pairRNG.unit() < 0.06 && index / 2 * 2 + 1 < count
        var call = SyntheticCall(
            index: index,
            uuid: uuid(of: index, &rng),
            voxoUniqueId: "\(["atl-ast2", "dfw-ast1", "ord-pbx-3"][slot % 3])-\(start).\(1_400_000 + index % 600_000)",
            start: start, ringSeconds: ring, talkSeconds: talk,
            direction: direction, status: outcome.status, hangupCause: outcome.cause, sipCode: outcome.sip,
            hangupInitiator: outcome.status == .answered ? rng.pick(["caller", "callee"]) : (outcome.status == .failed ? "system" : "caller"),
            from: from, to: to, callerName: name,
            mos: (mos * 10).rounded() / 10,
            jitterPercent: answered ? (rng.unit() * 4 * 10).rounded() / 10 : 0,
            packetLossPercent: answered ? (pow(rng.unit(), 4) * 5 * 10).rounded() / 10 : 0,
            costMinorUnits: rng.unit() < 0.05 ? nil : (answered ? (talk + 59) / 60 * 45 : 0),
            currency: slot % 2 == 0 ? "INR" : "USD",
            trunkID: rng.unit() < 0.05 ? nil : "trunk_\(["abc", "mum1", "del2"][slot % 3])",
            trunkName: rng.pick(["Vobiz India Trunk", "Mumbai SIP 1", "東京ゲートウェイ", "Delhi Backup 🛰"]),
            account: Self.vobizAccounts[slot],
            voxoTenant: tenant,
            voxoBillingCode: Self.voxoBillingCode(tenant: tenant),
            sparse: rng.unit() < 0.25,
            previousUniqueId: nil, nextUniqueId: nil)
        if configuration.impossibleValues, index % 23 == 11 {
            call.impossible = ImpossibleValue.allCases[(index / 23) % ImpossibleValue.allCases.count]
        }
        if let (incident, number) = added {
            incident.shape(&call, number: number, rng: &rng)
            return call
        }
        if let hour = incidentHour, call.start > configuration.anchor - Int64(hour.offset) - 3_600, call.start <= configuration.anchor - Int64(hour.offset) {
            for incident in configuration.incidents where incident.slot == slot { incident.fail(&call, rng: &rng) }
        }
        if linked {
            // The older leg (odd index) was transferred into the newer one (even index).
            let newer = pair * 2
            let older = newer + 1
            if index == newer { call.previousUniqueId = uniqueIdOnly(older) }
            if index == older { call.nextUniqueId = uniqueIdOnly(newer) }
        }
        return call
    }

    private func uniqueIdOnly(_ index: Int) -> String {
        let slot = slot(of: index)
        return "\(["atl-ast2", "dfw-ast1", "ord-pbx-3"][slot % 3])-\(startTime(of: index)).\(1_400_000 + index % 600_000)"
    }

    /// A random-looking UUID whose last group hides the index (masked by the seed), so the
    /// single-call endpoint finds a call without scanning the history.
    func uuid(of index: Int, _ rng: inout SplitMix64) -> String {
        let a = rng.next()
        let hex = Array(String(a, radix: 16).leftPadded(16))
        let tail = String(UInt64(index) ^ indexMask, radix: 16).leftPadded(12)
        return "\(String(hex[0..<8]))-\(String(hex[8..<12]))-4\(String(hex[13..<16]))-a\(String(hex[1..<4]))-\(tail)"
    }

    private var indexMask: UInt64 {
        var rng = SplitMix64(seed: configuration.seed, index: 0, stream: 9)
        return rng.next() & 0x7FFF_FFFF_FFFF
    }

    /// The index of the call with this UUID, if the history has one.
    public func index(ofUUID uuid: String) -> Int? {
        guard let tail = uuid.split(separator: "-").last, tail.count == 12, let value = UInt64(tail, radix: 16) else { return nil }
        let index = value ^ indexMask
        guard index < UInt64(count), call(at: Int(index)).uuid == uuid else { return nil }
        return Int(index)
    }

    struct Outcome {
        let status: CallStatus
        let cause: String
        let sip: Int
    }

    static let outcomes: [(Outcome, Double)] = [
        (Outcome(status: .answered, cause: "NORMAL_CLEARING", sip: 200), 66),
        (Outcome(status: .noAnswer, cause: "NO_ANSWER", sip: 480), 9),
        (Outcome(status: .noAnswer, cause: "ORIGINATOR_CANCEL", sip: 487), 6),
        (Outcome(status: .busy, cause: "USER_BUSY", sip: 486), 6),
        (Outcome(status: .failed, cause: "UNALLOCATED_NUMBER", sip: 404), 3),
        (Outcome(status: .failed, cause: "CALL_REJECTED", sip: 603), 2.5),
        (Outcome(status: .failed, cause: "NORMAL_TEMPORARY_FAILURE", sip: 503), 2),
        (Outcome(status: .failed, cause: "RECOVERY_ON_TIMER_EXPIRE", sip: 504), 1.5),
        (Outcome(status: .failed, cause: "INVALID_NUMBER_FORMAT", sip: 484), 1.5),
        (Outcome(status: .failed, cause: "INCOMPATIBLE_DESTINATION", sip: 488), 1),
        (Outcome(status: .failed, cause: "MEDIA_TIMEOUT", sip: 408), 1),
        (Outcome(status: .other("congestion"), cause: "NORMAL_CIRCUIT_CONGESTION", sip: 503), 0.5),
    ]

    static let localNumbers = ["+15550100100", "+919876543210", "+15550142277", "+442079460123"]

    typealias NumberPlan = @Sendable (inout SplitMix64) -> String

    static let remoteNumberPlans: [(NumberPlan, Double)] = [
        ({ r in "+1\(200 + r.next() % 700)555\(String(r.next() % 10_000).leftPadded(4, "0"))" }, 45),
        ({ r in "+91\(7 + r.next() % 3)\(String(r.next() % 1_000_000_000).leftPadded(9, "0"))" }, 25),
        ({ r in "+44 20 \(String(r.next() % 10_000).leftPadded(4, "0")) \(String(r.next() % 10_000).leftPadded(4, "0"))" }, 10),
        ({ r in "+8190\(String(r.next() % 100_000_000).leftPadded(8, "0"))" }, 7),
        ({ r in "+86 138 \(String(r.next() % 10_000).leftPadded(4, "0")) \(String(r.next() % 10_000).leftPadded(4, "0"))" }, 5),
        ({ r in "+4915\(String(r.next() % 100_000_000).leftPadded(8, "0"))" }, 5),
        ({ r in String(r.next() % 9_000 + 1_000) }, 3),
    ]

    /// Caller names, including the ones a terminal must never trust: an OSC 52 clipboard
    /// write, a screen clear, a C1 CSI and a bidi override.
    static let callerNames: [(String?, Double)] = [
        (nil, 20), ("BILL CLINTON", 4), ("FRED DURST", 4), ("ACME SUPPORT", 6), ("WIRELESS CALLER", 10),
        ("Müller, Jürgen", 3), ("王小明", 3), ("山田太郎", 3), ("김민준", 2), ("Zoë 🍕 Pizza", 2),
        ("📞 Reception", 2), ("O'Brien & Sons", 2), ("\u{1B}]52;c;cm0gLXJmIH4K\u{07}EVIL", 1),
        ("\u{1B}[2J\u{1B}[HCLEARED", 1), ("\u{9B}31mRED", 0.5), ("abc\u{202E}gpj.exe", 0.5),
        ("A VERY LONG CALLER NAME THAT WILL NOT FIT IN ANY COLUMN AT ALL", 1),
    ]
}

extension String {
    func leftPadded(_ width: Int, _ fill: Character = "0") -> String {
        count >= width ? self : String(repeating: fill, count: width - count) + self
    }
}
