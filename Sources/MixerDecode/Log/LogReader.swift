/// The log stage of the pipeline: reads Envoy logs as they arrive, chunks
/// of any size, and gives each Mixer request as soon as its dump is
/// complete, placed in the log (its first line, time and stream).
/// `InputStreamDecoder` numbers, names and diagnoses what it gives.
///
/// The lines of many writers may be interleaved: a log shipper's JSON
/// records of every pod on a node, `kubectl logs --prefix` of a whole
/// deployment. Each stream (`LogStream`: the pod and container, unit, or
/// stdout/stderr a line names) is read on its own, so a dump interleaved
/// with other streams' lines decodes as if it were alone, and every request
/// says whose it is. Lines that name no stream belong to `defaultStream`
/// (a file's pod from its kubelet path, or none).
///
/// Memory holds one line and, for each stream with a dump in flight, that
/// dump; a stream that holds nothing costs nothing. At most `maxStreams`
/// streams hold a dump at once: one more, and the dump of the stream least
/// recently written to is ended there and reported, with a finding that
/// says so (never dropped silently).
struct LogReader: Sendable {
    /// The stream of lines that name none.
    let defaultStream: LogStream?
    /// Most streams with a dump in flight at once.
    let maxStreams: Int
    /// How many dumps were ended early because `maxStreams` streams held one.
    private(set) var dumpsCutForRoom = 0
    /// How many requests have been given so far.
    private(set) var requestCount = 0
    private var splitter: LineSplitter
    /// The lanes of lines that name no stream (every line of a plain Envoy log), and of all others.
    private var defaultLane: StreamLane
    private var lanes: LiveStreams
    private let dumps: LogDumpDecoder
    private var lineNumber = 0
    /// The stream the last line named, and the stream that made with
    /// `defaultStream`: consecutive lines mostly come from one writer (every
    /// line of a kubelet file), and filling in the same stream again each
    /// line cost more than reading the line.
    private var lastNamed: (said: LogStream, filled: LogStream)?
    /// What CRI lines name: this reader's own values (see `LogStream.StandardStreams`).
    private let standardStreams = LogStream.StandardStreams()
    private let maxLineBytes: Int
    private let maxDumpBytes: Int
    private let reportsLogWithoutDumps: Bool

    /// `maxLineBytes`: longer lines are cut there (and reported if in a dump).
    /// `reportsLogWithoutDumps`: a log with no dump at all yields one request
    /// saying so (off for files found by walking a directory).
    init(
        limits: DecodeLimits, resolver: Resolver, maxLineBytes: Int, defaultStream: LogStream?, maxStreams: Int,
        reportsLogWithoutDumps: Bool
    ) {
        self.defaultStream = defaultStream
        self.maxStreams = max(1, maxStreams)
        self.splitter = LineSplitter(maxLineBytes: maxLineBytes)
        self.maxLineBytes = maxLineBytes
        self.maxDumpBytes = limits.maxMessageBytes
        self.defaultLane = StreamLane(maxDumpBytes: limits.maxMessageBytes)
        self.lanes = LiveStreams(capacity: maxStreams)
        self.dumps = LogDumpDecoder(limits: limits, resolver: resolver)
        self.reportsLogWithoutDumps = reportsLogWithoutDumps
    }

    /// How many streams hold a dump in flight now, besides the default one.
    var liveStreamCount: Int { lanes.count }

    mutating func feed(_ chunk: ArraySlice<UInt8>, found: (FoundInLog) -> Void) {
        // The splitter is taken out while it calls back into `read`, which
        // changes the rest of `self`: lines go straight from the chunk to
        // the scanner, none collected or copied.
        var rest = chunk
        while !rest.isEmpty {
            // Most lines of a log are the indented lines of a dump: they are
            // taken in runs, straight from the chunk, with no unwrapping and
            // no per-line value. They name no stream (every wrapper starts
            // with something else), so they go to the default lane, unless
            // it waits for the rest of a split line.
            if splitter.isAtLineStart && !defaultLane.isContinuingLine {
                let taken = defaultLane.appendIndentedLines(rest, firstNumber: lineNumber + 1, maxLineBytes: maxLineBytes)
                lineNumber += taken.lines
                rest = rest[taken.end...]
                if rest.isEmpty { return }
            }
            // Any other line, one at a time, through the splitter.
            var lines = takeSplitter()
            let next = lines.appendLine(rest) { line, overlong in read(line, overlong: overlong, found: found) }
            splitter = lines
            rest = rest[next...]
        }
    }

    /// The end of the input: every dump still in flight ends here, reported
    /// in the order of their first lines.
    mutating func finish(found: (FoundInLog) -> Void) {
        var lines = takeSplitter()
        lines.finish { line, overlong in read(line, overlong: overlong, found: found) }
        splitter = lines
        var ended = defaultLane.finish().map { (dump: $0, stream: defaultStream) }
        for (stream, var lane) in lanes.removeAll() {
            ended += lane.finish().map { (dump: $0, stream: stream) }
        }
        let inOrder = ended.enumerated().sorted { ($0.element.dump.firstLine, $0.offset) < ($1.element.dump.firstLine, $1.offset) }
        for (_, item) in inOrder { send([item.dump], stream: item.stream, found: found) }
        if requestCount == 0 && reportsLogWithoutDumps { reportNoDump(found: found) }
    }

    /// Never silent: an input read as a log that holds no dump says so.
    private mutating func reportNoDump(found: (FoundInLog) -> Void) {
        let request = ResolvedRequest.unreadable([Finding(
            code: .emptyRequest, severity: .note,
            message: "no Mixer dump in the \(lineNumber) lines read: no 'Sending Report request:', 'Sending Check request:', 'Check response:' or attributes line (is the grpc logger at debug level? use --input to read the bytes another way)")],
            range: 0..<0)
        requestCount += 1
        found(.noDump(request, at: lineNumber == 0 ? nil : .line(1)))
    }

    /// The splitter, left empty in its place (so that its buffer stays
    /// uniquely held by the one taken out, and is not copied on append).
    private mutating func takeSplitter() -> LineSplitter {
        defer { splitter = LineSplitter(maxLineBytes: maxLineBytes) }
        return splitter
    }

    private mutating func read(_ line: ArraySlice<UInt8>, overlong: Bool, found: (FoundInLog) -> Void) {
        lineNumber += 1
        let unwrapped = LineUnwrapper.unwrap(line, standard: standardStreams)
        // A shipper's record without log text (metadata only): nothing to read.
        guard unwrapped.hasLogText else { return }
        guard let named = filled(unwrapped.stream), named != defaultStream else {
            let completed = defaultLane.read(unwrapped, number: lineNumber, overlong: overlong, maxLineBytes: maxLineBytes)
            send(completed, stream: defaultStream, found: found)
            return
        }
        let (number, maxLineBytes, maxDumpBytes) = (lineNumber, maxLineBytes, maxDumpBytes)
        let (completed, evicted) = lanes.update(named, makeLane: { StreamLane(maxDumpBytes: maxDumpBytes) }) { lane in
            lane.read(unwrapped, number: number, overlong: overlong, maxLineBytes: maxLineBytes)
        }
        send(completed, stream: named, found: found)
        if let evicted { endForRoom(evicted.lane, of: evicted.stream, found: found) }
    }

    /// The stream a line names, with what it leaves unsaid taken from `defaultStream`.
    private mutating func filled(_ said: LogStream?) -> LogStream? {
        guard let said else { return nil }
        if let last = lastNamed, last.said == said { return last.filled }
        let filled = said.filled(from: defaultStream)
        lastNamed = (said, filled)
        return filled
    }

    /// One stream too many holds a dump: the least recently written one's dump ends here.
    private mutating func endForRoom(_ lane: StreamLane, of stream: LogStream, found: (FoundInLog) -> Void) {
        var lane = lane
        let ended = lane.finish()
        dumpsCutForRoom += ended.count
        let finding = Finding(
            code: .limitExceeded, severity: .error,
            message: "more than \(maxStreams) streams had a dump in flight at once: this dump of \(stream) (the stream least recently written to) was ended at line \(lineNumber) to make room; the rest of it, if the log holds more, is read as a fragment",
            at: .line(lineNumber),
            fix: "Raise --max-streams (InputStreamDecoder.Settings.maxStreams) above the number of streams writing dumps at the same time; each costs the memory of its dump.")
        for dump in ended { send(dump, stream: stream, adding: finding, found: found) }
    }

    /// The requests of the dumps a line completed (most lines complete none).
    private mutating func send(_ completed: [LogDump], stream: LogStream?, found: (FoundInLog) -> Void) {
        if completed.isEmpty { return }
        for dump in completed { send(dump, stream: stream, adding: nil, found: found) }
    }

    private mutating func send(_ dump: LogDump, stream: LogStream?, adding finding: Finding?, found: (FoundInLog) -> Void) {
        // A Report response holds nothing to show.
        if dump.kind == .reportResponse { return }
        requestCount += 1
        found(.dump(dump, dumps, ending: finding, stream: stream))
    }
}

/// What the log stage finds, in input order: a dump to decode (the
/// pipeline makes it a `PendingRequest`), or a log without dumps.
enum FoundInLog: Sendable {
    case dump(LogDump, LogDumpDecoder, ending: Finding?, stream: LogStream?)
    case noDump(ResolvedRequest, at: Position?)
}
