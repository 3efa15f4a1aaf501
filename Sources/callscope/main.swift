import ArgumentParser
import CallscopeCLI

// Dispatched by hand: on Linux, ArgumentParser's `main()` resolves to the synchronous path
// and never reaches an async `run()`, so commands expose `runAsync()` instead.
do {
    var command = try CallscopeCommand.parseAsRoot()
    if let runnable = command as? any AsyncRunnable {
        try await runnable.runAsync()
    } else {
        try command.run()
    }
} catch {
    CallscopeCommand.exit(withError: error)
}
