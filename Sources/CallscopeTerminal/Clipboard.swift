import CallscopeDomain
import Foundation

/// Copy over ssh: OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`), wrapped in a DCS passthrough inside
/// tmux (docs/ARCHITECTURE.md, "Terminal safety"). The payload is checked and capped first.
public enum Clipboard {
    public static let maximumBytes = 74_000

    /// The bytes that ask the terminal to put `text` on the clipboard; nil if `text` is not
    /// fit to copy (controls, or too long).
    public static func osc52(_ text: String, insideTmux: Bool) -> [UInt8]? {
        guard !text.isEmpty, !text.unicodeScalars.contains(where: SafeText.needsEscape) else { return nil }
        let encoded = Data(text.utf8).base64EncodedString()
        guard encoded.utf8.count <= maximumBytes else { return nil }
        let sequence = "\u{1B}]52;c;\(encoded)\u{07}"
        guard insideTmux else { return Array(sequence.utf8) }
        // tmux passes a DCS through when every ESC inside is doubled.
        let doubled = sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}")
        return Array("\u{1B}Ptmux;\(doubled)\u{1B}\\".utf8)
    }
}
