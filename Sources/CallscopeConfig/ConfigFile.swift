import CallscopeDomain
import Foundation
import TOMLKit

/// `config.toml`: the default profile and every `[profiles.NAME]` (docs/ARCHITECTURE.md,
/// "Profiles and secrets"). Read with TOMLKit; this type only checks what the tables hold.
public struct ConfigFile: Sendable {
    public let path: String
    public var defaultProfile: String?
    /// By name.
    public var profiles: [Profile]
    /// Unknown keys and tables: ignored, but said.
    public var warnings: [ConfigWarning]
    /// Whether only the file's owner may read it (mode 600 or stricter): inline secrets need it.
    public var ownerOnly: Bool
    /// `store_max_megabytes`: how large the local store may grow before its oldest calls go.
    public var storeMaxMegabytes: Int?
    /// `[watch]`: how normal is taken and judged.
    public var watch = WatchConfig()

    public func profile(named name: String) -> Profile? { profiles.first { $0.name == name } }

    /// Larger than any hand-written config: refused rather than read.
    static let maximumBytes = 1 << 20

    /// `$XDG_CONFIG_HOME/callscope/config.toml`, else `~/.config/callscope/config.toml`;
    /// nil with neither variable set.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/callscope/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/callscope/config.toml" }
        return nil
    }

    /// Reads the file at `path`. A missing file is nil when `required` is false (no config
    /// file at all is a supported way to run); any other problem is an error naming it.
    public static func load(path: String, required: Bool) throws(ConfigError) -> ConfigFile? {
        // The mode is read from the descriptor the text is read from: no swap in between.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT && !required { return nil }
            throw ConfigError(path: path, line: nil, key: nil, problem: "cannot read it (\(String(cString: strerror(errno)))): check the path given with --config")
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ConfigError(path: path, line: nil, key: nil, problem: "cannot read it (\(String(cString: strerror(errno))))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ConfigError(path: path, line: nil, key: nil, problem: "not a regular file")
        }
        guard info.st_size <= maximumBytes else {
            throw ConfigError(path: path, line: nil, key: nil, problem: "larger than 1 MB: not a callscope config file")
        }
        guard let data = try? file.readToEnd() ?? Data() else {
            throw ConfigError(path: path, line: nil, key: nil, problem: "cannot read it: check its permissions")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(path: path, line: nil, key: nil, problem: "not UTF-8 text")
        }
        return try parse(text, path: path, ownerOnly: (info.st_mode & 0o077) == 0)
    }

    /// Checks the parsed tables: every key's kind, one secret source per secret, scopes that
    /// fit the provider. Unknown keys become warnings.
    public static func parse(_ text: String, path: String, ownerOnly: Bool) throws(ConfigError) -> ConfigFile {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // Not toml++'s own words: they quote the offending value, which may be an inline secret.
            throw ConfigError(path: path, line: error.source.begin.line, key: nil,
                              problem: "not valid TOML at column \(error.source.begin.column): check the quotes, brackets and = on this line")
        } catch {
            throw ConfigError(path: path, line: nil, key: nil, problem: "not valid TOML")
        }
        var reader = TableReader(path: path, locator: ConfigLineLocator(text))
        var config = ConfigFile(path: path, defaultProfile: nil, profiles: [], warnings: [], ownerOnly: ownerOnly)
        for key in root.keys.sorted() {
            switch key {
            case "default_profile":
                config.defaultProfile = try reader.string(root, key, table: nil)
            case "store_max_megabytes":
                guard let megabytes = root[key]?.int, megabytes >= 1, megabytes <= 1 << 30 else {
                    throw reader.error(key, table: nil, "must be a whole number of megabytes, 1 or more (the local store's size cap; default 2048)")
                }
                config.storeMaxMegabytes = megabytes
            case "watch":
                guard let table = root[key]?.table else {
                    throw reader.error(key, table: nil, "must be a table: [watch] with window, days, same_weekday, min_calls, bell, follow or high_risk")
                }
                config.watch = try reader.watch(table)
            case "profiles":
                guard let profiles = root[key]?.table else {
                    throw reader.error(key, table: nil, "must be a table of profiles: [profiles.NAME]")
                }
                for name in profiles.keys.sorted() {
                    guard let table = profiles[name]?.table else {
                        throw reader.error(name, table: ["profiles"], "must be a table: [profiles.\(name)]")
                    }
                    config.profiles.append(try reader.profile(name, table))
                }
            default:
                reader.warn(key, table: nil, "unknown key '\(SafeText.sanitize(key))' (ignored)")
            }
        }
        if let name = config.defaultProfile, config.profile(named: name) == nil {
            throw reader.error("default_profile", table: nil, "names profile '\(SafeText.sanitize(name))', which the file does not define\(Self.listing(config.profiles))")
        }
        config.warnings = reader.warnings
        return config
    }

    static func listing(_ profiles: [Profile]) -> String {
        profiles.isEmpty ? "" : " (profiles: \(profiles.map { SafeText.sanitize($0.name) }.joined(separator: ", ")))"
    }
}

/// Reads values out of TOMLKit tables, with errors that name the file, line and key.
private struct TableReader {
    let path: String
    let locator: ConfigLineLocator
    var warnings: [ConfigWarning] = []

    static let profileKeys: Set<String> = [
        "provider", "base_url", "tenant", "billing_code", "account", "auth_id", "email",
        "token_command", "token_env", "token", "password_command", "password_env", "password", "zone", "since", "customers", "max_requests_in_flight",
        "store", "settle_minutes", "request_budget", "rates", "customer_rates",
    ]

    func error(_ key: String, table: [String]?, _ problem: String) -> ConfigError {
        ConfigError(path: path, line: locator.line(ofKey: key, inTable: table) ?? table.flatMap(locator.line(ofTable:)),
                    key: table.map { ($0 + [key]).joined(separator: ".") } ?? key, problem: problem)
    }

    mutating func warn(_ key: String, table: [String]?, _ message: String) {
        warnings.append(ConfigWarning(path: path, line: locator.line(ofKey: key, inTable: table) ?? locator.line(ofTable: (table ?? []) + [key]), message: message))
    }

    /// A table of customer ids and non-empty texts (`customers`, `customer_rates`); nil when the
    /// key is absent. `kind` and `each` say what the table and each value must be.
    func textsByCustomer(_ table: TOMLTable, _ key: String, place: [String], kind: String, each: String) throws(ConfigError) -> [String: String]? {
        guard let value = table[key] else { return nil }
        guard let texts = value.table else { throw error(key, table: place, "must be \(kind)") }
        var result: [String: String] = [:]
        for id in texts.keys.sorted() {
            guard let text = try string(texts, id, table: place + [key]), !text.isEmpty else {
                throw error(id, table: place + [key], "must be \(each)")
            }
            result[id] = text
        }
        return result
    }

    func string(_ table: TOMLTable, _ key: String, table place: [String]?) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, table: place, "must be a string in quotes, not a \(value.type)") }
        guard !text.unicodeScalars.contains(where: SafeText.needsEscape) else {
            throw error(key, table: place, "holds a control or invisible character")
        }
        return text
    }

    func argv(_ table: TOMLTable, _ key: String, table place: [String]) throws(ConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        let shape = "must be a list of strings, the program and its arguments: \(key) = [\"pass\", \"show\", \"vobiz/acme\"]"
        guard let array = value.array else { throw error(key, table: place, shape) }
        var words: [String] = []
        for element in array {
            guard let word = element.string else { throw error(key, table: place, shape) }
            words.append(word)
        }
        guard let program = words.first, !program.isEmpty else { throw error(key, table: place, "is empty: " + shape) }
        return words
    }

    mutating func watch(_ table: TOMLTable) throws(ConfigError) -> WatchConfig {
        let place = ["watch"]
        var watch = WatchConfig()
        for key in table.keys.sorted() {
            let value = table[key]
            switch key {
            case "window":
                guard let text = value?.string, let seconds = WatchConfig.seconds(text), (60...86_400).contains(seconds) else {
                    throw error(key, table: place, "must be a length from 1m to 24h in quotes: window = \"60m\"")
                }
                watch.windowSeconds = seconds
            case "days":
                guard let days = value?.int, (1...60).contains(days) else {
                    throw error(key, table: place, "must be a whole number from 1 to 60 (earlier windows that make the normal)")
                }
                watch.days = days
            case "same_weekday":
                guard let flag = value?.bool else { throw error(key, table: place, "must be true or false") }
                watch.sameWeekday = flag
            case "min_calls":
                guard let count = value?.int, (1...1_000_000).contains(count) else {
                    throw error(key, table: place, "must be a whole number of calls, 1 or more (a group needs this many before it can alert)")
                }
                watch.minCalls = count
            case "bell":
                guard let flag = value?.bool else { throw error(key, table: place, "must be true or false") }
                watch.bell = flag
            case "follow":
                guard let flag = value?.bool else { throw error(key, table: place, "must be true or false (whether follow mode looks at now against normal)") }
                watch.follow = flag
            case "high_risk":
                let shape = "must be a list of prefixes with optional labels: high_risk = [\"+881\", \"+1876 Jamaica\"]"
                guard let array = value?.array else { throw error(key, table: place, shape) }
                var list: [HighRiskDestination] = []
                for element in array {
                    guard let text = element.string, let destination = HighRiskDestination(configText: text) else { throw error(key, table: place, shape) }
                    list.append(destination)
                }
                watch.highRisk = list
            default:
                warn(key, table: place, "unknown key '\(SafeText.sanitize(key))' in [watch] (ignored)")
            }
        }
        return watch
    }

    mutating func profile(_ name: String, _ table: TOMLTable) throws(ConfigError) -> Profile {
        let place = ["profiles", name]
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { SafeText.needsEscape($0) || $0 == " " }) else {
            throw error(name, table: ["profiles"], "a profile name needs at least one character and no spaces or controls")
        }
        for key in table.keys.sorted() where !Self.profileKeys.contains(key) {
            warn(key, table: place, "unknown key '\(SafeText.sanitize(key))' in profile '\(SafeText.sanitize(name))' (ignored)")
        }
        guard let providerText = try string(table, "provider", table: place) else {
            throw ConfigError(path: path, line: locator.line(ofTable: place), key: "profiles.\(name).provider", problem: "missing: say provider = \"voxo\" or \"vobiz\"")
        }
        guard let provider = ProviderID(rawValue: providerText.lowercased()) else {
            throw error("provider", table: place, "'\(SafeText.sanitize(providerText))' is not a provider: use \"voxo\" or \"vobiz\"")
        }
        var profile = Profile(name: name, provider: provider)
        profile.line = locator.line(ofTable: place)
        profile.baseURL = try string(table, "base_url", table: place)
        profile.authID = try string(table, "auth_id", table: place)
        profile.email = try string(table, "email", table: place)
        profile.zone = try string(table, "zone", table: place)
        profile.since = try string(table, "since", table: place)
        profile.rates = try string(table, "rates", table: place).map { ($0 as NSString).expandingTildeInPath }
        if let zone = profile.zone, ZoneClock(identifier: zone) == nil {
            throw error("zone", table: place, "unknown time zone '\(SafeText.sanitize(zone))': use an IANA name such as Asia/Kolkata or UTC")
        }

        // The scope: at most one, and one the provider has.
        var scopes: [(key: String, scope: CallScope)] = []
        if let tenantValue = table["tenant"] {
            // A tenant id is a number in VOXO's API; a quoted one is accepted too.
            guard let tenant = tenantValue.int.map(String.init) ?? tenantValue.string, !tenant.isEmpty else {
                throw error("tenant", table: place, "must be a tenant id: tenant = 37")
            }
            scopes.append(("tenant", .tenant(tenant)))
        }
        if let code = try string(table, "billing_code", table: place) { scopes.append(("billing_code", .billingCode(code))) }
        if let account = try string(table, "account", table: place) { scopes.append(("account", .account(account))) }
        if scopes.count > 1 {
            throw error(scopes[1].key, table: place, "give one of tenant, billing_code or account, not \(scopes.map(\.key).joined(separator: " and "))")
        }
        if let (key, scope) = scopes.first {
            guard scope.isAvailable(on: provider) else {
                let fits = provider == .voxo ? "tenant or billing_code" : "account"
                throw error(key, table: place, "is not a \(provider.displayName) scope: a \(provider.displayName) profile takes \(fits)")
            }
            profile.scope = scope
        }

        if let value = table["max_requests_in_flight"] {
            guard let count = value.int, (1...16).contains(count) else {
                throw error("max_requests_in_flight", table: place, "must be a whole number from 1 to 16 (requests on their way at once)")
            }
            profile.maxRequestsInFlight = count
        }
        if let value = table["request_budget"] {
            guard let budget = value.int, (8...100_000).contains(budget) else {
                throw error("request_budget", table: place, "must be a whole number from 8 to 100000 (requests the statistics strip may send without asking)")
            }
            profile.requestBudget = budget
        }
        if let value = table["store"] {
            guard let keeps = value.bool else {
                throw error("store", table: place, "must be true or false (whether closed history is kept in the local store)")
            }
            profile.store = keeps
        }
        if let value = table["settle_minutes"] {
            guard let minutes = value.int, (0...10_080).contains(minutes) else {
                throw error("settle_minutes", table: place, "must be a whole number of minutes from 0 to 10080 (how long after it ends a range is kept as closed)")
            }
            profile.settleMinutes = minutes
        }
        if let decks = try textsByCustomer(table, "customer_rates", place: place,
                                           kind: "a table of customer ids and rate decks: [profiles.\(name).customer_rates] with MA_48149cf4 = \"~/rates/acme.csv\"",
                                           each: "the path of a rate deck in quotes") {
            profile.customerRates = decks.mapValues { ($0 as NSString).expandingTildeInPath }
        }
        if let customers = try textsByCustomer(table, "customers", place: place,
                                               kind: "a table of ids and names: [profiles.\(name).customers] with MA_48149cf4 = \"Acme Corp\"",
                                               each: "the customer's name in quotes") {
            profile.customers = customers
        }
        profile.token = try secret(table, "token", place: place)
        profile.password = try secret(table, "password", place: place)
        switch provider {
        case .vobiz:
            if profile.password != nil || profile.email != nil {
                throw error(profile.email != nil ? "email" : "password", table: place, "Vobiz signs in with auth_id and a token: use token_command, token_env or token")
            }
        case .voxo:
            if profile.authID != nil { throw error("auth_id", table: place, "is a Vobiz key: a VOXO profile uses a token, or email with a password") }
            if profile.token != nil, profile.password != nil || profile.email != nil {
                throw error(profile.email != nil ? "email" : "password", table: place, "give a token or an email with a password, not both")
            }
            if (profile.email == nil) != (profile.password == nil) {
                throw error(profile.email == nil ? "password" : "email", table: place, "a VOXO login needs both email and a password source (password_command, password_env or password)")
            }
        }
        return profile
    }

    /// `KEY_command`, `KEY_env` or `KEY`: at most one.
    func secret(_ table: TOMLTable, _ key: String, place: [String]) throws(ConfigError) -> SecretSource? {
        var sources: [(key: String, source: SecretSource)] = []
        if let argv = try argv(table, key + "_command", table: place) { sources.append((key + "_command", .command(argv))) }
        if let variable = try string(table, key + "_env", table: place) {
            guard !variable.isEmpty, !variable.contains("=") else { throw error(key + "_env", table: place, "must name an environment variable") }
            sources.append((key + "_env", .environment(variable)))
        }
        if let value = table[key] {
            // The value is never quoted back, whatever its kind.
            guard let inline = value.string else { throw error(key, table: place, "must be a string") }
            sources.append((key, .inline(inline)))
        }
        if sources.count > 1 {
            throw error(sources[1].key, table: place, "give one of \(key)_command, \(key)_env or \(key), not \(sources.map(\.key).joined(separator: " and "))")
        }
        return sources.first?.source
    }
}
