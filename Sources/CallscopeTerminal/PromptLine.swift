/// The text of the one-line prompt and where its cursor is, edited like a shell line:
/// insert at the cursor, Backspace/Delete, ^U (to the start), ^K (to the end), ^W (the word
/// before the cursor), ^A/^E and Home/End, arrows. Pure: tested without a terminal.
public struct PromptLine: Sendable, Hashable {
    /// The longest entry accepted; a paste beyond it is cut.
    public static let maximumLength = 512

    public private(set) var characters: [Character]
    /// Where the next character goes: 0 is before the first, `characters.count` after the last.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text.prefix(Self.maximumLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts at the cursor as much of `text` as fits; returns whether all of it did.
    @discardableResult
    public mutating func insert(_ text: some StringProtocol) -> Bool {
        let room = Self.maximumLength - characters.count
        let added = Array(text.prefix(max(0, room)))
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
        return added.count == text.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// ^U: everything before the cursor.
    public mutating func deleteToStart() {
        characters.removeFirst(cursor)
        cursor = 0
    }

    /// ^K: everything from the cursor on.
    public mutating func deleteToEnd() {
        characters.removeLast(characters.count - cursor)
    }

    /// ^W: the spaces before the cursor, then the word before them (as a shell does).
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }
}
