/// Makes untrusted text safe to put on a terminal (docs/ARCHITECTURE.md, "Terminal safety").
///
/// Every C0 control, DEL, C1 control (CSI, OSC, DCS, APC, PM and the rest) becomes a visible
/// escape such as `\e` or `\x07`, so a lone ESC can never start a sequence. Characters that
/// draw nothing but change what a reader sees — bidi marks, overrides and isolates, zero-width
/// space, the byte-order mark, tag characters, line and paragraph separators — become
/// `\u{…}` escapes too, in every locale. A zero-width joiner or non-joiner is kept where it
/// joins (between two emoji or two non-ASCII letters, as in 👩‍💻 or Persian text) and
/// escaped where it stands alone. Everything else, CJK and emoji included, passes unchanged.
public enum SafeText {
    public static func sanitize(_ text: String) -> String {
        // Fast paths: printable ASCII (a byte scan), or nothing to escape: the common cases.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        if !text.unicodeScalars.contains(where: { needsEscape($0) || isJoiner($0) }) { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            if needsEscape(scalar) || (isJoiner(scalar) && !joins(previous, next)) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
            previous = scalar
            current = next
        }
        return String(out)
    }

    /// Whether `scalar` is shown as an escape wherever it appears. The two joiners are not
    /// listed: whether they are escaped depends on their neighbours (`sanitize`).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: return true
        // Bidi: Arabic letter mark, LRM/RLM, embeddings and overrides, isolates.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        // Invisible: zero-width space, word joiner and invisible operators, BOM.
        case 0x200B, 0x2060...0x2064, 0xFEFF: return true
        // Line and paragraph separators (a line break to some renderers), tag characters.
        case 0x2028, 0x2029, 0xE0000...0xE007F: return true
        default: return false
        }
    }

    /// ZWNJ and ZWJ: invisible, legitimate only between the characters they join.
    public static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// A joiner joins when both neighbours are visible, non-ASCII and letters, marks or
    /// emoji (an emoji presentation selector or skin tone counts as its emoji).
    static func joins(_ before: Unicode.Scalar?, _ after: Unicode.Scalar?) -> Bool {
        guard let before, let after else { return false }
        func joinable(_ scalar: Unicode.Scalar) -> Bool {
            guard !scalar.isASCII, !needsEscape(scalar), !isJoiner(scalar) else { return false }
            let properties = scalar.properties
            if properties.isEmoji || properties.isEmojiModifier || (0xFE00...0xFE0F).contains(scalar.value) { return true }
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark:
                return true
            default:
                return false
            }
        }
        return joinable(before) && joinable(after)
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

    /// A call id as typed or pasted, ready to look up: surrounding whitespace trimmed, and
    /// every control, zero-width, joiner, BOM, bidi and tag character removed (copying an id
    /// out of a web page or chat often brings some along, invisibly).
    public static func cleanIdentifier(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !needsEscape(scalar) && !isJoiner(scalar) {
            kept.append(scalar)
        }
        let scalars = Array(kept)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
