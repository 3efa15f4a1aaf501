import Foundation

/// The normalized call's JSON form, used by `--format json` and `ndjson` and by exports.
/// Keys are camelCase and always present (null when unknown); `fields` is the provider's
/// record exactly as it came.
extension Call {
    public var jsonValue: JSONValue {
        func time(_ d: Date?) -> JSONValue { d.map { .string(ISO8601.format($0)) } ?? .null }
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func int(_ i: Int?) -> JSONValue { i.map { .number(String($0)) } ?? .null }
        func real(_ d: Double?) -> JSONValue { d.map { .number(Self.numberText($0)) } ?? .null }
        return .object(JSONObject([
            ("id", .string(id)),
            ("provider", .string(provider.rawValue)),
            ("startTime", time(startTime)),
            ("answerTime", time(answerTime)),
            ("endTime", time(endTime)),
            ("direction", text(direction?.description)),
            ("status", text(status?.description)),
            ("from", text(from)),
            ("to", text(to)),
            ("callerName", text(callerName)),
            ("durationSeconds", int(durationSeconds)),
            ("totalSeconds", int(totalSeconds)),
            ("hangupCause", text(hangupCause)),
            ("sipResponseCode", int(sipResponseCode)),
            ("cost", cost.map { .number($0) } ?? .null),
            ("currency", text(currency)),
            ("mos", real(mos)),
            ("jitter", real(jitter)),
            ("packetLoss", real(packetLoss)),
            ("account", text(account)),
            ("previousLegId", text(previousLegId)),
            ("nextLegId", text(nextLegId)),
            ("fields", .object(fields)),
        ]))
    }

    /// `4.4` not `4.4000000000000004`; integral values without a fraction.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
