import CallscopeDomain
import Foundation

/// An incident planted in the hour before the history's newest call (`mock-server --incident
/// KIND:CUSTOMER`), over an otherwise normal history: the labelled truth that `callscope watch`
/// and its tests must find (README, "Is something wrong?").
public struct MockIncident: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The customer's calls fail: 85 % NO_ROUTE_DESTINATION (SIP 404) on `trunk_7`.
        case asrDrop = "asr-drop"
        /// Many answered outbound calls of 1–4 s to distinct numbers (robocalling).
        case shortBurst = "short-burst"
        /// Many unanswered outbound calls ringing 1–3 s to distinct international numbers in
        /// NANP Caribbean and West African ranges.
        case wangiri
        /// Long answered calls to satellite, international-network and premium ranges (IRSF).
        case highRisk = "high-risk"
        /// Calls to consecutive numbers of one range, one after another.
        case sequential
    }

    public var kind: Kind
    /// The customer's slot in the synthetic history (its Vobiz account and VOXO tenant).
    public var slot: Int

    public init(kind: Kind, slot: Int) {
        self.kind = kind
        self.slot = slot
    }

    /// `KIND:CUSTOMER`, the customer a Vobiz account id or a VOXO tenant id of the mock's.
    public init?(spec: String) {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]) else { return nil }
        if let slot = SyntheticHistory.vobizAccounts.firstIndex(of: parts[1]) {
            self.init(kind: kind, slot: slot)
        } else if let tenant = Int(parts[1]), let slot = SyntheticHistory.voxoTenants.firstIndex(of: tenant) {
            self.init(kind: kind, slot: slot)
        } else {
            return nil
        }
    }

    public static let usage = "KIND:CUSTOMER, KIND one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")) and CUSTOMER a mock account (\(SyntheticHistory.vobizAccounts.joined(separator: ", "))) or VOXO tenant (\(SyntheticHistory.voxoTenants.map(String.init).joined(separator: ", ")))"

    /// Whether the incident adds calls of its own (all but the ASR drop, which changes the
    /// customer's calls in place).
    var addsCalls: Bool { kind != .asrDrop }

    /// Reshapes `call`, one of the calls the incident adds (`number` counts them from the
    /// newest), into the incident's kind.
    func shape(_ call: inout SyntheticCall, number: Int, rng: inout SplitMix64) {
        call.direction = .outbound
        call.callerName = nil
        call.sparse = false
        call.impossible = nil
        call.previousUniqueId = nil
        call.nextUniqueId = nil
        let local = SyntheticHistory.localNumbers[slot]
        call.from = local
        switch kind {
        case .asrDrop:
            return
        case .shortBurst:
            call.to = "+1\(200 + rng.next() % 700)\(String(rng.next() % 10_000_000).leftPadded(7, "0"))"
            answer(&call, talk: 1 + Int(rng.next() % 4), rng: &rng)
        case .wangiri:
            let ranges = ["+1876", "+1809", "+1473", "+232", "+224", "+235"]
            call.to = ranges[Int(rng.next() % UInt64(ranges.count))] + String(rng.next() % 10_000_000).leftPadded(7, "0")
            call.status = .noAnswer
            call.hangupCause = "ORIGINATOR_CANCEL"
            call.sipCode = 487
            call.hangupInitiator = "caller"
            call.ringSeconds = 1 + Int(rng.next() % 3)
            call.talkSeconds = 0
            call.mos = 0
            call.jitterPercent = 0
            call.packetLossPercent = 0
            call.costMinorUnits = 0
        case .highRisk:
            let ranges = ["+8816", "+8823", "+979", "+8835"]
            call.to = ranges[Int(rng.next() % UInt64(ranges.count))] + String(rng.next() % 100_000_000).leftPadded(8, "0")
            answer(&call, talk: 60 + Int(rng.next() % 540), rng: &rng)
        case .sequential:
            call.to = "+1212555\(String(1_000 + number % 9_000).leftPadded(4, "0"))"
            if rng.unit() < 0.5 {
                answer(&call, talk: 2 + Int(rng.next() % 20), rng: &rng)
            } else {
                call.status = .noAnswer
                call.hangupCause = "NO_ANSWER"
                call.sipCode = 480
                call.talkSeconds = 0
                call.mos = 0
                call.costMinorUnits = 0
            }
        }
    }

    /// Fails the customer's own call as the ASR drop does (85 % of them).
    func fail(_ call: inout SyntheticCall, rng: inout SplitMix64) {
        guard kind == .asrDrop, rng.unit() < 0.85 else { return }
        call.status = .failed
        call.hangupCause = "NO_ROUTE_DESTINATION"
        call.sipCode = 404
        call.hangupInitiator = "system"
        call.talkSeconds = 0
        call.mos = 0
        call.jitterPercent = 0
        call.packetLossPercent = 0
        call.costMinorUnits = 0
        call.trunkID = "trunk_7"
        call.trunkName = "Backup route 7"
    }

    private func answer(_ call: inout SyntheticCall, talk: Int, rng: inout SplitMix64) {
        call.status = .answered
        call.hangupCause = "NORMAL_CLEARING"
        call.sipCode = 200
        call.hangupInitiator = "callee"
        call.ringSeconds = 2 + Int(rng.next() % 6)
        call.talkSeconds = talk
        call.mos = 4.1
        call.costMinorUnits = (talk + 59) / 60 * 45
    }
}
