import ArgumentParser
import CallscopeDomain
import Foundation

/// The call filter (`CallFilter`) as flags, shared by list, show and the browser.
public struct FilterOptions: ParsableArguments {
    @Option(help: "Start of the range: YYYY-MM-DD, 'YYYY-MM-DD HH:MM[:SS]' (in --tz), today, yesterday, a weekday (mon), 'yesterday 14:00', or a span before now such as 45m, 6h, 7d. Default: 7d.")
    public var since: String?

    @Option(help: "End of the range, same forms (a bare date, today, yesterday or weekday includes that whole day). Default: now.")
    public var until: String?

    @Option(help: "inbound or outbound.", completion: .list(["inbound", "outbound"]))
    public var direction: String?

    @Option(help: "answered, no-answer, busy or failed.", completion: .list(["answered", "no-answer", "busy", "failed"]))
    public var status: String?

    @Option(help: "The calling number, or part of it.")
    public var from: String?

    @Option(help: "The called number, or part of it.")
    public var to: String?

    @Option(help: "A hangup cause such as NORMAL_CLEARING or USER_BUSY.")
    public var hangupCause: String?

    @Option(help: "A carrier trunk, by name or id (Vobiz).")
    public var trunk: String?

    @Option(help: "Shortest talk time, in seconds.")
    public var minDuration: Int?

    @Option(help: "Longest talk time, in seconds.")
    public var maxDuration: Int?

    @Option(help: "Free text over numbers, caller name and ids.")
    public var search: String?

    public init() {}

    /// The filter these flags describe; every problem is reported as a usage error naming
    /// the flag, before anything is sent.
    public func filter(zone: ZoneClock, now: Date, defaultSince: String? = nil, defaultUntil: String? = nil) throws(CLIFailure) -> CallFilter {
        switch draft(defaultSince: defaultSince, defaultUntil: defaultUntil).validate(zone: zone, now: now) {
        case .success(let filter):
            return filter
        case .failure(let errors):
            let (field, message) = errors.first ?? (.since, "invalid filter")
            throw .usage("--\(Self.flagName(field)): \(message)")
        }
    }

    /// The flags as a filter draft (what the browser's sidebar starts with); a profile's
    /// `since` stands in for a missing `--since` (a saved file's first and last days for both ends).
    public func draft(defaultSince: String? = nil, defaultUntil: String? = nil) -> FilterDraft {
        var draft = FilterDraft()
        draft.since = since ?? defaultSince ?? draft.since
        draft.until = until ?? defaultUntil ?? draft.until
        draft.direction = direction ?? ""
        draft.status = status ?? ""
        draft.from = from ?? ""
        draft.to = to ?? ""
        draft.hangupCause = hangupCause ?? ""
        draft.trunk = trunk ?? ""
        draft.minDuration = minDuration.map(String.init) ?? ""
        draft.maxDuration = maxDuration.map(String.init) ?? ""
        draft.search = search ?? ""
        return draft
    }

    static func flagName(_ field: FilterDraft.Field) -> String {
        switch field {
        case .hangupCause: return "hangup-cause"
        case .zone: return "tz"
        case .minDuration: return "min-duration"
        case .maxDuration: return "max-duration"
        default: return field.rawValue
        }
    }
}
