import CallscopeTesting
import Foundation

extension TemporaryDirectory {
    /// callscope's log, when it ran with XDG_STATE_HOME here.
    var log: String { (try? String(contentsOf: url.appendingPathComponent("callscope/callscope.log"), encoding: .utf8)) ?? "" }
}
