import Foundation

/// One step of reading a provider's history, newest first.
public struct CallBatch: Sendable {
    /// Calls that passed the filter, newest first, none repeated from an earlier batch.
    public var calls: [Call]
    /// The provider's own count of matching calls, where it gives one (Vobiz `meta.total`).
    public var reportedTotal: Int?
    /// How far back in time the reading has got: the start of the window just read.
    public var scannedBackTo: Date?

    public init(calls: [Call], reportedTotal: Int? = nil, scannedBackTo: Date? = nil) {
        self.calls = calls
        self.reportedTotal = reportedTotal
        self.scannedBackTo = scannedBackTo
    }
}

/// A source of calls: what the command line and the view-model ask, whatever the API.
public protocol CallProvider: Sendable {
    var providerID: ProviderID { get }
    /// The parts of `filter` the provider applies on its server; the rest run on the client
    /// only. (Every part is also re-checked on the client, so results agree either way.)
    func serverSideFields(for filter: CallFilter) -> Set<CallFilter.Field>
    /// Every call matching `filter`, newest first, fetched a page or window at a time as
    /// the sequence is iterated. Stopping iteration or cancelling the task stops fetching.
    func calls(matching filter: CallFilter) -> AsyncThrowingStream<CallBatch, any Error>
    /// One call's full detail. `filter` bounds where a provider without a single-call
    /// endpoint looks.
    func call(id: String, within filter: CallFilter) async throws -> Call
}
