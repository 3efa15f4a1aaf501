import CallscopeDomain

/// A provider base URL that is safe to send credentials to: HTTPS, or plain HTTP only to a
/// loopback address (the mock server).
public struct BaseURL: Sendable, Hashable, CustomStringConvertible {
    public let string: String

    public init(_ raw: String, provider: ProviderID) throws(ProviderError) {
        var text = raw.trimmingCharacters(in: " \t")
        while text.hasSuffix("/") { text.removeLast() }
        // First, before anything else: user info may hold a password, and a password may hold
        // `/`, `?` or `#`, so any `@` at all is refused (no API base URL has one). No message
        // below quotes the raw text; they name the host at most.
        if text.contains("@") {
            throw ProviderError(
                kind: .configuration, provider: provider,
                summary: "the \(provider.displayName) base URL carries a user name or password (not repeated here)",
                advice: "remove it from --base-url; credentials come from the environment")
        }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
            guard Self.isLoopback(host: Self.host(of: rest)) else {
                throw ProviderError(
                    kind: .configuration, provider: provider,
                    summary: "refusing to send \(provider.displayName) credentials to \(SafeText.sanitize(Self.host(of: rest))) over plain HTTP",
                    advice: "use an https:// base URL (plain http is allowed only for 127.0.0.1, ::1 or localhost)")
            }
        } else {
            throw ProviderError(
                kind: .configuration, provider: provider,
                summary: "the \(provider.displayName) base URL must start with https:// (or http:// for a loopback mock server)",
                advice: "give a full URL such as https://api.example.com")
        }
        guard !Self.host(of: rest).isEmpty else {
            throw ProviderError(kind: .configuration, provider: provider, summary: "the \(provider.displayName) base URL has no host", advice: "give a full URL such as https://api.example.com")
        }
        string = text
    }

    public var description: String { string }

    static func host(of rest: Substring) -> String {
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last.map(String.init) ?? ""
        if hostPort.hasPrefix("[") {
            return String(hostPort.dropFirst().prefix { $0 != "]" })
        }
        return String(hostPort.prefix { $0 != ":" })
    }

    static func isLoopback(host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
