import Glibc

/// CPU time this thread has spent, in microseconds: what a piece of code cost, without the
/// time the scheduler gave another thread meanwhile (on a machine of two cores the mock
/// server, the network and the decoding take turns with the measured thread).
public func threadCPUMicroseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
}
