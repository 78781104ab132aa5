/// Decodes a whole binary input (raw, gRPC frames, base64 or hex) into
/// resolved requests, one at a time, in input order.
///
///     let decoder = InputDecoder()
///     decoder.decode(bytes, inputName: "capture.grpc") { request in
///         print(TextRenderer().render(request))
///     }
///
/// Nothing is dropped silently: a frame or paragraph that cannot be read
/// yields a request holding the finding, and the next one is still decoded.
public struct InputDecoder: Sendable {
    /// nil: detect (`InputKindDetector`).
    public var inputKind: InputKind?
    /// nil: classify each message (`MessageClassifier`).
    public var messageKind: MessageKind?
    public var limits: DecodeLimits
    public var resolver: Resolver
    /// Run over every request before it is emitted; nil for decoding only.
    public var diagnostics: Diagnostics?

    public init(
        inputKind: InputKind? = nil, messageKind: MessageKind? = nil, limits: DecodeLimits = .default,
        resolver: Resolver = Resolver(), diagnostics: Diagnostics? = .standard
    ) {
        self.inputKind = inputKind
        self.messageKind = messageKind
        self.limits = limits
        self.resolver = resolver
        self.diagnostics = diagnostics
    }

    /// What detection decided, for `--verbose` output and tests.
    public struct Summary: Sendable {
        public var inputKind: InputKind
        public var requestCount: Int
    }

    @discardableResult
    public func decode(_ bytes: [UInt8], inputName: String, emit: (ResolvedRequest) -> Void) -> Summary {
        let kind = inputKind ?? InputKindDetector.detect(bytes)
        var ordinal = 0
        func send(_ request: ResolvedRequest, offset: Int?) {
            var located = request
            located.location = SourceLocation(input: inputName, ordinal: ordinal, position: offset.map(Position.byte))
            diagnostics?.apply(to: &located)
            ordinal += 1
            emit(located)
        }
        switch kind {
        case .log:
            var logs = LogStreamDecoder(inputName: inputName, limits: limits, resolver: resolver, diagnostics: diagnostics)
            logs.feed(bytes[...], emit: emit)
            logs.finish(emit: emit)
            return Summary(inputKind: kind, requestCount: logs.requestCount)
        case .raw, .grpc:
            decodeBinary(bytes, range: bytes.indices, framed: kind == .grpc, send: send)
        case .hex, .base64:
            for paragraph in TextParagraphs.split(bytes, splitAfterPadding: kind == .base64) {
                let (decoded, badOffset) = kind == .hex
                    ? HexText.decode(bytes[paragraph]) : Base64Text.decode(bytes[paragraph])
                if let badOffset {
                    send(.unreadable([Finding(
                        code: .malformed, severity: .error,
                        message: "\(kind.rawValue) text has an invalid or unpaired character at byte \(badOffset) of the input; the \(decoded.count) bytes before it are decoded",
                        at: .byte(badOffset))], range: paragraph), offset: paragraph.lowerBound)
                }
                guard !decoded.isEmpty else { continue }
                let framed = InputKindDetector.detect(decoded) == .grpc
                decodeBinary(decoded, range: decoded.indices, framed: framed, send: send)
            }
        }
        return Summary(inputKind: kind, requestCount: ordinal)
    }

    private func decodeBinary(
        _ bytes: [UInt8], range: Range<Int>, framed: Bool, send: (ResolvedRequest, Int?) -> Void
    ) {
        guard framed else {
            if range.isEmpty {
                send(.unreadable([Finding(code: .truncated, severity: .error, message: "input is empty", at: .byte(0))], range: range), 0)
                return
            }
            send(decodeMessage(bytes, range: range), range.lowerBound)
            return
        }
        for (index, frame) in GRPCFrames.split(bytes, range: range).enumerated() {
            switch frame {
            case .message(let payload, let headerOffset, let announced):
                var request = decodeMessage(bytes, range: payload)
                if announced > payload.count {
                    request.findings.insert(Finding(
                        code: .truncated, severity: .error,
                        message: "gRPC frame \(index): its length at byte \(headerOffset + 1) announces \(announced) bytes but only \(payload.count) follow",
                        at: .byte(headerOffset + 1)), at: 0)
                }
                send(request, headerOffset)
            case .compressed(let payload, let headerOffset):
                send(.unreadable([Finding(
                    code: .malformed, severity: .warning,
                    message: "gRPC frame \(index) at byte \(headerOffset) is compressed (grpc-encoding); mixerdecode cannot inflate it and skips its \(payload.count) bytes",
                    at: .byte(headerOffset))], range: payload), headerOffset)
            case .broken(let finding):
                let offset = finding.position?.offset ?? range.lowerBound
                send(.unreadable([finding], range: offset..<range.upperBound), offset)
            }
        }
    }

    /// Decodes and resolves one protobuf message.
    public func decodeMessage(_ bytes: [UInt8], range: Range<Int>) -> ResolvedRequest {
        let wire = WireDecoder(limits: limits)
        switch messageKind ?? MessageClassifier.classify(bytes, range: range).kind {
        case .report: return resolver.resolve(wire.decodeReportRequest(bytes, range: range))
        case .check: return resolver.resolve(wire.decodeCheckRequest(bytes, range: range))
        case .compressed: return resolver.resolve(wire.decodeCompressedAttributes(bytes, range: range))
        case .attributes: return resolver.resolve(wire.decodeAttributes(bytes, range: range))
        case .checkResponse: return resolver.resolve(wire.decodeCheckResponse(bytes, range: range))
        }
    }
}
