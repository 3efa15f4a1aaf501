/// Checks a secret where it is loaded (an environment variable, a command's output, a
/// config value): one trailing line break — a CRLF `.env` file, `echo` — is trimmed; any
/// other control character is refused, because it would either break the HTTP header or be
/// sent as part of the secret. The value itself is never part of a message.
public enum SecretText {
    public enum Problem: Error, Sendable, Equatable {
        case empty
        /// A control character other than one trailing line break.
        case controlCharacter
    }

    public static func clean(_ raw: String) -> Result<String, Problem> {
        var scalars = Substring(raw).unicodeScalars
        if scalars.last == "\n" { scalars.removeLast() }
        if scalars.last == "\r" { scalars.removeLast() }
        let value = String(String.UnicodeScalarView(scalars))
        if value.isEmpty { return .failure(.empty) }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return .failure(.controlCharacter)
        }
        return .success(value)
    }
}
