/// One Mixer message found in a log: its text, reassembled from the lines
/// it spans, with what is needed to point back into the log.
struct LogDump: Sendable {
    var kind: DumpKind
    /// The DebugString text (or base64), wrappers and headers removed.
    var text: [UInt8] = []
    /// Where each piece of `text` came from: text offset, log line, column of
    /// the piece's first byte in that line (0-based).
    var segments: [(textOffset: Int, line: Int, column: Int)] = []
    /// Line of the dump's first line (1-based).
    var firstLine: Int
    /// Timestamp of the dump's first line, from Envoy's header or a wrapper.
    var logTime: String?
    /// The input ended before the blank line that ends every Envoy dump.
    var endedAtEndOfInput = false
    /// The dump ended at the next header or the end of the input, not at the
    /// blank line Envoy writes after every DebugString.
    var endedWithoutBlankLine = false
    /// A line of the dump was longer than the line limit and was cut.
    var overlongLines: [Int] = []
    /// The dump grew past the message size limit and the rest was dropped.
    var overflowed = false

    mutating func append(_ bytes: ArraySlice<UInt8>, line: Int, column: Int) {
        segments.append((text.count, line, column))
        text.append(contentsOf: bytes)
        text.append(0x0A)
    }

    /// Line and 1-based column in the log of a byte of `text`.
    func locate(_ offset: Int) -> (line: Int, column: Int) {
        guard !segments.isEmpty else { return (firstLine, 1) }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].textOffset <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        return (segment.line, segment.column + (offset - segment.textOffset) + 1)
    }
}
