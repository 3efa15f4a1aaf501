import Foundation

/// A source that answers its first page before it has read everything: a large saved file shows
/// the calls it begins with while the rest is indexed. Until it settles, such a page comes back
/// without a total; the view-model waits for `settled()` once, at start, and then asks for the total.
public protocol SettlingCallSource: CallProvider {
    /// Whether everything is read already: then no answer came, or will come, before it was.
    var isSettled: Bool { get }
    /// Returns once everything is read, saying what that changed.
    func settled() async -> SourceSettlement
}

/// What a source learned when it finished reading.
public struct SourceSettlement: Sendable, Hashable {
    /// Whether the pages it answered before still stand. False when the calls turned out to be
    /// in another order than the first ones suggested: everything shown must be read again.
    public var earlierAnswersStand: Bool
    /// Something to tell the user (calls outside the range the first and last ones suggested).
    public var notice: String?
    /// Where reading stopped early (a file damaged part way), saying where.
    public var problem: String?

    public init(earlierAnswersStand: Bool, notice: String? = nil, problem: String? = nil) {
        self.earlierAnswersStand = earlierAnswersStand
        self.notice = notice
        self.problem = problem
    }
}
