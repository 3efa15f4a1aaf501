import ArgumentParser
import CallscopeDomain
import Foundation

/// The filters of SPEC.md §4 as flags.
public struct FilterOptions: ParsableArguments {
    @Option(help: "Start of the range: YYYY-MM-DD, 'YYYY-MM-DD HH:MM[:SS]' (in --tz), or a span before now such as 45m, 6h, 7d. Default: 7d.")
    public var since: String?

    @Option(help: "End of the range, same forms (a bare date includes that whole day). Default: now.")
    public var until: String?

    @Option(help: "inbound or outbound.")
    public var direction: String?

    @Option(help: "answered, no-answer, busy or failed.")
    public var status: String?

    @Option(help: "The calling number, or part of it.")
    public var from: String?

    @Option(help: "The called number, or part of it.")
    public var to: String?

    @Option(help: "A hangup cause such as NORMAL_CLEARING or USER_BUSY.")
    public var hangupCause: String?

    @Option(help: "Shortest talk time, in seconds.")
    public var minDuration: Int?

    @Option(help: "Longest talk time, in seconds.")
    public var maxDuration: Int?

    @Option(help: "Free text over numbers, caller name and ids.")
    public var search: String?

    public init() {}

    /// The filter these flags describe; every problem is reported as a usage error naming
    /// the flag, before anything is sent.
    public func filter(zone: ZoneClock, now: Date) throws(CLIFailure) -> CallFilter {
        let start: Date
        let end: Date
        do {
            start = try TimeSpec.parse(since ?? "7d", zone: zone, now: now)
            end = try TimeSpec.parse(until ?? "now", zone: zone, now: now, endOfDay: true)
        } catch {
            throw .usage(error.description)
        }
        // Call history starts long after 1970 and ends before 2200; outside that a time is a typo.
        let earliest = Date(timeIntervalSince1970: 0), latest = Date(timeIntervalSince1970: 7_258_118_400)
        guard start >= earliest, end <= latest else {
            throw .usage("--since and --until must lie between 1970 and 2200")
        }
        guard end > start else {
            throw .usage("--until (\(zone.local(end))) is not after --since (\(zone.local(start))) in \(zone.identifier)")
        }
        var filter = CallFilter(since: start, until: end)
        if let direction {
            guard let d = CallDirection(providerValue: direction), d == .inbound || d == .outbound else {
                throw .usage("--direction must be inbound or outbound, not '\(SafeText.sanitize(direction))'")
            }
            filter.direction = d
        }
        if let status {
            guard let s = CallStatus(providerValue: status), s != .other(status.lowercased()) else {
                throw .usage("--status must be answered, no-answer, busy or failed, not '\(SafeText.sanitize(status))'")
            }
            filter.status = s
        }
        if let minDuration, minDuration < 0 { throw .usage("--min-duration must be 0 or more seconds") }
        if let maxDuration, maxDuration < 0 { throw .usage("--max-duration must be 0 or more seconds") }
        if let minDuration, let maxDuration, maxDuration < minDuration {
            throw .usage("--max-duration (\(maxDuration)) is less than --min-duration (\(minDuration))")
        }
        filter.from = from.flatMap(Self.nonEmpty)
        filter.to = to.flatMap(Self.nonEmpty)
        filter.hangupCause = hangupCause.flatMap(Self.nonEmpty)?.uppercased()
        filter.minDuration = minDuration
        filter.maxDuration = maxDuration
        filter.search = search.flatMap(Self.nonEmpty)
        return filter
    }

    static func nonEmpty(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }
}
