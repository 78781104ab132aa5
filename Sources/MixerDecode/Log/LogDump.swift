import MixerDecodeSupport

/// One Mixer message found in a log: its text, reassembled from the lines
/// it spans, with what is needed to point back into the log.
struct LogDump: Sendable {
    /// A piece of `text` and where it came from.
    struct Segment: Sendable {
        /// Where the piece starts in `text`.
        var textOffset: Int
        /// Log line of the piece's first byte (1-based).
        var line: Int
        /// Column of the piece's first byte in that line (0-based).
        var column: Int
        /// How many lines the piece spans: more than one for a run of whole
        /// lines taken as they were, on consecutive log lines, each from
        /// column 0 (`LogScanner.appendIndentedLines`).
        var lines: Int
    }

    var kind: DumpKind
    /// The DebugString text (or base64), wrappers and headers removed.
    var text: [UInt8] = []
    /// Where each piece of `text` came from, in order.
    var segments: [Segment] = []
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

    /// Adds one line (or the part of it after a marker), ended by a newline.
    mutating func append(_ bytes: ArraySlice<UInt8>, line: Int, column: Int) {
        segments.append(Segment(textOffset: text.count, line: line, column: column, lines: 1))
        text.append(contentsOf: bytes)
        text.append(0x0A)
    }

    /// The word the input ended in, when it ended inside one (`default_w`),
    /// and where it starts in `text`.
    var unfinishedWord: (word: String, offset: Int)?

    /// When the input ends inside a word (a last line with a bare name and
    /// nothing after it, which no DebugString line is), blanks that word out
    /// so that it is read as the cut it is, not as an unknown field.
    mutating func blankUnfinishedWord() {
        guard endedAtEndOfInput, text.last == 0x0A else { return }
        let lineEnd = text.count - 1
        var start = lineEnd
        while start > 0 && text[start - 1] != 0x0A { start -= 1 }
        var wordStart = start
        while wordStart < lineEnd && (text[wordStart] == 0x20 || text[wordStart] == 0x09) { wordStart += 1 }
        var wordEnd = lineEnd
        while wordEnd > wordStart && (text[wordEnd - 1] == 0x20 || text[wordEnd - 1] == 0x09) { wordEnd -= 1 }
        guard wordEnd > wordStart, text[wordStart..<wordEnd].allSatisfy(TextTokenizer.isIdentifierPart),
              !ByteSearch.isDigit(text[wordStart])
        else { return }
        unfinishedWord = (String(decoding: text[wordStart..<wordEnd], as: UTF8.self), wordStart)
        for index in wordStart..<wordEnd { text[index] = 0x20 }
    }

    /// The log line of the dump's last line.
    var lastLine: Int {
        guard let last = segments.last else { return firstLine }
        return last.line + last.lines - 1
    }

    /// Line and 1-based column in the log of a byte of `text`.
    func position(of offset: Int) -> Position {
        DumpLocator(self).position(of: offset)
    }
}
