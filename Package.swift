// swift-tools-version:6.0
import PackageDescription

// One target per layer (SPEC.md §2). Lower layers never import higher ones:
// CallscopeDomain ← CallscopeProviders ← CallscopeCLI ← callscope
// CallscopeMockServer depends on the domain only (it renders provider JSON itself).
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
    ],
    targets: [
        // The call model, JSON reading/writing, filters and the provider protocol. No I/O.
        .target(name: "CallscopeDomain"),
        // The VOXO and Vobiz HTTP clients and the shared HTTP behaviour (retries, timeouts).
        .target(
            name: "CallscopeProviders",
            dependencies: [
                "CallscopeDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The browser's state, actions and lazy paged list; knows no terminal and no HTTP.
        .target(name: "CallscopeViewModel", dependencies: ["CallscopeDomain"]),
        // ncursesw as a system library: a module map and a shim header (NOTES.md).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The crash path's signal handlers, in C (async-signal-safe).
        .target(name: "CCrashGuard"),
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
                "CallscopeProviders",
                "CallscopeMockServer",
                "CallscopeViewModel",
                "CallscopeTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test support shipped beside the library: a mock server fixture and an instant sleeper.
        .target(name: "CallscopeTesting", dependencies: ["CallscopeDomain", "CallscopeProviders", "CallscopeMockServer", "CallscopeViewModel"]),
        .executableTarget(name: "callscope", dependencies: ["CallscopeCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "DecodeBenchmark",
            dependencies: ["CallscopeDomain", "CallscopeProviders", "CallscopeMockServer"],
            path: "Benchmarks/DecodeBenchmark"
        ),

        .executableTarget(
            name: "BrowseBenchmark",
            dependencies: ["CallscopeDomain", "CallscopeProviders", "CallscopeMockServer", "CallscopeViewModel"],
            path: "Benchmarks/BrowseBenchmark"
        ),

        .testTarget(name: "CallscopeDomainTests", dependencies: ["CallscopeDomain"]),
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
        .testTarget(name: "CallscopeEndToEndTests", dependencies: ["CallscopeMockServer"]),
        .testTarget(name: "CallscopeCLITests", dependencies: ["CallscopeCLI", "CallscopeTesting", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ],
    swiftLanguageModes: [.v6]
)
