/// How long the next time window is (VOXO, which pages by time): short first, four times
/// longer after a sparse answer, half as long after a crowded one, never over the provider's
/// limit nor under a minute. One rule for every reader of windows (docs/ARCHITECTURE.md,
/// "Walking a provider"); what differs is how many calls a window should hold: a screenful for
/// the list, a few thousand for a reader that goes to the end (memory stays flat: a busy day
/// is 100,000 calls, and a window's calls are held until it is sorted and handed on).
public struct WindowSizing: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public let first: Int64
        /// Fewer calls than this in a window: the next one is four times longer.
        public let sparse: Int
        /// More than this: the next one is half as long.
        public let crowded: Int
    }

    /// The list: a quick first screen.
    public static let screen = Rule(first: 15 * 60, sparse: 60, crowded: 1_500)
    /// Readers that go to the end (`list --limit 0`, export, statistics).
    public static let bulk = Rule(first: 3_600, sparse: 2_500, crowded: 10_000)
    public static let minimum: Int64 = 60

    public private(set) var seconds: Int64
    /// Whether windows are still growing: none answered yet, or the last was sparse. A reader
    /// keeps one window on its way then, so each answer sizes the next (a quiet range takes a
    /// few long windows, not many short ones asked at once); once windows hold enough calls,
    /// it keeps as many on their way as it may.
    public private(set) var isGrowing = true
    public let maximum: Int64
    public let rule: Rule

    public init(maximum: Int64, rule: Rule) {
        self.maximum = max(Self.minimum, maximum)
        self.rule = rule
        seconds = min(rule.first, self.maximum)
    }

    /// The first `round` windows of a `span`-second range go out at once, before any answer
    /// sizes them: spread over the range's first day, each between the rule's first window and
    /// twice it. A busy day's first round then asks for 16 of its hours in eight windows, and
    /// while those are handed on one by one the rest is asked (the round trips hide behind the
    /// work when each window holds about 8,000 calls at 200 ms per request); a month's first
    /// round asks for hours, not days of unknown density; and a window, held whole until it is
    /// sorted, stays short: measured on a busy day, windows of one, two and three hours peak at
    /// 66, 85 and 100 MB, and take 0.84, 0.68 and 0.65 s at 200 ms per request.
    public init(maximum: Int64, rule: Rule, firstRound round: Int, span: Int64) {
        self.init(maximum: maximum, rule: rule)
        guard round > 1 else { return }
        let reach = min(max(0, span), Self.firstRoundReach)
        let spread = reach / Int64(round) + (reach % Int64(round) == 0 ? 0 : 1)
        seconds = min(self.maximum, max(rule.first, min(spread, 2 * rule.first)))
        isGrowing = false
    }

    /// How far a first round sent whole reaches.
    public static let firstRoundReach: Int64 = 86_400

    /// Adjusts to a window of `length` seconds that held `received` calls.
    public mutating func record(received: Int, length: Int64) {
        let length = max(Self.minimum, length)
        isGrowing = received < rule.sparse && length < maximum
        if received < rule.sparse {
            seconds = length.multipliedReportingOverflow(by: 4).overflow ? maximum : min(maximum, length * 4)
        } else if received > rule.crowded {
            seconds = max(Self.minimum, length / 2)
        }
    }
}
