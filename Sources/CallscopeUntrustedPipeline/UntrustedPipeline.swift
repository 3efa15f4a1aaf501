import CallscopeDialects
import CallscopeDomain
import CallscopeFiles
import CallscopeOutput
import CallscopeTerminal
import CallscopeViewModel
import Foundation

/// The whole path a provider's bytes take to the screen, run in one call: the JSON parser,
/// both providers' decoders and mappers (list, page, single record), every output format,
/// the detail and list row models, and the views drawn on the in-memory screen. The
/// fuzzer (Fuzz/) and the property tests both drive it (docs/ARCHITECTURE.md, "Fuzzing and
/// property tests"). It returns what it found wrong rather than trapping, so each caller
/// decides how to fail.
public enum UntrustedPipeline {
    public struct Report: Sendable {
        /// How many calls were mapped from the bytes, over all readings.
        public var calls = 0
        /// Invariants that did not hold ("raw ESC in the table output").
        public var problems: [String] = []
        /// Whether the bytes, read as a saved file, would be shown from their first records
        /// before being indexed (and that reading was held against the index's).
        public var shownHeadFirst = false
    }

    static let zone = ZoneClock(TimeZone(secondsFromGMT: 0) ?? .current)
    static let newYork = ZoneClock(identifier: "America/New_York") ?? zone

    /// Reads `bytes` every way a provider answer can be read and renders what comes out.
    /// - Parameter renderEvery: draw the screens for one input in this many (chosen by the
    ///   bytes, so a finding reproduces): drawing costs ten times the rest, and the fuzzer
    ///   needs its millions of executions. 1 draws every time.
    public static func run(_ bytes: [UInt8], renderEvery: Int = 1) -> Report {
        var report = Report()
        var calls: [Call] = []
        let voxoMapper = VoxoRecordMapper(zone: newYork, account: "37")
        let whole = Result { () throws(JSONParseError) -> [Call] in try VoxoAnswers.calls(bytes, mapper: voxoMapper) }
        if let voxo = try? whole.get() { calls += voxo }
        // The same bytes in pieces, as the network hands them on, must read the same.
        let pieced = VoxoStreamDecoder(mapper: voxoMapper)
        let piece = 1 + Int(bytes.first ?? 0) % 61
        bytes.withUnsafeBytes { body in
            var start = 0
            while start < body.count {
                let end = min(body.count, start + piece)
                guard pieced.consume(UnsafeRawBufferPointer(rebasing: body[start..<end])) else { break }
                start = end
            }
        }
        switch (whole, pieced.finish()) {
        // Whole, most records are read in place; in small pieces, most are put together first.
        case (.success(let a), .success(let b)) where a == b: break
        case (.failure, .failure): break
        default: report.problems.append("reading in pieces of \(piece) bytes differs from reading at once")
        }
        // The byte-level mapper reads what the mapper over the parsed tree reads, record by record.
        if let records = (try? JSONParser.parse(bytes))?.arrayValue {
            for record in records.prefix(64) where !agree(JSONWriter.encode(record), voxoMapper) {
                report.problems.append("the byte-level VOXO mapper differs from the tree mapper on \(JSONWriter.string(record).prefix(80))")
            }
        } else if !agree(bytes, voxoMapper) {
            report.problems.append("the byte-level VOXO mapper differs from the tree mapper on the whole input")
        }
        if let page = try? VobizAnswers.page(bytes, mapper: VobizRecordMapper(account: nil)) {
            calls += page.calls
            if let total = page.page.total, total > Plausible.maximumTotal || total < 0 { report.problems.append("total not capped: \(total)") }
        }
        if let detail = try? VobizAnswers.detail(bytes, mapper: VobizRecordMapper(account: "MA_1")) { calls.append(detail) }
        calls += savedFile(bytes, into: &report)
        _ = VoxoAnswers.describeErrorBody(bytes)
        _ = VobizAnswers.describeErrorBody(bytes)
        report.calls = calls.count
        for call in calls.prefix(16) { check(call, into: &report) }
        // The country lookup reads provider numbers as they come.
        _ = PhoneRegions.region(of: String(decoding: bytes.prefix(64), as: UTF8.self))
        if !calls.isEmpty { normal(Array(calls.prefix(200)), into: &report) }
        let selector = bytes.reduce(0) { ($0 &+ Int($1)) % 1_000_003 }
        if !calls.isEmpty, selector % max(1, renderEvery) == 0 { render(Array(calls.prefix(200)), into: &report) }
        return report
    }

    /// The bytes as a saved file: detected, indexed at once and in two halves (which must
    /// agree), every record decoded; its first calls as `open` shows them before indexing (which
    /// must be the index's when the file was newest first throughout); and the calls read,
    /// exported as JSON, NDJSON and CSV, read back into what was exported.
    static func savedFile(_ bytes: [UInt8], into report: inout Report) -> [Call] {
        guard let file = try? SavedFile.read(bytes, name: "input", zone: newYork, parallelAbove: .max) else { return [] }
        let calls = (0..<min(file.count, 64)).compactMap(file.call(at:))
        if calls.count != min(file.count, 64) { report.problems.append("an indexed record of the \(file.format) did not decode") }
        if let halves = try? SavedFile.read(bytes, name: "input", zone: newYork, parallelAbove: 0) {
            let again = (0..<min(halves.count, 64)).compactMap(halves.call(at:))
            if halves.count != file.count || halves.problem != file.problem || again != calls {
                report.problems.append("the \(file.format) indexed in two halves differs from one reading")
            }
        } else {
            report.problems.append("the \(file.format) read at once but not in two halves")
        }
        if let head = FileCallSource.head(of: bytes, name: "input", zone: newYork, records: 2) {
            report.shownHeadFirst = true
            if file.keepsStoredOrder, head.calls != Array(calls.prefix(2)) {
                report.problems.append("the \(file.format)'s first calls shown before indexing differ from the index's")
            }
            // Found from the end, the last record is the index's last, for a file read to its end.
            if file.keepsStoredOrder, file.problem == nil, head.span?.lowerBound != file.span?.lowerBound {
                report.problems.append("the \(file.format)'s last call found from its end is not the index's last")
            }
        }
        guard !calls.isEmpty else { return calls }
        let json = exported(calls, as: .json)
        for format in [CallStreamEncoder.Format.json, .ndjson, .csv] {
            guard let back = try? SavedFile.read(exported(calls, as: format), name: "export", zone: zone) else {
                report.problems.append("a \(format) export does not read back")
                continue
            }
            // The calls were newest first, so they come back in the same order: JSON and NDJSON
            // keep everything and are written again the same; CSV keeps the columns.
            let again = (0..<back.count).compactMap(back.call(at:))
            if format == .csv ? again.count != calls.count : exported(again, as: .json) != json {
                report.problems.append("a \(format) export reads back into other calls")
            }
        }
        return calls
    }

    /// "Now vs normal" over untrusted calls: the figures, the rules and what changed never
    /// trap, and every word they put on a screen is safe there.
    static func normal(_ calls: [Call], into report: inout Report) {
        let watched = calls.map(WatchCall.init)
        let windows = WatchWindows(until: Date(timeIntervalSince1970: 1_774_440_000), settings: WatchSettings(), zone: newYork)
        var settings = WatchSettings()
        settings.minCalls = 1
        let sample = WatchSample(windows: windows, now: watched, baseline: [Array(watched.prefix(watched.count / 2)), [], watched, [], [], [], []])
        let evaluated = WatchEvaluation.evaluate(sample, settings: settings)
        for alert in evaluated.alerts {
            for text in [alert.headline] + alert.changed + alert.alsoSeen where text.unicodeScalars.contains(where: SafeText.needsEscape) {
                report.problems.append("an alert's words carry a control character: \(SafeText.sanitize(text).prefix(80))")
            }
        }
    }

    /// `calls` as `list --output` writes them.
    static func exported(_ calls: [Call], as format: CallStreamEncoder.Format) -> [UInt8] {
        CallStreamEncoder.encode(calls, as: format, zone: zone)
    }

    /// Whether one record's bytes map to the same call, or fail the same way, both ways, and
    /// read in place (followed by more of a body) to that call too.
    static func agree(_ record: [UInt8], _ mapper: VoxoRecordMapper) -> Bool {
        let byBytes = Result { () throws(JSONParseError) -> Call? in try mapper.map(recordBytes: record) }
        let byTree = Result { () throws(JSONParseError) -> Call? in mapper.map(try JSONParser.parse(record)) }
        let inPlace = (record + Array(",{}]".utf8)).withUnsafeBufferPointer { mapper.map(leadingRecordIn: $0) }
        // Read in place up to its closing brace, a record followed by nothing but whitespace is
        // the whole record (text after the brace is the splitter's to refuse).
        if let inPlace, inPlace.length <= record.count, record[inPlace.length...].allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            guard case .success(let call?) = byBytes, inPlace.call == call else { return false }
        }
        switch (byBytes, byTree) {
        case (.success(let a), .success(let b)): return a == b
        case (.failure(let a), .failure(let b)): return a == b
        default: return false
        }
    }

    /// Every format and model of one call.
    public static func check(_ call: Call, into report: inout Report) {
        if let d = call.durationSeconds, !Plausible.durationSeconds.contains(d) { report.problems.append("duration \(d) used") }
        if let t = call.totalSeconds, !Plausible.durationSeconds.contains(t) { report.problems.append("total \(t) used") }
        if let s = call.sipResponseCode, !Plausible.sipCodes.contains(s) { report.problems.append("SIP \(s) used") }
        if let m = call.mos, !Plausible.mos.contains(m) { report.problems.append("MOS \(m) used") }
        let json = JSONWriter.string(call.jsonValue)
        if (try? JSONParser.parse(Array(json.utf8))) == nil { report.problems.append("JSON output does not parse back") }
        let table = CallTableFormatter(zone: newYork)
        let text = table.header() + table.row(call) + CallCSVFormatter.row(call) + CallDetailFormatter(zone: newYork).format(call)
        if let raw = rawControl(in: text, allowing: [0x0A, 0x0D]) { report.problems.append("raw control \(raw) in text output") }
        for line in DetailModel.lines(for: call, zone: newYork) {
            if case .field(let label, let value, _) = line, let raw = rawControl(in: label + value, allowing: []) {
                report.problems.append("raw control \(raw) in the detail model")
            }
        }
    }

    /// The list and a detail pane at two sizes, on the in-memory screen.
    static func render(_ calls: [Call], into report: inout Report) {
        let until = Date(timeIntervalSince1970: 7_258_118_400)
        var state = BrowserState(providerID: calls[0].provider, paging: .timeWindows(maximumSeconds: 86_400), zone: newYork,
                                 filter: CallFilter(since: Date(timeIntervalSince1970: 0), until: until), serverSideFields: [.timeRange])
        _ = BrowserReducer.reduce(&state, .resize(height: 30), now: until)
        if let index = state.list.segments.firstIndex(where: \.isLoading) {
            let id = state.list.segments[index].id
            _ = BrowserReducer.reduce(&state, .segmentLoaded(generation: state.generation, index: id, Segment(calls: calls, receivedCount: calls.count)), now: until)
        }
        for row in state.visibleRows() { _ = row }
        _ = BrowserReducer.reduce(&state, .openSelected, now: until)
        for (rows, columns) in [(40, 120), (24, 80)] {
            var grid = CellGrid(rows: rows, columns: columns)
            Renderer(glyphs: .unicode).draw(state, ui: UIState(), into: &grid)
            if let raw = rawControl(in: grid.text, allowing: [0x0A]) { report.problems.append("raw control \(raw) on the screen") }
        }
    }

    /// The first C0/C1 control or DEL in `text` other than `allowed`, as hex.
    static func rawControl(in text: String, allowing allowed: Set<UInt32>) -> String? {
        for scalar in text.unicodeScalars where (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) && !allowed.contains(scalar.value) {
            return String(scalar.value, radix: 16)
        }
        return nil
    }
}
