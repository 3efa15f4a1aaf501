import CallscopeConfig
import CallscopeDomain
import Testing

@Suite struct ConfigFileTests {
    static let full = """
    default_profile = "acme"

    [profiles.acme]                       # a Vobiz partner, one customer
    provider = "vobiz"
    base_url = "https://api.vobiz.ai"
    account = "MA_48149cf4"
    auth_id = "PA_12345678"
    token_command = ["pass", "show", "vobiz/acme"]
    zone = "Asia/Kolkata"
    since = "24h"

    [profiles.voxo-37]
    provider = "voxo"
    tenant = 37
    token_env = "VOXO_TOKEN_37"

    [profiles.voxo-billing]
    provider = "voxo"
    billing_code = "XXXX"
    email = "ops@example.com"
    password_env = "OPS_PASSWORD"

    [profiles.voxo-login]
    provider = "voxo"
    email = "ops@example.com"
    password_command = ["/usr/bin/secret-tool", "lookup", "voxo", "ops"]

    [profiles.inline]
    provider = "voxo"
    token = "abc"
    """

    @Test func everyKeyIsRead() throws {
        let config = try ConfigFile.parse(Self.full, path: "/c.toml", ownerOnly: true)
        #expect(config.defaultProfile == "acme")
        #expect(config.profiles.map(\.name) == ["acme", "inline", "voxo-37", "voxo-billing", "voxo-login"])
        #expect(config.warnings.isEmpty)
        let acme = try #require(config.profile(named: "acme"))
        #expect(acme.provider == .vobiz)
        #expect(acme.baseURL == "https://api.vobiz.ai")
        #expect(acme.scope == .account("MA_48149cf4"))
        #expect(acme.authID == "PA_12345678")
        #expect(acme.token == .command(["pass", "show", "vobiz/acme"]))
        #expect(acme.zone == "Asia/Kolkata")
        #expect(acme.since == "24h")
        #expect(acme.line == 3)
        let voxo = try #require(config.profile(named: "voxo-37"))
        #expect(voxo.scope == .tenant("37"))
        #expect(voxo.token == .environment("VOXO_TOKEN_37"))
        let billing = try #require(config.profile(named: "voxo-billing"))
        #expect(billing.scope == .billingCode("XXXX"))
        #expect(billing.email == "ops@example.com")
        #expect(billing.password == .environment("OPS_PASSWORD"))
        let login = try #require(config.profile(named: "voxo-login"))
        #expect(login.scope == .all)
        #expect(login.password == .command(["/usr/bin/secret-tool", "lookup", "voxo", "ops"]))
        #expect(config.profile(named: "inline")?.token == .inline("abc"))
    }

    @Test func secretOriginsNeverShowValuesOrCommands() throws {
        let config = try ConfigFile.parse(Self.full, path: "/c.toml", ownerOnly: true)
        let origins = config.profiles.map(\.secretOrigin)
        #expect(origins == ["token_command", "token (inline)", "token_env VOXO_TOKEN_37", "password_env OPS_PASSWORD", "password_command"])
        for profile in config.profiles {
            let text = "\(profile)"
            #expect(!text.contains("vobiz/acme") && !text.contains("secret-tool") && !text.contains("\"abc\""))
        }
    }

    @Test func aProfileSetsItsRequestsInFlight() throws {
        let config = try ConfigFile.parse("[profiles.a]\nprovider = \"voxo\"\nmax_requests_in_flight = 8\n", path: "/c.toml", ownerOnly: true)
        #expect(config.profile(named: "a")?.maxRequestsInFlight == 8 && config.warnings.isEmpty)
        #expect {
            try ConfigFile.parse("[profiles.a]\nprovider = \"voxo\"\nmax_requests_in_flight = 100\n", path: "/c.toml", ownerOnly: true)
        } throws: { error in
            (error as? ConfigError)?.description.contains("from 1 to 16") == true
        }
    }

    @Test func aProfileNamesItsCustomers() throws {
        let text = """
            [profiles.acme]
            provider = "vobiz"
            auth_id = "PA_1"

            [profiles.acme.customers]
            MA_48149cf4 = "Acme Corp"
            MA_7d2e91a0 = "Globex"
            """
        let config = try ConfigFile.parse(text, path: "/c.toml", ownerOnly: true)
        #expect(config.profile(named: "acme")?.customers == ["MA_48149cf4": "Acme Corp", "MA_7d2e91a0": "Globex"])
        #expect(config.warnings.isEmpty, "customers is a key profiles know")
        #expect {
            try ConfigFile.parse("[profiles.a]\nprovider = \"vobiz\"\ncustomers = \"MA_1\"\n", path: "/c.toml", ownerOnly: true)
        } throws: { error in
            (error as? ConfigError)?.description.contains("must be a table of ids and names") == true
        }
        #expect {
            try ConfigFile.parse("[profiles.a]\nprovider = \"vobiz\"\n[profiles.a.customers]\nMA_1 = 7\n", path: "/c.toml", ownerOnly: true)
        } throws: { error in
            (error as? ConfigError)?.description.contains("profiles.a.customers.MA_1") == true
        }
    }

    @Test func syntaxErrorNamesFileAndLine() {
        let text = "default_profile = \"a\"\n[profiles.a]\nprovider = \"vobiz\nzone = 1\n"
        #expect {
            try ConfigFile.parse(text, path: "/home/u/.config/callscope/config.toml", ownerOnly: true)
        } throws: { error in
            let error = error as? ConfigError
            return error?.line == 3 && error?.description.hasPrefix("/home/u/.config/callscope/config.toml:3: not valid TOML") == true
        }
    }

    @Test func aSyntaxErrorNeverQuotesTheLine() {
        // toml++ quotes an unreadable number; an unquoted secret must not come back in the message.
        for text in ["[profiles.a]\nprovider = \"voxo\"\ntoken = 123456789012345678901234\n", "[profiles.a]\ntoken = s3cr3t-unquoted\n"] {
            do {
                _ = try ConfigFile.parse(text, path: "/c.toml", ownerOnly: true)
                Issue.record("parsed")
            } catch {
                #expect(error.line != nil)
                #expect(!error.description.contains("123456789") && !error.description.contains("s3cr3t"), "\(error)")
            }
        }
    }

    @Test func pathsAndKeysAreEscapedInMessages() {
        let error = ConfigError(path: "/tmp/\u{1B}]52;c;x\u{07}/config.toml", line: 2, key: "profiles.\u{1B}[2J", problem: "bad")
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test(arguments: [
        ("[profiles.a]\nprovider = \"vobiz\"\nzone = 5\n", 3, "profiles.a.zone", "must be a string"),
        ("[profiles.a]\nprovider = \"sip\"\n", 2, "profiles.a.provider", "not a provider"),
        ("[profiles.a]\nzone = \"UTC\"\n", 1, "profiles.a.provider", "missing"),
        ("[profiles.a]\nprovider = \"vobiz\"\ntenant = 3\n", 3, "profiles.a.tenant", "not a Vobiz scope"),
        ("[profiles.a]\nprovider = \"voxo\"\ntenant = 3\nbilling_code = \"B\"\n", 4, "profiles.a.billing_code", "give one of tenant"),
        ("[profiles.a]\nprovider = \"voxo\"\ntoken_env = \"X\"\ntoken = \"y\"\n", 4, "profiles.a.token", "give one of token_command"),
        ("[profiles.a]\nprovider = \"voxo\"\ntoken_command = \"pass show x\"\n", 3, "profiles.a.token_command", "list of strings"),
        ("[profiles.a]\nprovider = \"voxo\"\ntoken_command = []\n", 3, "profiles.a.token_command", "is empty"),
        ("[profiles.a]\nprovider = \"voxo\"\nemail = \"e@x\"\n", 3, "profiles.a.email", "needs both"),
        ("[profiles.a]\nprovider = \"vobiz\"\nzone = \"Mars/Base\"\n", 3, "profiles.a.zone", "unknown time zone"),
        ("default_profile = \"b\"\n[profiles.a]\nprovider = \"vobiz\"\n", 1, "default_profile", "profiles: a"),
        ("profiles = 3\n", 1, "profiles", "table of profiles"),
    ] as [(String, Int, String, String)])
    func valueOfTheWrongKindNamesLineAndKey(text: String, line: Int, key: String, words: String) {
        #expect {
            try ConfigFile.parse(text, path: "/c.toml", ownerOnly: true)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.line == line && error.key == key && error.description.contains(words)
        }
    }

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let text = "colour = \"red\"\n[profiles.a]\nprovider = \"vobiz\"\ntokn_command = [\"x\"]\n[other]\nx = 1\n"
        let config = try ConfigFile.parse(text, path: "/c.toml", ownerOnly: true)
        #expect(config.profiles.count == 1)
        #expect(config.warnings.map(\.description) == [
            "/c.toml:1: unknown key 'colour' (ignored)",
            "/c.toml:5: unknown key 'other' (ignored)",
            "/c.toml:4: unknown key 'tokn_command' in profile 'a' (ignored)",
        ].sorted { $0.contains("colour") && !$1.contains("colour") || ($0.contains("other") && $1.contains("tokn")) })
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/callscope/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/callscope/config.toml")
        #expect(ConfigFile.defaultPath(environment: [:]) == nil)
    }

    @Test func missingFileIsNoConfigUnlessRequired() throws {
        #expect(try ConfigFile.load(path: "/nonexistent/callscope.toml", required: false) == nil)
        #expect(throws: ConfigError.self) { try ConfigFile.load(path: "/nonexistent/callscope.toml", required: true) }
    }
}
