import CallscopeDomain
import Foundation

/// The human table of `list`: fixed columns sized in terminal cells, every provider string
/// sanitized, times in the display zone.
public struct CallTableFormatter: Sendable {
    public let zone: ZoneClock
    /// The locale is not UTF-8: every cell is escaped to 7 bits before it is fitted, so the
    /// columns stay aligned and only ASCII is written.
    public let asciiOnly: Bool

    public init(zone: ZoneClock, asciiOnly: Bool = false) {
        self.zone = zone
        self.asciiOnly = asciiOnly
    }

    public static let columns: [(title: String, width: Int)] = [
        ("TIME", 19), ("DIR", 3), ("FROM", 16), ("TO", 16), ("NAME", 16), ("STATUS", 9), ("TALK", 7), ("CAUSE", 24), ("ID", 0),
    ]

    public func header() -> String {
        Self.columns.map { $0.width > 0 ? DisplayWidth.fit($0.title, $0.width) : $0.title }.joined(separator: " ") + "\n"
    }

    public func row(_ call: Call) -> String {
        let values = [
            call.startTime.map { zone.local($0).description } ?? (asciiOnly ? "-" : "—"),
            call.direction.map(CallFormatting.shortDirection) ?? "",
            call.from ?? "",
            call.to ?? "",
            call.callerName ?? "",
            call.status?.description ?? "",
            call.durationSeconds.map(CallFormatting.clock) ?? "",
            call.hangupCause ?? "",
            call.id,
        ]
        return zip(values, Self.columns).map { value, column in
            // Cut before sanitizing: a megabyte of caller name costs no more than a column.
            let sanitized = SafeText.sanitize(column.width > 0 ? String(value.prefix(column.width + 1)) : value)
            let safe = asciiOnly ? SevenBitText.escaped(sanitized) : sanitized
            return column.width > 0 ? DisplayWidth.fit(safe, column.width, ellipsis: asciiOnly ? "~" : "…") : safe
        }.joined(separator: " ") + "\n"
    }
}
