import CallscopeDomain
import Foundation

extension BrowserState {
    /// What the status bar says when the local store answered (docs/ARCHITECTURE.md, "The local
    /// store"): "from store, as of 12-05 09:10"; offline, or with the provider out of reach, which
    /// ranges the store holds. nil when the provider answered everything shown.
    public var storeText: String? {
        guard let stored = list.stored else { return nil }
        func short(_ date: Date) -> String {
            let t = zone.local(date)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute))"
        }
        let held = stored.held.map { "\(short($0.lowerBound))–\(short($0.upperBound))" }.joined(separator: ", ")
        switch stored.instead {
        case nil: return "from store, as of \(short(stored.asOf)) (r asks again)"
        case .offline?: return "offline: store holds \(held.isEmpty ? "nothing here" : held)"
        case .unreachable?: return "provider unreachable: store holds \(held.isEmpty ? "nothing here" : held)"
        }
    }

    /// The same in a word or two, for a narrow status bar.
    public var storeWord: String? {
        guard let stored = list.stored else { return nil }
        switch stored.instead {
        case nil: return "from store"
        case .offline?: return "offline"
        case .unreachable?: return "unreachable: store"
        }
    }

    /// Offline, or with the provider out of reach: the whole store text, for the message line
    /// (a narrow status bar has room for a word only).
    public var storeNotice: String? {
        guard list.stored?.instead != nil else { return nil }
        return storeText
    }
}
