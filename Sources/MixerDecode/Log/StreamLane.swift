/// What is being read in one stream of a log: its scanner (the dump in
/// flight, if any) and a line that Docker or the CRI runtime split, waiting
/// for the rest. Each stream has its own, so that lines of other streams in
/// between change nothing.
struct StreamLane {
    private(set) var scanner: LogScanner
    /// A split line waiting for the stream's next entry.
    private var continuation: LineUnwrapper.Unwrapped?
    /// The physical line that continuation started on, and whether a piece of it was cut.
    private var continuationLine = 0
    private var continuationOverlong = false

    init(maxDumpBytes: Int) {
        scanner = LogScanner(maxDumpBytes: maxDumpBytes)
    }

    /// False when nothing is held: the lane can be dropped and made again
    /// later at no loss (a new scanner outside a dump is the same as this one).
    var isBusy: Bool { continuation != nil || scanner.isReadingDump }

    /// True while a split line waits for the rest (the next line of the input is not a run of dump lines).
    var isContinuingLine: Bool { continuation != nil }

    /// The indented lines of the dump in flight, straight from a chunk (the hot path of plain logs).
    mutating func appendIndentedLines(_ chunk: ArraySlice<UInt8>, firstNumber: Int, maxLineBytes: Int) -> (lines: Int, end: Int) {
        scanner.appendIndentedLines(chunk, firstNumber: firstNumber, maxLineBytes: maxLineBytes)
    }

    /// Reads one unwrapped line (physical line `number`); returns the dumps it completed.
    mutating func read(_ line: LineUnwrapper.Unwrapped, number: Int, overlong: Bool, maxLineBytes: Int) -> [LogDump] {
        // Every line of a plain log: no copy of the line, nothing to join or split.
        if continuation == nil && !line.continues && !line.mayHoldNewlines {
            continuationLine = number
            return scanner.feed(line, number: number, overlong: overlong)
        }
        return readJoiningOrSplitting(line, number: number, overlong: overlong, maxLineBytes: maxLineBytes)
    }

    private mutating func readJoiningOrSplitting(
        _ line: LineUnwrapper.Unwrapped, number: Int, overlong: Bool, maxLineBytes: Int
    ) -> [LogDump] {
        var line = line
        var overlong = overlong
        if var head = continuation {
            // Docker or the runtime split one long line into several entries:
            // join them back, within the same line limit.
            let room = max(0, maxLineBytes - head.content.count)
            overlong = overlong || continuationOverlong || line.content.count > room
            head.content += line.content.prefix(room)
            head.continues = line.continues
            head.mayHoldNewlines = head.mayHoldNewlines || line.mayHoldNewlines
            line = head
            continuation = nil
        } else {
            continuationLine = number
        }
        if line.continues {
            // Kept in an array of its own: a slice would hold the whole input
            // chunk it came from for as long as the stream waits.
            line.content = Array(line.content)[...]
            continuation = line
            continuationOverlong = overlong
            return []
        }
        return feed(line, number: continuationLine, overlong: overlong)
    }

    /// The end of the stream: a split line still waiting is read as it is,
    /// then the dump in flight ends here.
    mutating func finish() -> [LogDump] {
        var completed: [LogDump] = []
        if let pending = continuation {
            continuation = nil
            completed = feed(pending, number: continuationLine, overlong: continuationOverlong)
        }
        if let last = scanner.finish() { completed.append(last) }
        return completed
    }

    /// A line whose text may hold line breaks (a JSON string, or a shipper's
    /// multi-line record) is read as the lines it holds, all on its physical line.
    private mutating func feed(_ line: LineUnwrapper.Unwrapped, number: Int, overlong: Bool) -> [LogDump] {
        guard line.mayHoldNewlines, line.content.contains(0x0A) else {
            return scanner.feed(line, number: number, overlong: overlong)
        }
        var completed: [LogDump] = []
        var piece = line
        for part in line.content.split(separator: 0x0A, omittingEmptySubsequences: false) {
            piece.columnOffset = line.columnOffset + (part.startIndex - line.content.startIndex)
            piece.content = part.last == 0x0D ? part.dropLast() : part
            completed += scanner.feed(piece, number: number, overlong: overlong)
        }
        return completed
    }
}
