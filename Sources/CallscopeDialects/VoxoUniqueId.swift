import Foundation

/// VOXO's Asterisk `uniqueId`: `systemname-epoch.counter` (`atl-ast2-1665457640.1430167`).
/// The system name may itself hold `-`, or be absent (`1665457640.1430167`).
public struct VoxoUniqueId: Sendable, Hashable {
    public let systemName: String?
    /// Unix seconds when Asterisk created the channel: the call's start.
    public let epoch: Int64
    public let counter: Int64

    public init?(_ text: String) {
        if let fast = Self.plain(text) {
            self = fast
            return
        }
        let name: Substring?
        let numeric: Substring
        if let dash = text.lastIndex(of: "-") {
            name = text[..<dash]
            numeric = text[text.index(after: dash)...]
        } else {
            name = nil
            numeric = Substring(text)
        }
        let parts = numeric.split(separator: ".", omittingEmptySubsequences: false)
        // 9–11 digits covers 1973…5138: anything else is not an epoch.
        guard parts.count == 2, (9...11).contains(parts[0].count),
              let epoch = Int64(parts[0]), epoch > 0, let counter = Int64(parts[1]), counter >= 0
        else { return nil }
        self.systemName = name.map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        self.epoch = epoch
        self.counter = counter
    }

    private init(systemName: String?, epoch: Int64, counter: Int64) {
        self.systemName = systemName
        self.epoch = epoch
        self.counter = counter
    }

    /// The common spelling read straight from the bytes: `[name-]digits.digits` with plain
    /// digits (no sign). nil sends anything else to the general reading above.
    private static func plain(_ text: String) -> VoxoUniqueId? {
        var text = text
        return text.withUTF8 { bytes -> VoxoUniqueId? in
            var dash = -1
            var dot = -1
            for index in bytes.indices {
                switch bytes[index] {
                case UInt8(ascii: "-"): dash = index; dot = -1
                case UInt8(ascii: "."): if dot >= 0 { return nil } else { dot = index }
                default: break
                }
            }
            let epochDigits = dot - dash - 1
            let counterDigits = bytes.count - dot - 1
            // 9–11 digits covers 1973…5138; a counter of up to 18 digits cannot overflow.
            guard dot > dash, (9...11).contains(epochDigits), (1...18).contains(counterDigits) else { return nil }
            var epoch: Int64 = 0
            for byte in bytes[(dash + 1)..<dot] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                epoch = epoch * 10 + Int64(byte - 0x30)
            }
            var counter: Int64 = 0
            for byte in bytes[(dot + 1)...] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                counter = counter * 10 + Int64(byte - 0x30)
            }
            guard epoch > 0 else { return nil }
            let name = dash > 0 ? String(decoding: UnsafeBufferPointer(rebasing: bytes[..<dash]), as: UTF8.self) : nil
            return VoxoUniqueId(systemName: name, epoch: epoch, counter: counter)
        }
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(epoch)) }
}
