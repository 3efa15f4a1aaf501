/// Waits, yielding, until `condition` holds or `deadline` has passed; whether it held. For a
/// test that watches work on other tasks reach a state it cannot be told of (no sleeps).
public func eventually(within deadline: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now + deadline
    while !condition() {
        guard ContinuousClock.now < end else { return false }
        await Task.yield()
    }
    return true
}
