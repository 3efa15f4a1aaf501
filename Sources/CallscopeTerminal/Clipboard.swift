import CallscopeDomain
import Foundation

/// Copy over ssh (docs/ARCHITECTURE.md, "Copying"): inside tmux into tmux's paste buffer
/// (`TmuxBuffer`), which tmux passes on to the terminal's clipboard; elsewhere OSC 52
/// (`ESC ] 52 ; c ; BASE64 BEL`), which a terminal may or may not honour. What is said
/// afterwards is what callscope knows happened, never a bare "copied". The payload is checked
/// and capped first.
public enum Clipboard {
    public static let maximumBytes = 74_000

    /// Copies `text` where the user can paste it; `send` writes bytes to the terminal. Returns
    /// what happened, for the status line (`what`: how to name the text, "9e5b7b4c…").
    public static func deliver(_ text: String, what: String, environment: [String: String], send: ([UInt8]) -> Void) -> String {
        let insideTmux = !(environment["TMUX"] ?? "").isEmpty
        guard let sequence = osc52(text, insideTmux: insideTmux) else {
            return "cannot copy \(what): it holds control characters or is over \(maximumBytes / 1000) KB"
        }
        guard insideTmux else {
            send(sequence)
            return "sent \(what) to the terminal's clipboard (OSC 52)"
        }
        switch TmuxBuffer.load(text, environment: environment) {
        case .success(true):
            // tmux sends it on to the terminal itself (its set-clipboard option decides).
            return "copied \(what) to tmux's buffer and sent it to the terminal clipboard"
        case .success(false):
            send(sequence)
            return "copied \(what) to tmux's buffer (prefix ] pastes it); sent OSC 52 for the terminal too"
        case .failure(let failure):
            // Wrapped for tmux's passthrough, which tmux's default options turn off.
            send(sequence)
            return "could not copy \(what) to tmux's buffer (\(failure)); sent OSC 52, which tmux may not pass on"
        }
    }

    /// The bytes that ask the terminal to put `text` on the clipboard; nil if `text` is not
    /// fit to copy (controls, or too long).
    public static func osc52(_ text: String, insideTmux: Bool) -> [UInt8]? {
        // Line breaks and tabs are what a copied table is made of; no other control is let through.
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && SafeText.needsEscape($0) }) else { return nil }
        let encoded = Data(text.utf8).base64EncodedString()
        guard encoded.utf8.count <= maximumBytes else { return nil }
        let sequence = "\u{1B}]52;c;\(encoded)\u{07}"
        guard insideTmux else { return Array(sequence.utf8) }
        // tmux passes a DCS through when every ESC inside is doubled.
        let doubled = sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}")
        return Array("\u{1B}Ptmux;\(doubled)\u{1B}\\".utf8)
    }
}
