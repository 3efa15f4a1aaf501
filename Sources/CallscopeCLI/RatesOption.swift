import CallscopeDomain
import Foundation

/// `--rates FILE`, else the profile's `rates`: the deck calls are rated by (README, "Billing").
enum RatesOption {
    /// The deck, with the profile's customers' own decks (`customer_rates`) inside it; nil where
    /// none is named.
    static func deck(_ path: String?, session: ProviderSession) throws(CLIFailure) -> RateDeck? {
        let customers = session.plan.profile?.customerRates ?? [:]
        var deck: RateDeck
        if let path = path ?? session.plan.profile?.rates {
            deck = try read(path)
        } else if !customers.isEmpty {
            deck = RateDeck(name: "the customers' decks", entries: [])
        } else {
            return nil
        }
        for (customer, path) in customers { deck.byCustomer[customer] = try read(path) }
        return deck
    }

    static func read(_ path: String) throws(CLIFailure) -> RateDeck {
        do {
            return try RateDeckReader.read(path: path)
        } catch {
            // A file that cannot be read is not found (66); one that reads wrong is bad data (65).
            throw CLIFailure("rate deck \(error.description)", exitCode: error.unreadable ? CallscopeExit.notFound : CallscopeExit.badData)
        }
    }
}
