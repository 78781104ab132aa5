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

    init(maxDumpBytes: Int) {
        self.maxDumpBytes = maxDumpBytes
    }

    /// Reads one unwrapped line; returns the dumps it completed (at most two:
    /// the one it ends, and a one-line dump it holds itself).
    mutating func feed(_ line: LineUnwrapper.Unwrapped, number: Int, overlong: Bool) -> [LogDump] {
        var completed: [LogDump] = []
        let content = line.content[...]
        let header = EnvoyLogHeader.parse(content)
        if current != nil {
            if header == nil && !ByteSearch.isBlank(content) {
                // In place: a copy here would copy the whole dump on every line.
                if overlong { current!.overlongLines.append(number) }
                if current!.text.count + content.count > maxDumpBytes {
                    current!.overflowed = true
                } else {
                    current!.append(content, line: number, column: line.columnOffset)
                }
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
        if let (kind, textStart) = DumpMarker.find(in: message) {
            var dump = LogDump(kind: kind, firstLine: number, logTime: header?.time ?? line.wrapperTime)
            if overlong { dump.overlongLines.append(number) }
            dump.append(message[textStart...], line: number, column: line.columnOffset + (textStart - content.startIndex))
            if kind == .forwardedAttributes {
                completed.append(dump)
            } else {
                current = dump
            }
        } else if header == nil, DumpMarker.looksLikeFieldLine(content) {
            var dump = LogDump(kind: .fragment, firstLine: number, logTime: line.wrapperTime)
            dump.append(content, line: number, column: line.columnOffset)
            current = dump
        }
        return completed
    }

    /// The end of the input: the dump being read, if any, ends here.
    mutating func finish() -> LogDump? {
        guard var dump = current else { return nil }
        dump.endedAtEndOfInput = true
        dump.endedWithoutBlankLine = true
        current = nil
        return dump
    }
}
