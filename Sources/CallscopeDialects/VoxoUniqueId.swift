import Foundation

/// VOXO's Asterisk `uniqueId`: `systemname-epoch.counter` (`atl-ast2-1665457640.1430167`).
/// The system name may itself hold `-`, or be absent (`1665457640.1430167`).
public struct VoxoUniqueId: Sendable, Hashable {
    public let systemName: String?
    /// Unix seconds when Asterisk created the channel: the call's start.
    public let epoch: Int64
    public let counter: Int64

    public init?(_ text: String) {
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

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(epoch)) }
}
