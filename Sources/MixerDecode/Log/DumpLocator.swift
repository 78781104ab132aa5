/// Line and column in the log of an offset in a dump's text, for findings.
///
/// A run of whole lines taken as they were is one segment of the dump
/// (`LogDump.Segment`), so the line within it is found by counting newlines.
/// They are indexed once, at the first question: a dump with many findings
/// costs one pass over its text, and a dump with none costs nothing.
final class DumpLocator {
    private let dump: LogDump
    /// Offsets of the newlines in the dump text, in order; built on first use.
    private lazy var newlines: [Int] = {
        var offsets: [Int] = []
        for (offset, byte) in dump.text.enumerated() where byte == 0x0A { offsets.append(offset) }
        return offsets
    }()

    init(_ dump: LogDump) {
        self.dump = dump
    }

    /// Line and 1-based column of the byte at `offset`.
    func locate(_ offset: Int) -> (line: Int, column: Int) {
        let segments = dump.segments
        guard !segments.isEmpty else { return (dump.firstLine, 1) }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].textOffset <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        guard segment.lines > 1 else { return (segment.line, segment.column + (offset - segment.textOffset) + 1) }
        // Newlines before `offset` within the segment: each one is a line further down.
        let first = firstNewline(atOrAfter: segment.textOffset)
        let passed = min(firstNewline(atOrAfter: offset), first + segment.lines - 1) - first
        let lineStart = passed == 0 ? segment.textOffset : newlines[first + passed - 1] + 1
        return (segment.line + passed, segment.column + (offset - lineStart) + 1)
    }

    /// Index in `newlines` of the first newline at or after `offset` (binary search).
    private func firstNewline(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = newlines.count
        while low < high {
            let middle = (low + high) / 2
            if newlines[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
