import Foundation

/// Fast ISO 8601 reading and writing for the provider hot path (Foundation's formatters
/// cost microseconds per call; this costs nanoseconds).
public enum ISO8601 {
    /// Reads `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM|±HHMM]` (a space may stand for `T`; no
    /// zone means UTC). nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 19 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var v = 0
            for i in start..<(start + count) {
                let c = b[i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
              let day = digits(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              let hour = digits(11, 2), b[13] == 0x3A, let minute = digits(14, 2), b[16] == 0x3A,
              let second = digits(17, 2)
        else { return nil }
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard local.isValid else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < b.count {
            switch b[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard i + 2 <= b.count, let oh = digits(i, 2) else { return nil }
                i += 2
                var om = 0
                if i < b.count, b[i] == 0x3A { i += 1 }
                if i + 2 <= b.count, let m = digits(i, 2) { om = m; i += 2 }
                offset = sign * (oh * 3600 + om * 60)
            default:
                return nil
            }
        }
        guard i == b.count else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(local.civilSeconds - Int64(offset)) + fraction)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with milliseconds only when the instant has them.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `format(date)` straight into `bytes` (JSON output writes a million of them).
    public static func append(_ date: Date, to bytes: inout [UInt8]) {
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        // Saturating: a date from an untrusted duration may lie far outside Int64 seconds.
        let local = LocalDateTime(civilSeconds: Int64(saturatingSeconds: whole))
        let fraction = (t - whole) * 1000
        let millis = fraction.isFinite ? Int(min(max(fraction.rounded(), 0), 999)) : 0
        if (0...9999).contains(local.year) {
            // Into a fixed buffer, then one copy (`YYYY-MM-DDTHH:MM:SS` is 19 bytes).
            var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &text) { buffer in
                func put(_ value: Int, at start: Int, width: Int) {
                    var rest = value
                    for place in stride(from: start + width - 1, through: start, by: -1) {
                        buffer[place] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
                        rest /= 10
                    }
                }
                put(local.year, at: 0, width: 4); buffer[4] = 0x2D; put(local.month, at: 5, width: 2); buffer[7] = 0x2D
                put(local.day, at: 8, width: 2); buffer[10] = UInt8(ascii: "T")
                put(local.hour, at: 11, width: 2); buffer[13] = 0x3A; put(local.minute, at: 14, width: 2); buffer[16] = 0x3A
                put(local.second, at: 17, width: 2)
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<19]).assumingMemoryBound(to: UInt8.self))
            }
        } else {
            bytes.append(contentsOf: "\(local.dateString)T\(pad(local.hour, 2)):\(pad(local.minute, 2)):\(pad(local.second, 2))".utf8)
        }
        if millis > 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: pad(millis, 3).utf8)
        }
        bytes.append(UInt8(ascii: "Z"))
    }
}

extension JSONWriter {
    /// An instant as a quoted ISO 8601 string, written without making a String.
    public mutating func writeTime(_ date: Date) {
        writeUnchecked { bytes in
            bytes.append(UInt8(ascii: "\""))
            ISO8601.append(date, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
