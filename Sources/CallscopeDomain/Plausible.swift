import Foundation

/// The ranges a provider's numbers and times must fall in before callscope computes with
/// them (docs/ARCHITECTURE.md, "Untrusted numbers"). A value outside its range is not an
/// error: the record keeps it verbatim in `fields`, the detail shows it as sent, and it is
/// left out of every derived value (end time, sums, statistics).
public enum Plausible {
    /// Call years: nothing before Unix time, nothing absurdly far ahead.
    public static let years: ClosedRange<Int> = 1970...2199
    /// Durations: 0 … 10 years, in seconds.
    public static let durationSeconds: ClosedRange<Int> = 0...315_576_000
    /// A list's reported total: more than any real history, small enough for any arithmetic.
    public static let maximumTotal = 1_000_000_000
    /// SIP final and provisional response codes.
    public static let sipCodes: ClosedRange<Int> = 100...699
    /// ITU-T P.800 mean opinion score.
    public static let mos: ClosedRange<Double> = 0...5
    /// Packet loss, in percent.
    public static let percent: ClosedRange<Double> = 0...100
    /// Jitter in milliseconds: a minute of jitter is already no call at all.
    public static let jitterMilliseconds: ClosedRange<Double> = 0...60_000
    /// Unix seconds of `years`, up to 2200-01-01 (not included).
    public static let instants: ClosedRange<TimeInterval> = 0...7_258_118_399

    public static func duration(_ value: Int?) -> Int? {
        value.flatMap { durationSeconds.contains($0) ? $0 : nil }
    }

    public static func sipCode(_ value: Int?) -> Int? {
        value.flatMap { sipCodes.contains($0) ? $0 : nil }
    }

    /// A MOS, a jitter or a packet loss inside its range (what the providers' mappers keep).
    public static func mos(_ value: Double?) -> Double? { value.flatMap { mos.contains($0) ? $0 : nil } }
    public static func jitter(_ value: Double?) -> Double? { value.flatMap { jitterMilliseconds.contains($0) ? $0 : nil } }
    public static func packetLoss(_ value: Double?) -> Double? { value.flatMap { percent.contains($0) ? $0 : nil } }

    public static func instant(_ value: Date?) -> Date? {
        value.flatMap { instants.contains($0.timeIntervalSince1970) ? $0 : nil }
    }

    public static func total(_ value: Int?) -> Int? {
        value.map { min(max($0, 0), maximumTotal) }
    }

    /// A money amount's literal text, when it is a finite number written as JSON writes one
    /// (it is kept as text and written out as a JSON number: `5.` or `+5`, which `Double` reads,
    /// would make the output unreadable).
    public static func amount(_ text: String?) -> String? {
        guard let text, isJSONNumber(text), let value = Double(text), value.isFinite else { return nil }
        return text
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, the JSON number grammar.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") { bytes = bytes.dropFirst() } else if digits() == 0 { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}

extension Int64 {
    /// The whole seconds of `value` rounded down, clamped to Int64's range; 0 for NaN.
    /// `Int64(_:)` traps outside that range, and provider times can be anywhere.
    public init(saturatingSeconds value: Double) {
        let floored = value.rounded(.down)
        if floored.isNaN { self = 0 }
        else if floored >= 9.223_372_036_854_775e18 { self = .max }
        else if floored <= -9.223_372_036_854_775e18 { self = .min }
        else { self = Int64(floored) }
    }
}
