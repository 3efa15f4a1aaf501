import ArgumentParser
import CallscopeDomain

/// `callscope open FILE`: a saved answer or export in the terminal UI, offline.
public struct OpenCommand: ParsableCommand, MainThreadCommand {
    public static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Browse a saved file in the terminal: a VOXO or Vobiz answer, or a callscope export (JSON, NDJSON, CSV; gzip too).",
        discussion: "The format is told from the content. A VOXO answer's times carry no zone: --tz names the zone it was requested in (default: the display zone, and the status bar says it was assumed)."
    )

    @Argument(help: "The file to open.")
    public var file: String

    @Option(help: "Display zone, and the zone a VOXO answer was requested in (IANA name; default: TZ, else the system zone).")
    public var tz: String?

    @OptionGroup public var filterOptions: FilterOptions

    @Flag(help: "No colours (also when NO_COLOR is set).")
    public var noColor = false

    public init() {}

    public func runBlocking() -> Int32 {
        var providerOptions: ProviderOptions
        do {
            providerOptions = try ProviderOptions.parse([])
        } catch {
            StandardOutput().writeError("callscope: \(error)\n")
            return CallscopeExit.usage
        }
        providerOptions.file = file
        providerOptions.tz = tz
        return BrowseCommand.runBlocking(providerOptions: providerOptions, filterOptions: filterOptions, noColor: noColor)
    }
}

/// A command whose UI loop must own the main thread (`main.swift` runs it before any `await`).
public protocol MainThreadCommand {
    func runBlocking() -> Int32
}
