import ArgumentParser
import CallscopeCLI
import Foundation

// Dispatched by hand: on Linux, ArgumentParser's `main()` resolves to the synchronous path
// and never reaches an async `run()`, so commands expose `runAsync()` instead.
do {
    var command = try CallscopeCommand.parseAsRoot()
    // The browser's UI loop must own the main thread: run it before this file's first await,
    // while top-level code is still on the main thread.
    if let browser = command as? any MainThreadCommand {
        exit(browser.runBlocking())
    }
    if let runnable = command as? any AsyncRunnable {
        try await runnable.runAsync()
    } else {
        try command.run()
    }
} catch {
    CallscopeCommand.exit(withError: error)
}
