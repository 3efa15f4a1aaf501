import CallscopeDomain
import Foundation

/// One call of the synthetic history, before it is dressed as a VOXO or Vobiz record.
public struct SyntheticCall: Sendable, Hashable {
    public var index: Int
    public var uuid: String
    public var voxoUniqueId: String
    /// Unix seconds.
    public var start: Int64
    public var ringSeconds: Int
    public var talkSeconds: Int
    public var direction: CallDirection
    public var status: CallStatus
    public var hangupCause: String
    public var sipCode: Int
    public var hangupInitiator: String
    public var from: String
    public var to: String
    public var callerName: String?
    public var mos: Double
    public var jitterPercent: Double
    public var packetLossPercent: Double
    public var costMinorUnits: Int?
    public var currency: String
    public var trunkID: String?
    public var trunkName: String
    /// Vobiz customer auth id.
    public var account: String
    public var voxoTenant: Int
    public var voxoBillingCode: String
    /// Nulls where VOXO often sends them (the documented sample answer's second record).
    public var sparse: Bool
    public var previousUniqueId: String?
    public var nextUniqueId: String?
    /// Which impossible value the records of this call carry, if any.
    public var impossible: ImpossibleValue?

    public var end: Int64 { start + Int64(ringSeconds + talkSeconds) }
    public var answer: Int64? { status == .answered ? start + Int64(ringSeconds) : nil }
}

/// The impossible numbers and times a provider could send, one kind per hostile call.
public enum ImpossibleValue: Int, Sendable, Hashable, CaseIterable {
    /// A duration of 2^63 - 1 (and a ring time that overflows when added to it).
    case hugeDuration
    /// A year of 10^12 (VOXO `time`), years 0 and 9999 (Vobiz answer and end time).
    case impossibleYear
    /// 1e400: beyond any Double (MOS, cost).
    case beyondDouble
    /// Negative durations and a SIP code of 10^20.
    case negativeAndHuge
}
