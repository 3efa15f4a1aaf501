import Foundation

/// A directory for one test's state (XDG_STATE_HOME, scripts), removed when the test ends.
final class TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-e2e-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// callscope's log, when it ran with XDG_STATE_HOME here.
    var log: String { (try? String(contentsOf: url.appendingPathComponent("callscope/callscope.log"), encoding: .utf8)) ?? "" }
}
