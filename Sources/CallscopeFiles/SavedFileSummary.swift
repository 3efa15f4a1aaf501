import CallscopeDomain
import Foundation

/// What is said of an opened file before and after its calls are read: its name, format and
/// provider, the span of its calls, and where reading stopped. While a large file is still being
/// indexed (`FileCallSource.open(path:zone:headFirst:)`), the span is its first and last calls'
/// and no problem is known yet.
public struct SavedFileSummary: Sendable, Hashable {
    public let name: String
    public let format: SavedFileFormat
    public let compressed: Bool
    public let provider: ProviderID
    /// The earliest and latest start of its calls (nil when none has one).
    public let span: ClosedRange<Date>?
    /// What could not be read, saying where; everything before it is readable.
    public let problem: String?
}
