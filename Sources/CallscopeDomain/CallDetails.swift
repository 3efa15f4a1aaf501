/// A call's provider-specific detail lines (`Call.extraDetails`): listed, or read from the
/// provider's record when something asks (docs/ARCHITECTURE.md, "Calls in memory"). Only the
/// detail pane and `show` read them, for one call at a time, while a mapper makes a call for
/// every record of an answer: built eagerly they were an array and its strings for each of a
/// busy day's 100,000 calls, a fifth of the time `list` took and a tenth of its memory.
public enum CallDetails: Sendable, Hashable {
    case listed([CallDetailItem])
    case readFromRecord(CallDetailReader)
}

/// How a provider's mapper reads the detail lines from one of its records. Readers are equal
/// when they have the same name: one per mapper, and what they read depends on the record only.
public struct CallDetailReader: Sendable, Hashable {
    public let name: String
    private let read: @Sendable (ProviderRecord) -> [CallDetailItem]

    public init(name: String, read: @escaping @Sendable (ProviderRecord) -> [CallDetailItem]) {
        self.name = name
        self.read = read
    }

    public func callAsFunction(_ record: ProviderRecord) -> [CallDetailItem] { read(record) }

    public static func == (a: Self, b: Self) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
