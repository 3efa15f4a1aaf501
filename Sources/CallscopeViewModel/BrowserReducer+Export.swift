import CallscopeDomain
import Foundation

/// `e`: every call of the applied filter written to a file, in the background, with its
/// progress in the status bar; the keyboard stays free, and Esc stops it leaving no file.
extension BrowserReducer {
    static func reduceExport(_ s: inout BrowserState, _ intent: BrowserIntent) -> [BrowserEffect] {
        switch intent {
        case .startExport(let path):
            let path = path.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else {
                s.status.lastError = "export: give a file name (.csv, .json, .ndjson, .md or .txt; .gz compresses)"
                return []
            }
            if case .running(let running, _, _) = s.export {
                s.status.lastError = "already exporting to \(SafeText.sanitize(running)): Esc stops it"
                return []
            }
            return begin(&s, path, replacing: false)
        case .confirmExportReplace:
            guard case .confirmingReplace(let path) = s.export else { return [] }
            return begin(&s, path, replacing: true)
        case .cancelExport:
            guard let export = s.export else { return [] }
            s.export = nil
            s.exportSerial += 1
            switch export {
            case .confirmingReplace(let path):
                s.status.notice = "not exported: \(SafeText.sanitize(path)) kept as it was"
                return []
            case .running(let path, _, _):
                s.status.notice = "export stopped: nothing was written to \(SafeText.sanitize(path))"
                return [.cancelExport]
            }
        default:
            return []
        }
    }

    /// The export task's answers: progress, the question whether to replace, the end.
    static func reduceExportAnswer(_ s: inout BrowserState, _ action: BrowserAction) -> [BrowserEffect] {
        switch action {
        case .exportProgress(let serial, let written, let total):
            guard serial == s.exportSerial, case .running(let path, _, let known) = s.export else { return [] }
            s.export = .running(path: path, written: written, total: total ?? known)
            return []
        case .exportNeedsConfirmation(let serial, let path):
            guard serial == s.exportSerial else { return [] }
            s.export = .confirmingReplace(path: path)
            s.status.notice = "\(SafeText.sanitize(path)) exists: y replaces it, any other key keeps it"
            return []
        case .exportFinished(let serial, let path, let written):
            guard serial == s.exportSerial else { return [] }
            s.export = nil
            s.status.lastError = nil
            s.status.notice = "exported \(written.formatted(.number)) call\(written == 1 ? "" : "s") to \(SafeText.sanitize(path))"
            return []
        case .exportFailed(let serial, let path, let message):
            guard serial == s.exportSerial else { return [] }
            s.export = nil
            s.status.notice = nil
            s.status.lastError = "export to \(SafeText.sanitize(path)) failed, nothing was written: \(message)"
            return []
        default:
            return []
        }
    }

    private static func begin(_ s: inout BrowserState, _ path: String, replacing: Bool) -> [BrowserEffect] {
        s.exportSerial += 1
        s.export = .running(path: path, written: 0, total: nil)
        s.status.notice = nil
        s.status.lastError = nil
        return [.export(serial: s.exportSerial, path: path, s.applied, replacing: replacing)]
    }
}
