import Foundation

/// The normalized call's JSON form, used by `--format json` and `ndjson` and by exports.
/// Keys are camelCase and always present (null when unknown); `fields` is the provider's
/// record exactly as it came.
extension Call {
    public var jsonValue: JSONValue {
        .object(JSONObject(normalizedMembers + [("fields", .object(fields))]))
    }

    /// The JSON form's members before `fields`: the normalized values only, so a reader of
    /// just these (CSV) never parses the provider's record.
    public var normalizedMembers: [(key: String, value: JSONValue)] {
        func time(_ d: Date?) -> JSONValue { d.map { .string(ISO8601.format($0)) } ?? .null }
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func int(_ i: Int?) -> JSONValue { i.map { .number(String($0)) } ?? .null }
        func real(_ d: Double?) -> JSONValue { d.map { .number(Self.numberText($0)) } ?? .null }
        return [
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
        ]
    }

    /// `4.4` not `4.4000000000000004`; integral values without a fraction.
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension JSONWriter {
    /// Writes `call` as `Call.jsonValue` would encode, without building the value first:
    /// `list --format json|ndjson` writes a million calls this way.
    public mutating func write(_ call: Call) {
        writeMembers(call)
        writeStatic("}")
    }

    /// `call` with how a rate deck rates it (`list --rates`): `billableSeconds`, `ratedCost` (a
    /// decimal string to the micro-unit), `ratedCurrency`, `ratePrefix`, `rateDestination`; nulls
    /// where no prefix priced it.
    public mutating func write(_ call: Call, rating: CallRating?) {
        writeMembers(call)
        writeStatic(#","billableSeconds":"#)
        if let rating { writeInteger(rating.billableSeconds) } else { writeStatic("null") }
        writeStatic(#","ratedCost":"#)
        if let rating { writeString("\(RatedFigures.rounded(rating.ratedCost, places: 6))") } else { writeStatic("null") }
        writeStatic(#","ratedCurrency":"#)
        if let rating { writeString(rating.currency) } else { writeStatic("null") }
        writeStatic(#","ratePrefix":"#)
        if let rating { writeString(rating.prefix) } else { writeStatic("null") }
        writeStatic(#","rateDestination":"#)
        if let rating { writeString(rating.destination) } else { writeStatic("null") }
        writeStatic("}")
    }

    private mutating func writeMembers(_ call: Call) {
        // Each key comes with the punctuation around it (`,"to":`): one copy, not three.
        func time(_ key: StaticString, _ date: Date?) {
            writeStatic(key)
            if let date { writeTime(date) } else { writeStatic("null") }
        }
        func text(_ key: StaticString, _ value: String?) {
            writeStatic(key)
            if let value { writeString(value) } else { writeStatic("null") }
        }
        func int(_ key: StaticString, _ value: Int?) {
            writeStatic(key)
            if let value { writeInteger(value) } else { writeStatic("null") }
        }
        func real(_ key: StaticString, _ value: Double?) {
            writeStatic(key)
            if let value { writeRaw(Call.numberText(value)) } else { writeStatic("null") }
        }
        text(#"{"id":"#, call.id)
        text(#","provider":"#, call.provider.rawValue)
        time(#","startTime":"#, call.startTime)
        time(#","answerTime":"#, call.answerTime)
        time(#","endTime":"#, call.endTime)
        text(#","direction":"#, call.direction?.description)
        text(#","status":"#, call.status?.description)
        text(#","from":"#, call.from)
        text(#","to":"#, call.to)
        text(#","callerName":"#, call.callerName)
        int(#","durationSeconds":"#, call.durationSeconds)
        int(#","totalSeconds":"#, call.totalSeconds)
        text(#","hangupCause":"#, call.hangupCause)
        int(#","sipResponseCode":"#, call.sipResponseCode)
        writeStatic(#","cost":"#)
        if let cost = call.cost { writeRaw(cost) } else { writeStatic("null") }
        text(#","currency":"#, call.currency)
        real(#","mos":"#, call.mos)
        real(#","jitter":"#, call.jitter)
        real(#","packetLoss":"#, call.packetLoss)
        text(#","account":"#, call.account)
        text(#","previousLegId":"#, call.previousLegId)
        text(#","nextLegId":"#, call.nextLegId)
        writeStatic(#","fields":"#)
        if let raw = call.record.copyableBytes {
            raw.withUnsafeBufferPointer { appendRaw($0) }
        } else {
            write(.object(call.fields))
        }
    }
}
