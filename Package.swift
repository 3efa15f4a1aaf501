// swift-tools-version:6.0
import PackageDescription

// One target per layer (docs/ARCHITECTURE.md). Lower layers never import higher ones:
// CallscopeJSON ← CallscopeDomain ← CallscopeDialects ← CallscopeProviders ← CallscopeCLI ← callscope
// CallscopeMockServer depends on the domain only (it renders provider JSON itself).
// Everything a provider's bytes pass through before the screen — domain, dialects, output,
// view-model, terminal — builds without SwiftNIO, so the fuzzer (Fuzz/) stays quick to build.
let package = Package(
    name: "callscope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "callscope", targets: ["callscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        // Property tests of the untrusted path (generators and shrinking for Swift Testing); small.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // config.toml: a real TOML reader with line numbers in its errors (swift-configuration reads no TOML).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // token_command / password_command: spawn without a shell, with a timeout and a process-group kill.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // The local store of closed history and `callscope sql`: SQLite with migrations, WAL
        // and a pool of readers beside one writer (several callscope processes share the file).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The JSON engine: the reader (whole values, members picked from their bytes, arrays split
        // as they stream), the writer, raw records copied as they came, ISO 8601 times. No I/O.
        .target(name: "CallscopeJSON"),
        // The call model, filters and the provider protocol, over the JSON engine. No I/O.
        .target(name: "CallscopeDomain", dependencies: ["CallscopeJSON"]),
        // Each provider's answers read without HTTP: decoding, record mapping with range checks,
        // error bodies and the one status classifier.
        .target(name: "CallscopeDialects", dependencies: ["CallscopeDomain"]),
        // Calls as text: the table, CSV and detail text of `list` and `show`.
        .target(name: "CallscopeOutput", dependencies: ["CallscopeDomain"]),
        // The VOXO and Vobiz HTTP clients and the shared HTTP behaviour (retries, timeouts).
        .target(
            name: "CallscopeProviders",
            dependencies: [
                "CallscopeDomain",
                "CallscopeDialects",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // config.toml and its profiles, and the secrets they name (commands, variables, inline).
        .target(
            name: "CallscopeConfig",
            dependencies: [
                "CallscopeDomain",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The browser's state, actions and lazy paged list; knows no terminal and no HTTP.
        .target(name: "CallscopeViewModel", dependencies: ["CallscopeDomain"]),
        // ncursesw as a system library: a module map and a shim header (docs/ARCHITECTURE.md, "ncurses from SwiftPM").
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The crash path's signal handlers, in C (async-signal-safe).
        .target(name: "CCrashGuard"),
        // zlib as a system library, for gzip-compressed saved files (Debian zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Saved files as a call source beside the provider clients: provider answers and
        // callscope's own exports, detected from their content, memory-mapped and read lazily.
        .target(name: "CallscopeFiles", dependencies: ["CallscopeDomain", "CallscopeDialects", "CallscopeOutput", "CZlib"]),
        // The local store of closed history beneath the providers (a CallProvider wrapper), and
        // the SQL engine of `callscope sql`.
        .target(
            name: "CallscopeStore",
            dependencies: ["CallscopeDomain", "CallscopeDialects", "CallscopeFiles", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // The terminal UI: screen abstraction, views, keys, the event loop. The only target
        // that calls ncurses.
        .target(
            name: "CallscopeTerminal",
            dependencies: [
                "CNcursesw", "CCrashGuard", "CallscopeDomain", "CallscopeViewModel",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The mock API server speaking both providers' contracts (demo mode and tests).
        .target(
            name: "CallscopeMockServer",
            dependencies: [
                "CallscopeDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: argument parsing, output formats, exit codes.
        .target(
            name: "CallscopeCLI",
            dependencies: [
                "CallscopeDomain",
                "CallscopeOutput",
                "CallscopeProviders",
                "CallscopeFiles",
                "CallscopeConfig",
                "CallscopeStore",
                "CallscopeMockServer",
                "CallscopeViewModel",
                "CallscopeTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The whole untrusted path in one call (bytes → mappers → formats → models → screen),
        // driven by the fuzzer (scripts/fuzz) and the property tests. No SwiftNIO.
        .target(
            name: "CallscopeUntrustedPipeline",
            dependencies: ["CallscopeDomain", "CallscopeDialects", "CallscopeOutput", "CallscopeFiles", "CallscopeViewModel", "CallscopeTerminal"]
        ),
        // Test support shipped beside the library: a mock server fixture and an instant sleeper.
        .target(name: "CallscopeTesting", dependencies: ["CallscopeDomain", "CallscopeProviders", "CallscopeMockServer", "CallscopeViewModel"]),
        .executableTarget(name: "callscope", dependencies: ["CallscopeCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "DecodeBenchmark",
            dependencies: ["CallscopeDomain", "CallscopeProviders", "CallscopeMockServer"],
            path: "Benchmarks/DecodeBenchmark"
        ),

        // What the benchmarks share: reading resident memory.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "BrowseBenchmark",
            dependencies: ["BenchmarkSupport", "CallscopeDomain", "CallscopeProviders", "CallscopeMockServer", "CallscopeViewModel"],
            path: "Benchmarks/BrowseBenchmark"
        ),

        .executableTarget(
            name: "FollowBenchmark",
            dependencies: ["BenchmarkSupport", "CallscopeDomain", "CallscopeProviders", "CallscopeMockServer", "CallscopeViewModel", "CallscopeTesting"],
            path: "Benchmarks/FollowBenchmark"
        ),

        .executableTarget(
            name: "StatsBenchmark",
            dependencies: ["BenchmarkSupport", "CallscopeDomain", "CallscopeViewModel"],
            path: "Benchmarks/StatsBenchmark"
        ),

        .testTarget(name: "CallscopeDomainTests", dependencies: ["CallscopeDomain", "CallscopeJSON", "CallscopeTesting"], exclude: ["Fixtures"]),
        // Data/: test inputs read by path (the naughty strings, made by scripts/naughty-strings).
        .testTarget(name: "CallscopeFilesTests", dependencies: ["CallscopeFiles", "CallscopeOutput", "CallscopeMockServer", "CallscopeTesting"], exclude: ["Data"]),
        .testTarget(name: "CallscopeConfigTests", dependencies: ["CallscopeConfig", "CallscopeTesting"]),
        .testTarget(name: "CallscopeStoreTests", dependencies: ["CallscopeStore", "CallscopeProviders", "CallscopeMockServer", "CallscopeTesting", "CallscopeViewModel"]),
        .testTarget(
            name: "CallscopeUntrustedPipelineTests",
            dependencies: ["CallscopeUntrustedPipeline", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CallscopeTerminalTests",
            dependencies: ["CallscopeTerminal", "CallscopeViewModel", "CallscopeTesting"],
            resources: [.copy("Snapshots")]
        ),
        .testTarget(name: "CallscopeViewModelTests", dependencies: ["CallscopeViewModel", "CallscopeTesting", "CallscopeProviders", "CallscopeMockServer"]),
        .testTarget(
            name: "CallscopeProvidersTests",
            dependencies: ["CallscopeProviders", "CallscopeMockServer", "CallscopeTesting"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CallscopeMockServerTests",
            dependencies: [
                "CallscopeMockServer", "CallscopeTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Drives the built `callscope` binary in tmux (needs tmux; `swift build` first).
        .testTarget(name: "CallscopeEndToEndTests", dependencies: ["CallscopeMockServer", "CallscopeTesting"]),
        .testTarget(name: "CallscopeCLITests", dependencies: ["CallscopeCLI", "CallscopeOutput", "CallscopeViewModel", "CallscopeTesting", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ],
    swiftLanguageModes: [.v6]
)
