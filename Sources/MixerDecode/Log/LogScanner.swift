import MixerDecodeSupport

/// Finds Mixer dumps in a stream of log lines, one line at a time.
///
/// A dump starts at a marker (`DumpMarker`) and continues on the following
/// lines, which carry no header, until the blank line Envoy writes after every
/// DebugString. A line with an Envoy header also ends it (the dump was cut, or
/// a viewer dropped blank lines). Text-format lines outside any dump start a
/// fragment: a dump pasted without its beginning. Everything else is skipped.
/// Only the dump being read is held in memory.
struct LogScanner {
    let maxDumpBytes: Int
    private var current: LogDump?
    /// Field-like lines outside any dump, held until a line shows they are
    /// DebugString of a Mixer message (`DumpMarker.isEvidence`): braces, or
    /// `key: 3` lines, alone are no dump.
    private var pending: LogDump?
    private var pendingLines = 0
    private var pendingEntryShape = DumpMarker.EntryShape.none
    /// Most lines held without evidence: a Mixer dump shows some within a
    /// few lines (every map entry opens with `strings {` or the like).
    static let maxPendingLines = 16

    init(maxDumpBytes: Int) {
        self.maxDumpBytes = maxDumpBytes
    }

    /// Takes the indented lines of the dump being read straight from a chunk
    /// of the log, in one copy and one segment: a run of such lines is
    /// already the dump's text (lines ended by newlines). Stops at the first
    /// line that needs `feed` (not indented, blank, ended by a carriage
    /// return, longer than `maxLineBytes`, over the dump's size limit, or
    /// unfinished in this chunk) and at once outside a dump, so that `feed`
    /// would have given the same result for every line taken. Returns how
    /// many lines it took and where the rest of the chunk starts.
    mutating func appendIndentedLines(
        _ chunk: ArraySlice<UInt8>, firstNumber: Int, maxLineBytes: Int
    ) -> (lines: Int, end: Int) {
        guard current != nil else { return (0, chunk.startIndex) }
        let textStart = current!.text.count
        // One pass over the raw bytes: no slice (and no reference count) per line.
        let (lines, taken) = chunk.withUnsafeBytes { raw -> (Int, Int) in
            var lineStart = 0
            var lines = 0
            while lineStart < raw.count {
                // Safe: lineStart < raw.count is the loop's condition.
                let first = raw[lineStart]
                guard first == 0x20 || first == 0x09, let newline = NewlineSearch.firstNewline(in: raw, from: lineStart)
                else { break }
                let length = newline - lineStart
                let offset = textStart + lineStart
                // Safe: lineStart < newline (the line starts with a space), so newline - 1 is in the line.
                guard length <= maxLineBytes, raw[newline - 1] != 0x0D, offset + length <= maxDumpBytes,
                      !Self.isBlank(raw, from: lineStart, to: newline)
                else { break }
                lines += 1
                lineStart = newline + 1
            }
            return (lines, lineStart)
        }
        let end = chunk.startIndex + taken
        if lines > 0 {
            // In place: a copy here would copy the whole dump.
            current!.segments.append(LogDump.Segment(textOffset: textStart, line: firstNumber, column: 0, lines: lines))
            current!.text.append(contentsOf: chunk[chunk.startIndex..<end])
        }
        return (lines, end)
    }

    /// True when `raw[start..<end]` holds only spaces and tabs (as `ByteSearch.isBlank`).
    private static func isBlank(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        // Almost every line ends with something else: decided by its last byte.
        // Safe: callers pass start < end <= raw.count.
        guard raw[end - 1] == 0x20 || raw[end - 1] == 0x09 else { return false }
        var index = start
        // Safe: callers pass end <= raw.count, and index < end.
        while index < end, raw[index] == 0x20 || raw[index] == 0x09 { index += 1 }
        return index == end
    }

    /// Adds a line to the dump being read, unless the dump is already over its size limit.
    private mutating func appendToCurrent(_ content: ArraySlice<UInt8>, number: Int, column: Int, overlong: Bool) {
        // In place: a copy here would copy the whole dump on every line.
        if overlong { current!.overlongLines.append(number) }
        if current!.text.count + content.count > maxDumpBytes {
            current!.overflowed = true
        } else {
            current!.append(content, line: number, column: column)
        }
    }

    /// Reads one unwrapped line; returns the dumps it completed (at most two:
    /// the one it ends, and a one-line dump it holds itself).
    mutating func feed(_ line: LineUnwrapper.Unwrapped, number: Int, overlong: Bool) -> [LogDump] {
        var completed: [LogDump] = []
        let content = line.content[...]
        let header = EnvoyLogHeader.parse(content)
        if current != nil {
            if header == nil && !ByteSearch.isBlank(content) {
                appendToCurrent(content, number: number, column: line.columnOffset, overlong: overlong)
                return []
            }
            var dump = current!
            // Envoy ends every dump with a blank line; a header first means it was cut.
            dump.endedWithoutBlankLine = header != nil
            completed.append(dump)
            current = nil
            if header == nil { return completed }
        }
        let message = content[(header?.messageStart ?? content.startIndex)...]
        if let (kind, text) = DumpMarker.find(in: message) {
            pending = nil
            var dump = LogDump(kind: kind, firstLine: number, logTime: header?.time ?? line.wrapperTime?.text)
            if overlong { dump.overlongLines.append(number) }
            dump.append(message[text], line: number, column: line.columnOffset + (text.lowerBound - content.startIndex))
            if kind == .forwardedAttributes {
                completed.append(dump)
            } else {
                current = dump
            }
        } else if header == nil, DumpMarker.looksLikeFieldLine(content) {
            holdFieldLine(line, number: number)
        } else {
            pending = nil
        }
        return completed
    }

    /// A field-like line outside any dump: held, and the start of a fragment
    /// once a line gives evidence that the held lines are a Mixer dump.
    private mutating func holdFieldLine(_ line: LineUnwrapper.Unwrapped, number: Int) {
        let content = line.content[...]
        let evidence = DumpMarker.isEvidence(content, after: pendingEntryShape)
        if pending == nil || pendingLines >= Self.maxPendingLines {
            pending = LogDump(kind: .fragment, firstLine: number, logTime: line.wrapperTime?.text)
            pendingLines = 0
        }
        pending!.append(content, line: number, column: line.columnOffset)
        pendingLines += 1
        pendingEntryShape = DumpMarker.entryShape(after: content, following: pendingEntryShape)
        if evidence {
            current = pending
            pending = nil
        }
    }

    /// True while a dump is being read, or lines are held that may start
    /// one: a stream whose scanner is not reading can drop it.
    var isReadingDump: Bool { current != nil || pending != nil }

    /// The end of the input: the dump being read, if any, ends here.
    mutating func finish() -> LogDump? {
        pending = nil
        guard var dump = current else { return nil }
        dump.endedAtEndOfInput = true
        dump.endedWithoutBlankLine = true
        current = nil
        return dump
    }
}
