import CallscopeMockServer
import Foundation

/// A config.toml with a Vobiz profile that names the mock's four customers, so each is read
/// from its own endpoint and every call knows its customer (`--named-customers`).
public enum NamedCustomersProfile {
    /// Writes `$folder/config/callscope/config.toml` with profile `name` reading `baseURL`;
    /// returns the environment that reads it (token in `VOBIZ_TOKEN`, store under `$folder/cache`).
    public static func write(in folder: String, name: String = "mock", baseURL: String, names: [String]? = nil) throws -> [String: String] {
        let accounts = SyntheticHistory.vobizAccounts
        let labels = names ?? accounts
        let customers = zip(accounts, labels).map { "\($0) = \"\($1)\"" }.joined(separator: "\n")
        try FileManager.default.createDirectory(atPath: folder + "/config/callscope", withIntermediateDirectories: true)
        try """
            [profiles.\(name)]
            provider = "vobiz"
            base_url = "\(baseURL)"
            auth_id = "\(MockCredentials.vobizAuthID)"
            token_env = "VOBIZ_TOKEN"
            [profiles.\(name).customers]
            \(customers)
            """.write(toFile: folder + "/config/callscope/config.toml", atomically: true, encoding: .utf8)
        return ["VOBIZ_TOKEN": MockCredentials.vobizAuthToken, "TZ": "UTC", "XDG_CONFIG_HOME": folder + "/config",
                "XDG_CACHE_HOME": folder + "/cache"]
    }
}
