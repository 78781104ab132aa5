/// Decodes Envoy logs as they arrive: feed it chunks of any size, get each
/// Mixer request as soon as its dump is complete.
///
///     var decoder = LogStreamDecoder(inputName: "istio-proxy.log")
///     while let chunk = read() { decoder.feed(chunk) { print(TextRenderer().render($0)) } }
///     decoder.finish { print(TextRenderer().render($0)) }
///
/// Memory holds one line and the dump being read, whatever the log's size.
public struct LogStreamDecoder: Sendable {
    public let inputName: String
    private var splitter: LineSplitter
    private var scanner: LogScanner
    private let dumps: LogDumpDecoder
    private let diagnostics: Diagnostics?
    private var lineNumber = 0
    private var ordinal = 0
    /// A Docker entry that continues on the next one (lines over 16 KiB).
    private var dockerContinuation: LineUnwrapper.Unwrapped?
    /// The physical line a logical line (possibly joined from Docker entries) starts on.
    private var logicalLineStart = 0
    private let maxLineBytes: Int

    /// `maxLineBytes`: longer lines are cut there (and reported if in a dump).
    public init(
        inputName: String, limits: DecodeLimits = .default, resolver: Resolver = Resolver(),
        diagnostics: Diagnostics? = .standard, maxLineBytes: Int = 16 << 20
    ) {
        self.diagnostics = diagnostics
        self.inputName = inputName
        self.splitter = LineSplitter(maxLineBytes: maxLineBytes)
        self.maxLineBytes = maxLineBytes
        self.scanner = LogScanner(maxDumpBytes: limits.maxMessageBytes)
        self.dumps = LogDumpDecoder(limits: limits, resolver: resolver)
    }

    /// How many requests have been emitted so far.
    public var requestCount: Int { ordinal }

    public mutating func feed(_ chunk: ArraySlice<UInt8>, emit: (ResolvedRequest) -> Void) {
        // The splitter is taken out while it calls back into `read`, which
        // changes the rest of `self`: lines go straight from the chunk to
        // the scanner, none collected or copied.
        var rest = chunk
        while !rest.isEmpty {
            // Most lines of a log are the indented lines of a dump: they are
            // taken in runs, straight from the chunk, with no unwrapping and
            // no per-line value. A line in a Docker entry is not: it is JSON.
            if splitter.isAtLineStart && dockerContinuation == nil {
                let taken = scanner.appendIndentedLines(rest, firstNumber: lineNumber + 1, maxLineBytes: maxLineBytes)
                lineNumber += taken.lines
                rest = rest[taken.end...]
                if rest.isEmpty { return }
            }
            // Any other line, one at a time, through the splitter.
            var lines = takeSplitter()
            let next = lines.appendLine(rest) { line, overlong in read(line, overlong: overlong, emit: emit) }
            splitter = lines
            rest = rest[next...]
        }
    }

    public mutating func finish(emit: (ResolvedRequest) -> Void) {
        var lines = takeSplitter()
        lines.finish { line, overlong in read(line, overlong: overlong, emit: emit) }
        splitter = lines
        if let pending = dockerContinuation {
            dockerContinuation = nil
            send(scanner.feed(pending, number: logicalLineStart, overlong: false), emit: emit)
        }
        if let last = scanner.finish() { send([last], emit: emit) }
        if ordinal == 0 {
            // Never silent: an input read as a log that holds no dump says so.
            var request = ResolvedRequest.unreadable([Finding(
                code: .emptyRequest, severity: .note,
                message: "no Mixer dump in the \(lineNumber) lines read: no 'Sending Report request:', 'Sending Check request:', 'Check response:' or attributes line (is the grpc logger at debug level? use --input to read the bytes another way)")],
                range: 0..<0)
            request.location = SourceLocation(input: inputName, ordinal: 0, line: lineNumber == 0 ? nil : 1)
            ordinal += 1
            emit(request)
        }
    }

    /// The splitter, left empty in its place (so that its buffer stays
    /// uniquely held by the one taken out, and is not copied on append).
    private mutating func takeSplitter() -> LineSplitter {
        defer { splitter = LineSplitter(maxLineBytes: maxLineBytes) }
        return splitter
    }

    private mutating func read(_ line: ArraySlice<UInt8>, overlong: Bool, emit: (ResolvedRequest) -> Void) {
        lineNumber += 1
        var unwrapped = LineUnwrapper.unwrap(line)
        var overlong = overlong
        if var head = dockerContinuation {
            // Docker split one long line into several entries: join them back,
            // within the same line limit.
            let room = max(0, maxLineBytes - head.content.count)
            overlong = overlong || unwrapped.content.count > room
            head.content += unwrapped.content.prefix(room)
            head.continues = unwrapped.continues
            unwrapped = head
            dockerContinuation = nil
        } else {
            logicalLineStart = lineNumber
        }
        if unwrapped.continues {
            dockerContinuation = unwrapped
            return
        }
        send(scanner.feed(unwrapped, number: logicalLineStart, overlong: overlong), emit: emit)
    }

    private mutating func send(_ completed: [LogDump], emit: (ResolvedRequest) -> Void) {
        for dump in completed {
            guard var request = dumps.decode(dump) else { continue }
            request.location = SourceLocation(
                input: inputName, ordinal: ordinal, line: dump.firstLine, logTime: dump.logTime)
            diagnostics?.apply(to: &request)
            ordinal += 1
            emit(request)
        }
    }
}
