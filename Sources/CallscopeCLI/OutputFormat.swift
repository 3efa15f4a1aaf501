import ArgumentParser

/// How `list` prints calls.
public enum ListFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, ndjson, csv
}

/// How `show` prints a call.
public enum ShowFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json
}
