/// Decodes an input held whole (raw, gRPC frames, base64, hex, or a log)
/// into resolved requests, one at a time, in input order: the pipeline of
/// `InputStreamDecoder`, fed the whole input at once.
///
///     let decoder = InputDecoder()
///     decoder.decode(bytes, inputName: "capture.grpc") { request in
///         print(TextRenderer().render(request))
///     }
///
/// Nothing is dropped silently: a frame or paragraph that cannot be read
/// yields a request holding the finding, and the next one is still decoded.
public struct InputDecoder: Sendable {
    public var settings: InputStreamDecoder.Settings

    public init(settings: InputStreamDecoder.Settings) {
        self.settings = settings
    }

    public init(
        inputKind: InputKind? = nil, messageKind: MessageKind? = nil, limits: DecodeLimits = .default,
        resolver: Resolver = Resolver(), diagnostics: Diagnostics? = .standard
    ) {
        settings = InputStreamDecoder.Settings(
            inputKind: inputKind, messageKind: messageKind, limits: limits, resolver: resolver, diagnostics: diagnostics)
    }

    /// What detection decided, for `--verbose` output and tests.
    public struct Summary: Sendable {
        public var inputKind: InputKind
        public var requestCount: Int
    }

    @discardableResult
    public func decode(_ bytes: [UInt8], inputName: String, emit: (ResolvedRequest) -> Void) -> Summary {
        var stream = InputStreamDecoder(inputName: inputName, settings: settings)
        stream.decode(whole: bytes, emit: emit)
        return Summary(inputKind: stream.inputKind ?? .raw, requestCount: stream.requestCount)
    }

    /// Decodes and resolves one protobuf message (of `settings.messageKind`,
    /// or classified), without diagnostics.
    public func decodeMessage(_ bytes: [UInt8], range: Range<Int>) -> ResolvedRequest {
        BinaryInput(messageKind: settings.messageKind, limits: settings.limits, resolver: settings.resolver)
            .decodeMessage(bytes, range: range)
    }
}
