import Foundation
import Synchronization

/// The one redactor (docs/ARCHITECTURE.md, "Secrets"): every secret the process loads is
/// registered here, and every text that leaves the process (error messages, the status bar, the
/// log, `profiles check`) passes `redact`, which puts `[secret]` where a secret stood, and where
/// `Bearer <secret>` stood. Providers and gateways echo requests in their errors (a proxy's page
/// quoting the Authorization header, a 401 naming the token), so a message is only safe once
/// it has been through here.
public final class SecretRedactor: Sendable {
    /// The process's redactor: secrets are process-wide, and so is every way out.
    public static let shared = SecretRedactor()

    public static let placeholder = "[secret]"
    /// Shorter values are not registered: redacting every "abc" in every message would hide
    /// the message, and a secret that short is no protection anyway.
    public static let minimumLength = 4

    /// Each secret in the forms it can be echoed in, longest first (so a form that contains
    /// another is replaced whole).
    private let forms = Mutex<[String]>([])

    public init() {}

    /// Registers a secret as it was loaded, with its JSON-escaped and percent-encoded forms (a
    /// gateway echoing a login body writes the password JSON-escaped).
    public func register(_ secret: String) {
        guard secret.count >= Self.minimumLength else { return }
        var new = [secret]
        let json = String(decoding: JSONWriter.encode(.string(secret)).dropFirst().dropLast(), as: UTF8.self)
        new.append(json)
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { new.append(percent) }
        forms.withLock { forms in
            for form in new where !forms.contains(form) { forms.append(form) }
            forms.sort { $0.count > $1.count }
        }
    }

    public var isEmpty: Bool { forms.withLock { $0.isEmpty } }

    /// `bytes` unchanged when no registered secret is in them (the usual case, checked without
    /// making a string), else redacted as text: what the local store keeps of a provider's record.
    public func redactBytes(_ bytes: [UInt8]) -> [UInt8] {
        let forms = self.forms.withLock { $0 }
        guard !forms.isEmpty else { return bytes }
        let found = bytes.withUnsafeBytes { haystack in
            forms.contains { form in
                var form = form
                return form.withUTF8 { needle in
                    guard let base = haystack.baseAddress, let pattern = needle.baseAddress, needle.count <= haystack.count else { return false }
                    // memchr to each candidate first byte, memcmp there (memmem is not in Glibc's module).
                    var offset = 0
                    let last = haystack.count - needle.count
                    while offset <= last, let hit = memchr(base + offset, Int32(pattern.pointee), last - offset + 1) {
                        let at = base.distance(to: UnsafeRawPointer(hit))
                        if memcmp(base + at, pattern, needle.count) == 0 { return true }
                        offset = at + 1
                    }
                    return false
                }
            }
        }
        return found ? Array(redact(String(decoding: bytes, as: UTF8.self)).utf8) : bytes
    }

    /// `text` with every registered secret, and `Bearer` before one, as `[secret]`.
    public func redact(_ text: String) -> String {
        let forms = self.forms.withLock { $0 }
        guard !forms.isEmpty, !text.isEmpty else { return text }
        var result = text
        var changed = false
        for form in forms where result.contains(form) {
            result = result.replacingOccurrences(of: form, with: Self.placeholder)
            changed = true
        }
        guard changed else { return text }
        // "Bearer [secret]" says no more than "[secret]", and a scheme name is not worth keeping.
        return result.replacingOccurrences(of: "bearer\\s+" + NSRegularExpression.escapedPattern(for: Self.placeholder),
                                           with: Self.placeholder, options: [.regularExpression, .caseInsensitive])
    }
}
