import ArgumentParser
import CallscopeOutput

/// How `list` prints calls: the formats the one call encoder writes.
extension CallStreamEncoder.Format: ExpressibleByArgument {}

/// How `show` prints a call.
public enum ShowFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json
}
