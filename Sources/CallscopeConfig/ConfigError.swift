import CallscopeDomain

/// A config file that cannot be used: names the file, the line and the key where known.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let key: String?
    /// What is wrong and what to do, without any secret value.
    public let problem: String

    public init(path: String, line: Int?, key: String?, problem: String) {
        self.path = path
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        var place = SafeText.sanitize(path)
        if let line { place += ":\(line)" }
        if let key { place += ", key '\(SafeText.sanitize(key))'" }
        return "\(place): \(problem)"
    }
}

/// Something in the config file callscope ignores but a user would want to know about.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public var description: String { "\(SafeText.sanitize(path))\(line.map { ":\($0)" } ?? ""): \(message)" }
}
