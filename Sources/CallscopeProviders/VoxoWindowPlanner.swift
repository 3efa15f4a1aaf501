import CallscopeDomain
import Foundation

/// One VOXO request's time span: `start` and `end` as the wall times sent, and the
/// instants they stand for.
public struct VoxoWindow: Sendable, Hashable {
    public let since: Date
    public let until: Date
    public let start: LocalDateTime
    public let end: LocalDateTime
}

/// Splits a range into windows VOXO accepts: at most 31 days with a tenantId or
/// billingCode, at most 24 hours without. Newest first. Each window respects the limit
/// both as elapsed time and as wall-clock difference in the request zone, so a window
/// across a DST change is never over the limit however the server measures it.
public struct VoxoWindowPlanner: Sendable {
    public let zone: ZoneClock
    public let limitSeconds: Int64

    public static let accountLimitSeconds: Int64 = 31 * 86_400
    public static let partnerLimitSeconds: Int64 = 86_400

    public init(zone: ZoneClock, scope: VoxoScope) {
        self.init(zone: zone, limitSeconds: scope.isPartnerWide ? Self.partnerLimitSeconds : Self.accountLimitSeconds)
    }

    public init(zone: ZoneClock, limitSeconds: Int64) {
        self.zone = zone
        self.limitSeconds = limitSeconds
    }

    /// The window ending at `until`, reaching back at most the limit and not before `since`.
    /// Windows share their boundary second; the client removes calls seen twice.
    public func window(endingAt until: Date, notBefore since: Date) -> VoxoWindow? {
        let floor = Int64(since.timeIntervalSince1970.rounded(.down))
        guard Int64(until.timeIntervalSince1970.rounded(.up)) > floor else { return nil }
        var end = Int64(until.timeIntervalSince1970.rounded(.up))
        // A wall time inside the hour repeated in autumn names two instants, and a server
        // may read either: keep both edges out of it, so no call falls between windows and
        // no window reads longer than the limit.
        while isAmbiguous(end) { end += 60 }
        var start = max(floor, end - limitSeconds)
        let endWall = zone.offset(at: end) + end
        // Spring forward makes the wall span longer than the elapsed one: shorten to fit.
        while endWall - (start + zone.offset(at: start)) > limitSeconds { start += 60 }
        while start > floor, start < end, isAmbiguous(start) { start += 60 }
        return VoxoWindow(
            since: Date(timeIntervalSince1970: TimeInterval(start)),
            until: Date(timeIntervalSince1970: TimeInterval(end)),
            start: LocalDateTime(civilSeconds: start + zone.offset(at: start)),
            end: LocalDateTime(civilSeconds: endWall))
    }

    func isAmbiguous(_ instant: Int64) -> Bool {
        zone.instants(forCivilSeconds: instant + zone.offset(at: instant)).count > 1
    }

    /// Every window covering `since ..< until`, newest first.
    public func windows(since: Date, until: Date) -> [VoxoWindow] {
        var result: [VoxoWindow] = []
        var cursor = until
        while let window = window(endingAt: cursor, notBefore: since) {
            result.append(window)
            cursor = window.since
        }
        return result
    }
}
