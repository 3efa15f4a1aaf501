import CallscopeDomain
import Foundation

/// What "normal or not" needs of a call, kept small: a week of baseline windows holds every
/// call of eight hours, so the provider's record and the detail lines are left behind
/// (docs/ARCHITECTURE.md, "Normal or not").
public struct WatchCall: Sendable, Hashable {
    public let id: String
    public let start: Date
    public let account: String?
    public let trunk: String?
    /// The far end's region key (`PhoneRegion.key`: "JM +1 876"), "unknown" where none.
    public let country: String
    public let direction: CallDirection?
    public let status: CallStatus?
    public let cause: String?
    public let sipCode: Int?
    public let talkSeconds: Int
    /// Ring and talk, where the provider says (Wangiri calls ring for a second or two).
    public let totalSeconds: Int?
    public let from: String?
    public let to: String?

    public init(_ call: Call) {
        id = call.id
        start = call.startTime ?? .distantPast
        account = call.account
        trunk = call.trunk.flatMap { $0.isEmpty ? nil : $0 }
        direction = call.direction
        let farEnd = call.direction == .inbound ? call.from : call.to
        country = farEnd.flatMap(PhoneRegions.region(of:))?.key ?? "unknown"
        status = call.status
        cause = call.hangupCause.flatMap { $0.isEmpty ? nil : $0 }
        sipCode = call.sipResponseCode
        talkSeconds = call.status == .answered ? max(0, call.durationSeconds ?? 0) : 0
        // Where the provider does not say (a Vobiz list row), the call's start to its end.
        if let total = call.totalSeconds {
            totalSeconds = max(0, total)
        } else if let start = call.startTime, let end = call.endTime, end >= start, end.timeIntervalSince(start) < 1e9 {
            totalSeconds = Int(end.timeIntervalSince(start).rounded())
        } else {
            totalSeconds = nil
        }
        from = call.from
        to = call.to
    }

    /// The far end's number.
    public var farEnd: String? { direction == .inbound ? from : to }

    /// An answered call whose talk lasted at most `seconds` (a robocall hung up on).
    public func isShort(_ seconds: Int) -> Bool { status == .answered && talkSeconds <= seconds }

    /// The far end's digits as E.164 writes them, for prefixes and ranges ("+1 876 555 0100" →
    /// "18765550100"; "00" is the international prefix; ten national digits are North American,
    /// as the country lookup reads them).
    public var farEndDigits: String {
        guard let number = farEnd else { return "" }
        let digits = RateDeck.digits(number)
        let international = number.trimmingASCIIWhitespace().hasPrefix("+") || number.trimmingASCIIWhitespace().hasPrefix("00")
        return !international && digits.count == 10 ? "1" + digits : digits
    }
}
