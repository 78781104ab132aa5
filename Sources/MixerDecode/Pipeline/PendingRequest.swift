/// A request found in an input but not decoded yet: what the pipeline's
/// reading part (framing, finding dumps in a log) hands to its decoding
/// part (parsing, resolution, diagnostics). Reading must go through an
/// input in order; decoding a pending request depends on nothing else, so
/// `decoded()` may run on any thread, many at once (`ParallelDecoding`).
///
///     var decoder = InputStreamDecoder(inputName: "capture.grpc")
///     decoder.find(in: chunk) { pending in print(TextRenderer().render(pending.decoded())) }
public struct PendingRequest: Sendable {
    enum Work: Sendable {
        /// A protobuf message, held whole in `bytes`, which start at
        /// `inputOffset` in the input; `truncation` says that its gRPC frame
        /// announced more bytes than the input holds.
        case message(bytes: [UInt8], inputOffset: Int, decoding: BinaryInput, truncation: Finding?)
        /// A dump found in a log, and a finding about how it ended, if any.
        case dump(LogDump, LogDumpDecoder, ending: Finding?)
        /// A request made while reading: a frame or paragraph that could not
        /// be read, or a log without dumps.
        case made(ResolvedRequest)
    }

    let work: Work
    /// Where the request is: its input, ordinal, position, stream and time.
    public internal(set) var location: SourceLocation
    /// Run over the request once it is decoded; nil for decoding only.
    var diagnostics: Diagnostics?

    init(_ work: Work, at position: Position?, logTime: String? = nil, stream: LogStream? = nil) {
        self.work = work
        self.location = SourceLocation(input: "-", ordinal: 0, position: position, logTime: logTime, stream: stream)
    }

    /// A request of the log stage, placed in the log.
    init(_ found: FoundInLog) {
        switch found {
        case .dump(let dump, let decoder, let ending, let stream):
            self.init(.dump(dump, decoder, ending: ending), at: .line(dump.firstLine), logTime: dump.logTime, stream: stream)
        case .noDump(let request, let position):
            self.init(.made(request), at: position)
        }
    }

    /// About how many bytes of input the request holds: the measure by
    /// which `ParallelDecoding` sizes its batches.
    public var inputBytes: Int {
        switch work {
        case .message(let bytes, _, _, _): bytes.count
        case .dump(let dump, _, _): dump.text.count
        case .made: 0
        }
    }

    /// The request decoded, resolved and diagnosed.
    public func decoded() -> ResolvedRequest {
        decoded(diagnosing: diagnostics)
    }

    /// The request decoded, resolved and diagnosed by `diagnostics` instead
    /// of the input's: a worker thread's own copy (`ParallelDecoding`).
    public func decoded(diagnosing diagnostics: Diagnostics?) -> ResolvedRequest {
        var request: ResolvedRequest
        switch work {
        case .message(let bytes, let inputOffset, let decoding, let truncation):
            request = decoding.decodeMessage(bytes, range: bytes.indices, inputOffset: inputOffset)
            if let truncation { request.findings.insert(truncation, at: 0) }
        case .dump(let dump, let decoder, let ending):
            request = decoder.decode(dump)
            if let ending { request.findings.append(ending) }
        case .made(let made):
            request = made
        }
        request.location = location
        diagnostics?.apply(to: &request)
        return request
    }
}
