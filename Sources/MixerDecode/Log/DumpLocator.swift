/// Line and column in the log of an offset in a dump's text, for findings.
///
/// A run of whole lines taken as they were is one segment of the dump
/// (`LogDump.Segment`), so the line within it is found by counting the
/// newlines before the offset in that segment. Nothing is indexed ahead:
/// a dump without findings costs nothing, and findings are capped per code
/// (`FindingLimiter`), so the counting stays bounded.
struct DumpLocator: Sendable {
    private let dump: LogDump

    init(_ dump: LogDump) {
        self.dump = dump
    }

    /// Line and 1-based column of the byte at `offset`.
    func position(of offset: Int) -> Position {
        let segments = dump.segments
        guard !segments.isEmpty else { return .line(dump.firstLine, column: 1) }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].textOffset <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        // Newlines before `offset` within the segment: each one is a line further down.
        var passed = 0
        var lineStart = segment.textOffset
        var index = segment.textOffset
        let end = min(offset, dump.text.count)
        while index < end && passed < segment.lines - 1 {
            if dump.text[index] == 0x0A {
                passed += 1
                lineStart = index + 1
            }
            index += 1
        }
        return .line(segment.line + passed, column: segment.column + (offset - lineStart) + 1)
    }

    var locator: PositionLocator { PositionLocator(position(of:)) }
}
