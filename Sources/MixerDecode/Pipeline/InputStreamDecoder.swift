/// The pipeline's one entry point: decodes an input of any form as it
/// arrives (feed it chunks of any size), and gives each request, resolved
/// and diagnosed, in input order.
///
///     var decoder = InputStreamDecoder(inputName: "istio-proxy.log")
///     while let chunk = read() { decoder.feed(chunk) { print(TextRenderer().render($0)) } }
///     decoder.finish { print(TextRenderer().render($0)) }
///
/// Every form streams, so memory stays flat whatever the input's size: a
/// log's request comes as soon as its dump is complete (memory holds one
/// line and the dumps in flight, `LogReader`), a gRPC frame's as soon as
/// its last byte is in (`MessageStream`), base64 and hex text is decoded as
/// it comes (`EncodedTextStream`); a raw message, which has no frame, when
/// the input ends. The form (`InputKind`) is told from the first
/// `InputKindDetector.sampleSize` bytes unless the settings name it.
///
/// `find(in:found:)`, `findNow(found:)` and `findAtEnd(found:)` give
/// each request before it is decoded
/// (`PendingRequest`), for decoding on several threads
/// (`ParallelDecoding`); `feed`, `decideForm` and `finish` decode it at once.
/// `InputDecoder` is the same pipeline over an input held whole.
public struct InputStreamDecoder: Sendable {
    /// How to read an input: the same for a whole input and a streamed one.
    public struct Settings: Sendable {
        /// nil: detect (`InputKindDetector`).
        public var inputKind: InputKind?
        /// nil: classify each binary message (`MessageClassifier`).
        public var messageKind: MessageKind?
        public var limits: DecodeLimits
        public var resolver: Resolver
        /// Run over every request before it is emitted; nil for decoding only.
        public var diagnostics: Diagnostics?
        /// Logs: longer lines are cut there (and reported if in a dump).
        public var maxLineBytes: Int
        /// Logs: most streams with a dump in flight at once (`LogStream`).
        public var maxStreams: Int
        /// Logs: the stream of lines that name none (a file's pod from its
        /// kubelet path), or nil.
        public var defaultStream: LogStream?
        /// Logs: a log with no dump at all yields one request saying so
        /// (off for files found by walking a directory, most of which have none).
        public var reportsLogWithoutDumps: Bool

        public init(
            inputKind: InputKind? = nil, messageKind: MessageKind? = nil, limits: DecodeLimits = .default,
            resolver: Resolver = Resolver(), diagnostics: Diagnostics? = .standard, maxLineBytes: Int = 16 << 20,
            maxStreams: Int = 4096, defaultStream: LogStream? = nil, reportsLogWithoutDumps: Bool = true
        ) {
            self.inputKind = inputKind
            self.messageKind = messageKind
            self.limits = limits
            self.resolver = resolver
            self.diagnostics = diagnostics
            self.maxLineBytes = maxLineBytes
            self.maxStreams = maxStreams
            self.defaultStream = defaultStream
            self.reportsLogWithoutDumps = reportsLogWithoutDumps
        }
    }

    public let settings: Settings
    /// The input's form, once known (from the settings, or detected).
    public private(set) var inputKind: InputKind?
    /// Bytes held until the form is known.
    private var held: [UInt8] = []
    private var stage: Stage?
    private var outlet: RequestOutlet

    /// What reads the input once its form is known.
    private enum Stage: Sendable {
        case log(LogReader)
        case messages(MessageStream)
        case text(EncodedTextStream)
    }

    public init(inputName: String, settings: Settings = Settings()) {
        self.settings = settings
        self.outlet = RequestOutlet(inputName: inputName, diagnostics: settings.diagnostics)
        if let kind = settings.inputKind { start(kind) }
    }

    /// How many requests have been found so far.
    public var requestCount: Int { outlet.count }

    /// Logs: how many dumps were ended early because `maxStreams` streams held one.
    public var dumpsCutForRoom: Int {
        if case .log(let reader) = stage { reader.dumpsCutForRoom } else { 0 }
    }

    /// Logs: how many streams hold a dump in flight now, besides the default one.
    public var liveStreamCount: Int {
        if case .log(let reader) = stage { reader.liveStreamCount } else { 0 }
    }

    /// Reads `chunk`, giving each request it completes, decoded.
    public mutating func feed(_ chunk: ArraySlice<UInt8>, emit: (ResolvedRequest) -> Void) {
        find(in: chunk) { emit($0.decoded()) }
    }

    /// Reads `chunk`, giving each request it completes before decoding it.
    public mutating func find(in chunk: ArraySlice<UInt8>, found: (PendingRequest) -> Void) {
        guard stage == nil else {
            read(chunk, found: found)
            return
        }
        held += chunk
        if held.count >= InputKindDetector.sampleSize {
            start(InputKindDetector.detect(held))
            read(releaseHeld()[...], found: found)
        }
    }

    /// Tells the form from what has arrived so far, without waiting for the
    /// detector's whole sample: for an input that grows slowly and may
    /// pause for long (a log followed as it is written). A log's lines held
    /// until now are read at once.
    public mutating func decideForm(emit: (ResolvedRequest) -> Void) {
        findNow { emit($0.decoded()) }
    }

    /// `decideForm(emit:)`, giving requests before decoding them.
    public mutating func findNow(found: (PendingRequest) -> Void) {
        guard stage == nil else { return }
        start(InputKindDetector.detect(held))
        read(releaseHeld()[...], found: found)
    }

    /// The end of the input: what is still held is decoded and emitted.
    public mutating func finish(emit: (ResolvedRequest) -> Void) {
        findAtEnd { emit($0.decoded()) }
    }

    /// The end of the input, giving requests before decoding them.
    public mutating func findAtEnd(found: (PendingRequest) -> Void) {
        if stage == nil {
            start(InputKindDetector.detect(held))
            read(releaseHeld()[...], found: found)
        }
        var outlet = self.outlet
        switch stage.take()! {
        case .log(var reader):
            reader.finish { outlet.send(PendingRequest($0), found: found) }
            stage = .log(reader)
        case .messages(var messages):
            messages.finish { outlet.send($0, found: found) }
            stage = .messages(messages)
        case .text(var text):
            text.finish { outlet.send($0, found: found) }
            stage = .text(text)
        }
        self.outlet = outlet
    }

    /// The same pipeline over an input held whole.
    mutating func decode(whole bytes: [UInt8], emit: (ResolvedRequest) -> Void) {
        if stage == nil { start(InputKindDetector.detect(bytes)) }
        feed(bytes[...], emit: emit)
        finish(emit: emit)
    }

    private mutating func start(_ kind: InputKind) {
        inputKind = kind
        let binary = BinaryInput(messageKind: settings.messageKind, limits: settings.limits, resolver: settings.resolver)
        stage = switch kind {
        case .log:
            .log(LogReader(
                limits: settings.limits, resolver: settings.resolver, maxLineBytes: settings.maxLineBytes,
                defaultStream: settings.defaultStream, maxStreams: settings.maxStreams,
                reportsLogWithoutDumps: settings.reportsLogWithoutDumps))
        case .raw: .messages(MessageStream(binary: binary, form: .raw))
        case .grpc: .messages(MessageStream(binary: binary, form: .framed))
        case .hex, .base64: .text(EncodedTextStream(kind: kind, binary: binary))
        }
    }

    /// The stage and the outlet are taken out while the stage calls back,
    /// so that each stays uniquely held (no copy of its buffers).
    private mutating func read(_ chunk: ArraySlice<UInt8>, found: (PendingRequest) -> Void) {
        var outlet = self.outlet
        switch stage.take()! {
        case .log(var reader):
            reader.feed(chunk) { outlet.send(PendingRequest($0), found: found) }
            stage = .log(reader)
        case .messages(var messages):
            messages.feed(chunk) { outlet.send($0, found: found) }
            stage = .messages(messages)
        case .text(var text):
            text.feed(chunk) { outlet.send($0, found: found) }
            stage = .text(text)
        }
        self.outlet = outlet
    }

    private mutating func releaseHeld() -> [UInt8] {
        defer { held = [] }
        return held
    }
}
