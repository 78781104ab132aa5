/// Where something is in an input: a byte offset in binary input, or a line
/// and column in text and log input. Findings, decoded messages, records and
/// requests all say where they are with this one type.
public enum Position: Hashable, Sendable, CustomStringConvertible {
    /// 0-based offset of the byte in the input.
    case byte(Int)
    /// 1-based line, and 1-based column in bytes when it is known (a finding
    /// about a whole dump names only the line it starts on).
    case line(Int, column: Int? = nil)

    /// The byte offset, for binary input.
    public var offset: Int? {
        if case .byte(let offset) = self { return offset }
        return nil
    }

    /// The line, for text and log input.
    public var line: Int? {
        if case .line(let line, _) = self { return line }
        return nil
    }

    /// The column on `line`, when it is known.
    public var column: Int? {
        if case .line(_, let column) = self { return column }
        return nil
    }

    /// "byte 94", "line 8, column 15" or "line 8": how messages name a place.
    public var description: String {
        switch self {
        case .byte(let offset): "byte \(offset)"
        case .line(let line, column: let column?): "line \(line), column \(column)"
        case .line(let line, column: nil): "line \(line)"
        }
    }
}

/// Turns an offset in what a message was read from into a `Position`:
/// itself for binary input, a line and column for text. Each input has its
/// own (`bytes`, `TextFormatDecoder`'s line starts, a log dump's
/// `DumpLocator`), so code that only has an offset never needs to know
/// which input it came from. Lines are found only when asked: healthy input
/// asks for none.
public struct PositionLocator: Sendable {
    private let locate: @Sendable (Int) -> Position

    public init(_ locate: @escaping @Sendable (Int) -> Position) {
        self.locate = locate
    }

    /// Binary input: an offset is its own position.
    public static let bytes = PositionLocator { .byte($0) }

    public func position(of offset: Int) -> Position { locate(offset) }
}
