/// Makes untrusted text safe to put on a terminal (NOTES.md, "Terminals over ssh").
///
/// Every C0 control, DEL, C1 control (CSI, OSC, DCS, APC, PM and the rest), and the bidi
/// overrides that can reorder what a reader sees, become visible escapes such as `\e`,
/// `\x07` or `\u{202E}`; a lone ESC can therefore never start a sequence. Everything
/// else, CJK and emoji included, passes unchanged.
public enum SafeText {
    public static func sanitize(_ text: String) -> String {
        // Fast path: nothing to escape, the overwhelmingly common case.
        if !text.unicodeScalars.contains(where: needsEscape) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00..<0x20, 0x7F...0xFF:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        default:
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
