/// Finds the elements of a top-level JSON array in a body that arrives in pieces, handing
/// each complete element's bytes on as soon as its last byte is in, so an answer is never
/// held whole (docs/ARCHITECTURE.md, "The JSON reader and why"). It only finds boundaries —
/// brackets and braces outside strings, string quotes and escapes — and leaves the reading
/// of each element to `JSONParser`, which reports anything malformed inside it.
///
/// Lenient as the parser is: whitespace anywhere between elements and a trailing comma
/// before `]` (the VOXO sample ends that way).
public struct JSONArraySplitter: Sendable {
    private enum Phase: Sendable {
        case beforeArray
        case beforeElement
        /// Inside an element: nesting depth, and whether in a string or just after a backslash.
        case inElement(depth: Int, inString: Bool, escaped: Bool)
        case afterElement
        case ended
    }

    private var phase = Phase.beforeArray
    /// The current element's bytes so far (its capacity reused from one element to the next).
    private var element: [UInt8] = []
    /// Bytes fed so far: where an error is.
    public private(set) var offset = 0
    /// Elements handed on so far.
    public private(set) var elementCount = 0

    public init() {}

    /// Whether the array's closing bracket has been read.
    public var isComplete: Bool {
        if case .ended = phase { return true }
        return false
    }

    /// Reads `chunk`, calling `body` with the bytes of each element it completes.
    public mutating func feed<E: Error>(_ chunk: UnsafeRawBufferPointer, _ body: ([UInt8]) throws(E) -> Void) throws(SplitterFailure<E>) {
        try feed(chunk, readingInPlace: { _ in nil }, body)
    }

    /// Reads `chunk`, first offering each object that starts in it to `readInPlace`, which
    /// reads it straight from the chunk — one pass over its bytes and no copy — and returns
    /// how many bytes it took. An object it returns nil for (one that goes on in the next
    /// chunk, or a malformed one) is found here and handed whole to `body`, as is any element
    /// that is not an object.
    public mutating func feed<E: Error>(
        _ chunk: UnsafeRawBufferPointer,
        readingInPlace readInPlace: (UnsafeBufferPointer<UInt8>) -> Int?,
        _ body: ([UInt8]) throws(E) -> Void
    ) throws(SplitterFailure<E>) {
        var index = 0
        let count = chunk.count
        // Where the current element's bytes started in this chunk, while inside one.
        var elementStart: Int? = { if case .inElement = phase { return 0 } else { return nil } }()
        while index < count {
            let byte = chunk[index]
            switch phase {
            case .beforeArray:
                if Self.isWhitespace(byte) { break }
                guard byte == UInt8(ascii: "[") else { throw .malformed(error(at: index, "expected a JSON array")) }
                phase = .beforeElement
            case .beforeElement:
                if Self.isWhitespace(byte) { break }
                if byte == UInt8(ascii: "]") {
                    phase = .ended
                    break
                }
                if byte == UInt8(ascii: ",") { throw .malformed(error(at: index, "a comma where an element should be")) }
                if byte == UInt8(ascii: "{"), let length = readInPlace(Self.bytes(chunk, index..<count)) {
                    index += length
                    elementCount += 1
                    phase = .afterElement
                    continue
                }
                elementStart = index
                element.removeAll(keepingCapacity: true)
                phase = .inElement(depth: 0, inString: false, escaped: false)
                continue  // the same byte, read as the element's first
            case .inElement(let depthBefore, let inStringBefore, let escapedBefore):
                // The element's state in locals for the run of bytes, stored back only when the
                // chunk ends inside it (most of a body's bytes pass through this loop).
                var depth = depthBefore, inString = inStringBefore, escaped = escapedBefore
                var ended = false
                scan: while index < count {
                    if inString {
                        if escaped {
                            escaped = false
                            index += 1
                            continue
                        }
                        // Most of a record's bytes are string contents: on to the next quote or backslash.
                        index = Self.nextQuoteOrBackslash(chunk, from: index)
                        guard index < count else { break }
                        if chunk[index] == UInt8(ascii: "\"") {
                            inString = false
                            if depth == 0 {
                                try finishElement(chunk, from: &elementStart, through: index, body)
                                ended = true
                                index += 1
                                break scan
                            }
                        } else {
                            escaped = true
                        }
                        index += 1
                        continue
                    }
                    let byte = chunk[index]
                    switch byte {
                    case UInt8(ascii: "\""):
                        inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        guard depth < JSONParser.maximumDepth else { throw .malformed(error(at: index, "nested deeper than \(JSONParser.maximumDepth) levels")) }
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 {
                            // A bare value (number, literal) ends at the array's closing bracket.
                            guard byte == UInt8(ascii: "]") else { throw .malformed(error(at: index, "a '}' that closes nothing")) }
                            try finishElement(chunk, from: &elementStart, through: index - 1, body)
                            phase = .ended
                            ended = true
                        } else if depth == 1 {
                            try finishElement(chunk, from: &elementStart, through: index, body)
                            ended = true
                        } else {
                            depth -= 1
                        }
                    case UInt8(ascii: ","):
                        if depth == 0 {
                            try finishElement(chunk, from: &elementStart, through: index - 1, body)
                            phase = .beforeElement
                            ended = true
                        }
                    default:
                        if depth == 0, Self.isWhitespace(byte) {
                            try finishElement(chunk, from: &elementStart, through: index - 1, body)
                            ended = true
                        }
                    }
                    index += 1
                    if ended { break }
                }
                if !ended { phase = .inElement(depth: depth, inString: inString, escaped: escaped) }
                continue  // `index` is past what was read
            case .afterElement:
                if Self.isWhitespace(byte) { break }
                if byte == UInt8(ascii: ",") {
                    phase = .beforeElement
                } else if byte == UInt8(ascii: "]") {
                    phase = .ended
                } else {
                    throw .malformed(error(at: index, "expected ',' or ']' after element \(elementCount)"))
                }
            case .ended:
                if !Self.isWhitespace(byte) { throw .malformed(error(at: index, "unexpected text after the JSON array")) }
            }
            index += 1
        }
        // The element goes on in the next chunk: keep what this one held of it.
        if let start = elementStart, case .inElement = phase {
            element.append(contentsOf: Self.bytes(chunk, start..<count))
        }
        offset += count
    }

    /// The body ended: an error unless the array was closed.
    public func finish() throws(JSONParseError) {
        switch phase {
        case .ended: return
        case .beforeArray: throw JSONParseError(offset: offset, reason: offset == 0 ? "the body is empty" : "expected a JSON array (the body ends early)")
        case .inElement(_, let inString, let escaped):
            let place = escaped ? "inside an escape in a string" : inString ? "inside a string" : "inside a record"
            throw JSONParseError(offset: offset, reason: "the body ends \(place), after \(elementCount) complete record\(elementCount == 1 ? "" : "s")")
        case .beforeElement, .afterElement:
            throw JSONParseError(offset: offset, reason: "the body ends before the array is closed, after \(elementCount) complete record\(elementCount == 1 ? "" : "s")")
        }
    }

    private mutating func finishElement<E: Error>(_ chunk: UnsafeRawBufferPointer, from start: inout Int?, through last: Int,
                                                   _ body: ([UInt8]) throws(E) -> Void) throws(SplitterFailure<E>) {
        if let begin = start, last >= begin { element.append(contentsOf: Self.bytes(chunk, begin..<(last + 1))) }
        start = nil
        phase = .afterElement
        elementCount += 1
        do throws(E) {
            try body(element)
        } catch {
            throw .consumer(error)
        }
    }

    /// A run of the chunk as typed bytes, which `Array.append` copies in one go (a raw slice
    /// is copied byte by byte).
    private static func bytes(_ chunk: UnsafeRawBufferPointer, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeRawBufferPointer(rebasing: chunk[range]).assumingMemoryBound(to: UInt8.self)
    }

    private func error(at index: Int, _ reason: String) -> JSONParseError {
        JSONParseError(offset: offset + index, reason: reason)
    }

    /// Where the next `"` or `\\` is at or after `start` (`chunk.count` if none), eight bytes
    /// at a time while a word holds neither.
    @inline(__always)
    private static func nextQuoteOrBackslash(_ chunk: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        let count = chunk.count
        if let base = chunk.baseAddress {
            while index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if ByteWord.contains(word, 0x22) || ByteWord.contains(word, 0x5C) { break }
                index += 8
            }
        }
        while index < count, chunk[index] != UInt8(ascii: "\""), chunk[index] != UInt8(ascii: "\\") { index += 1 }
        return index
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// Why splitting stopped: the body is not an array as JSON has it, or the consumer of an
/// element threw.
public enum SplitterFailure<Consumer: Error>: Error {
    case malformed(JSONParseError)
    case consumer(Consumer)
}

/// Takes a body piece by piece as it arrives off the network (a provider's decoder).
public protocol ByteStreamConsumer: AnyObject {
    /// Reads one piece; false stops the download (the rest could not be read anyway).
    func consume(_ bytes: UnsafeRawBufferPointer) -> Bool
}
