/// The pipeline's one entry point: decodes an input of any form as it
/// arrives (feed it chunks of any size), and gives each request, resolved
/// and diagnosed, in input order.
///
///     var decoder = InputStreamDecoder(inputName: "istio-proxy.log")
///     while let chunk = read() { decoder.feed(chunk) { print(TextRenderer().render($0)) } }
///     decoder.finish { print(TextRenderer().render($0)) }
///
/// The form (`InputKind`) is told from the first
/// `InputKindDetector.sampleSize` bytes unless the settings name it. Logs
/// stream: each request comes as soon as its dump is complete, and memory
/// holds one line and the dumps in flight (`LogReader`). The binary forms
/// are decoded when the input ends. `InputDecoder` is the same pipeline
/// over an input held whole.
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
    /// Bytes held until the form is known, then (binary forms) until the end.
    private var held: [UInt8] = []
    private var log: LogReader?
    private var outlet: RequestOutlet

    public init(inputName: String, settings: Settings = Settings()) {
        self.settings = settings
        self.outlet = RequestOutlet(inputName: inputName, diagnostics: settings.diagnostics)
        if let kind = settings.inputKind { start(kind) }
    }

    /// How many requests have been emitted so far.
    public var requestCount: Int { outlet.count }

    /// Logs: how many dumps were ended early because `maxStreams` streams held one.
    public var dumpsCutForRoom: Int { log?.dumpsCutForRoom ?? 0 }

    /// Logs: how many streams hold a dump in flight now, besides the default one.
    public var liveStreamCount: Int { log?.liveStreamCount ?? 0 }

    public mutating func feed(_ chunk: ArraySlice<UInt8>, emit: (ResolvedRequest) -> Void) {
        if log != nil {
            feedLog(chunk, emit: emit)
            return
        }
        held += chunk
        if inputKind == nil && held.count >= InputKindDetector.sampleSize {
            start(InputKindDetector.detect(held))
            if log != nil { feedLog(releaseHeld()[...], emit: emit) }
        }
    }

    /// Tells the form from what has arrived so far, without waiting for the
    /// detector's whole sample: for an input that grows slowly and may
    /// pause for long (a log followed as it is written). A log's lines held
    /// until now are read at once.
    public mutating func decideForm(emit: (ResolvedRequest) -> Void) {
        guard inputKind == nil else { return }
        start(InputKindDetector.detect(held))
        if log != nil { feedLog(releaseHeld()[...], emit: emit) }
    }

    /// The end of the input: what is still held is decoded and emitted.
    public mutating func finish(emit: (ResolvedRequest) -> Void) {
        if inputKind == nil { start(InputKindDetector.detect(held)) }
        if log != nil {
            if !held.isEmpty { feedLog(releaseHeld()[...], emit: emit) }
            var reader = log.take()!
            var outlet = self.outlet
            reader.finish { outlet.send($0, emit: emit) }
            (log, self.outlet) = (reader, outlet)
            return
        }
        decodeWhole(releaseHeld(), emit: emit)
    }

    /// The same pipeline over an input held whole, without copying it.
    mutating func decode(whole bytes: [UInt8], emit: (ResolvedRequest) -> Void) {
        if inputKind == nil { start(InputKindDetector.detect(bytes)) }
        if log != nil {
            feedLog(bytes[...], emit: emit)
            finish(emit: emit)
        } else {
            decodeWhole(bytes, emit: emit)
        }
    }

    private mutating func start(_ kind: InputKind) {
        inputKind = kind
        guard kind == .log else { return }
        log = LogReader(
            limits: settings.limits, resolver: settings.resolver, maxLineBytes: settings.maxLineBytes,
            defaultStream: settings.defaultStream, maxStreams: settings.maxStreams,
            reportsLogWithoutDumps: settings.reportsLogWithoutDumps)
    }

    /// The log reader and the outlet are taken out while the reader calls
    /// back, so that each stays uniquely held (no copy of its buffers).
    private mutating func feedLog(_ chunk: ArraySlice<UInt8>, emit: (ResolvedRequest) -> Void) {
        var reader = log.take()!
        var outlet = self.outlet
        reader.feed(chunk) { outlet.send($0, emit: emit) }
        (log, self.outlet) = (reader, outlet)
    }

    private mutating func decodeWhole(_ bytes: [UInt8], emit: (ResolvedRequest) -> Void) {
        let binary = BinaryInput(messageKind: settings.messageKind, limits: settings.limits, resolver: settings.resolver)
        var outlet = self.outlet
        binary.decode(bytes, kind: inputKind ?? .raw, emit: { outlet.send($0, emit: emit) })
        self.outlet = outlet
    }

    private mutating func releaseHeld() -> [UInt8] {
        defer { held = [] }
        return held
    }
}
