/// Whose turn it is to read, among segments on their way behind `ReadGate`s (docs/ARCHITECTURE.md,
/// "Reading ahead"): `freely` of them read at a time, in the order they were asked; when one
/// finishes, the oldest held back takes its turn. The walker, which hands segments on in order,
/// lets one read (the next in line); `callscope stats`, which folds them as they come, two.
public struct ReadTurns {
    public let freely: Int
    let makeGate: @Sendable () -> ReadGate
    private var reading: Set<Int> = []
    private var waiting: [(number: Int, gate: ReadGate)] = []

    /// - Parameter makeGate: how each gate is made (tests hold them as long as they like).
    public init(freely: Int, makeGate: @escaping @Sendable () -> ReadGate = { ReadGate() }) {
        self.freely = max(1, freely)
        self.makeGate = makeGate
    }

    /// The gate of segment `number`, open if a turn is free.
    public mutating func gate(for number: Int) -> ReadGate {
        let gate = makeGate()
        waiting.append((number, gate))
        openTurns()
        return gate
    }

    /// Segment `number` is read (or dropped): its turn goes to the oldest held back.
    public mutating func finished(_ number: Int) {
        reading.remove(number)
        waiting.removeAll { $0.number == number }
        openTurns()
    }

    private mutating func openTurns() {
        while reading.count < freely, !waiting.isEmpty {
            let next = waiting.removeFirst()
            next.gate.open()
            reading.insert(next.number)
        }
    }
}
