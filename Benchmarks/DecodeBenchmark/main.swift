// Decode benchmark (issue 2): decodes and normalizes 200,000 synthetic records in each
// provider's format, and runs `jq -c .` over the same bytes in the same run.
// Run: swift run -c release DecodeBenchmark [records] [voxo|vobiz]
// Naming a provider decodes only its records and skips jq: a quiet run to profile.
import CallscopeDomain
import CallscopeMockServer
import CallscopeProviders
import Foundation

let records = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200_000
let runs = 5
let only = CommandLine.arguments.dropFirst(2).first
let history = SyntheticHistory(.init(seed: 11, count: records, anchor: 1_774_440_000, span: 30 * 86_400))
let zone = ZoneClock(identifier: "America/New_York")!
let calls = (0..<records).lazy.map(history.call(at:))

/// The fastest of `runs` runs of `body`. What it returns is freed after the clock stops, as
/// a caller keeps decoded calls: freeing them is not part of decoding.
func best<Result>(count measure: (Result) -> Int, _ body: () throws -> Result) rethrows -> (seconds: Double, count: Int) {
    var fastest = Double.infinity
    var count = 0
    for _ in 0..<runs {
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        count = withExtendedLifetime(result) { measure(result) }
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return (fastest, count)
}

func jq(_ path: String) -> Double? {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["jq", "-c", ".", path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let start = ContinuousClock.now
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let elapsed = ContinuousClock.now - start
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

func report(_ name: String, bytes: [UInt8], decode: () throws -> [Call]) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-bench-\(name).json").path
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ours = try best(count: \.count, decode)
    precondition(ours.count == records, "decoded \(ours.count) of \(records)")
    let mb = Double(bytes.count) / 1_048_576
    var line = String(format: "%@: %d records, %.1f MB | callscope decode+normalize %.3f s = %.0f records/s (%.0f MB/s)",
                      name, records, mb, ours.seconds, Double(records) / ours.seconds, mb / ours.seconds)
    if only != nil {
        line += " | jq skipped"
    } else if let jqSeconds = jq(path) {
        line += String(format: " | jq -c . %.3f s = %.0f records/s | ratio callscope/jq = %.2fx", jqSeconds, Double(records) / jqSeconds, jqSeconds / ours.seconds)
    } else {
        line += " | jq not found (apt-get install jq)"
    }
    print(line)
}

if only == nil || only == "voxo" {
    let voxoBytes = MockPayloads.voxoArray(calls, zone: zone)
    try report("voxo", bytes: voxoBytes) {
        // The client's path: the body fed in 64 KB pieces, as the network hands it on.
        let decoder = VoxoStreamDecoder(mapper: VoxoRecordMapper(zone: zone, account: "37"))
        voxoBytes.withUnsafeBytes { body in
            var start = 0
            while start < body.count {
                let end = min(body.count, start + 65_536)
                guard decoder.consume(UnsafeRawBufferPointer(rebasing: body[start..<end])) else { break }
                start = end
            }
        }
        return try decoder.finish().get()
    }
    // What `list --format ndjson` adds: the decoded calls written out as NDJSON (into a
    // reused buffer, dropped at each megabyte as the command hands it to descriptor 1).
    let decoder = VoxoStreamDecoder(mapper: VoxoRecordMapper(zone: zone, account: "37"))
    _ = voxoBytes.withUnsafeBytes { decoder.consume($0) }
    let decoded = try decoder.finish().get()
    var written = 0
    let writing = best(count: { $0 }) {
        var writer = JSONWriter(reservingCapacity: 1 << 21)
        written = 0
        for call in decoded {
            writer.write(call)
            writer.writeStatic("\n")
            if writer.bytes.count >= 1 << 20 {
                written += writer.bytes.count
                writer.removeAll()
            }
        }
        written += writer.bytes.count
        return decoded.count
    }
    print(String(format: "voxo: writing those calls as NDJSON %.3f s = %.0f calls/s (%.0f MB out)",
                 writing.seconds, Double(decoded.count) / writing.seconds, Double(written) / 1_048_576))
}

if only == nil || only == "vobiz" {
    let vobizBytes = MockPayloads.vobizList(calls, total: records, page: 1, perPage: records)
    try report("vobiz", bytes: vobizBytes) {
        let mapper = VobizRecordMapper(account: nil)
        return try VobizPage.read(vobizBytes, mapper: mapper)?.calls ?? []
    }
}
