/// Short forms shared by every view of a call (the CLI table, the TUI list and detail).
public enum CallFormatting {
    /// `in`, `out`, or the provider's own word.
    public static func shortDirection(_ direction: CallDirection) -> String {
        switch direction {
        case .inbound: return "in"
        case .outbound: return "out"
        case .other(let value): return value
        }
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    public static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }
}
