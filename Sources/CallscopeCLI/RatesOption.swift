import CallscopeDomain
import Foundation

/// `--rates FILE`, else the profile's `rates`: the deck calls are rated by (README, "Billing").
enum RatesOption {
    static func deck(_ path: String?, session: ProviderSession) throws(CLIFailure) -> RateDeck? {
        guard let path = path ?? session.plan.profile?.rates else { return nil }
        do {
            return try RateDeckReader.read(path: path)
        } catch {
            throw CLIFailure("rate deck \(error.description)", exitCode: CallscopeExit.badData)
        }
    }
}
