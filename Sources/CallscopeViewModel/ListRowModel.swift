import CallscopeDomain
import Foundation

/// One list row, ready to draw: every text sanitized, times in the display zone. The views
/// lay these out; they decide nothing.
public enum ListRowModel: Sendable, Hashable {
    case call(CallRowModel)
    case loading
    case failed(String)
    /// The windowed list's last row: `text` says how far back it has read.
    case older(String)
}

public struct CallRowModel: Sendable, Hashable {
    public var id: String
    public var time: String
    public var direction: String
    public var from: String
    public var to: String
    public var name: String
    /// Whose call, on a view of every customer: the profile's name for it, else its id.
    public var customer: String
    public var status: String
    /// `answered` etc., for colouring; nil when the provider gave none.
    public var statusKind: CallStatus?
    public var talk: String
    public var cause: String
    public var selected: Bool
    public var matchesFind: Bool
}

extension BrowserState {
    /// The rows on screen, top to bottom.
    public func visibleRows() -> [ListRowModel] {
        let matcher = search.query.isEmpty ? nil : CallMatcher(text: search.query)
        return visibleRange.map { index in
            switch list.row(index) {
            case .call(let call)?:
                return .call(CallRowModel(
                    id: DisplayText.cell(call.id),
                    time: call.startTime.map { zone.local($0).description } ?? "—",
                    direction: call.direction.map(CallFormatting.shortDirection).map(DisplayText.cell) ?? "",
                    from: DisplayText.cell(call.from ?? ""),
                    to: DisplayText.cell(call.to ?? ""),
                    name: DisplayText.cell(call.callerName ?? ""),
                    customer: scope == .all || scope == .namedCustomers ? DisplayText.cell(call.account.map { customerNames[$0] ?? $0 } ?? "") : "",
                    status: DisplayText.cell(call.status?.description ?? ""),
                    statusKind: call.status,
                    talk: call.durationSeconds.map(CallFormatting.clock) ?? "",
                    cause: DisplayText.cell(call.hangupCause ?? ""),
                    selected: index == selection,
                    matchesFind: matcher?.matches(call) ?? false))
            case .failed(let message)?:
                return .failed(message)
            case .older(let back, let loading)?:
                let when = "\(zone.local(back)) \(zone.identifier)"
                return .older(loading ? "reading older calls… (back to \(when))" : "older calls: read back to \(when)")
            case .loading?, nil:
                return .loading
            }
        }
    }
}
