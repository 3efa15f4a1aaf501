import CallscopeUntrustedPipeline

/// libFuzzer's entry point (built by scripts/fuzz with -sanitize=fuzzer,address): the bytes
/// are a provider answer. A trap anywhere in the path is a finding; so is a broken invariant
/// (a raw control character on the screen, an impossible value used), which aborts here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let report = UntrustedPipeline.run(bytes, renderEvery: 8)
    if let problem = report.problems.first {
        fatalError("untrusted path invariant broken: \(problem)")
    }
    return 0
}
