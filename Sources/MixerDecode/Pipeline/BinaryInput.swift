import MixerDecodeSupport

/// The binary stage of the pipeline: raw protobuf, gRPC frames, and the
/// base64 or hex text of either, decoded and resolved message by message,
/// each request placed at the byte where its message (or frame) starts.
///
/// Nothing is dropped silently: a frame or paragraph that cannot be read
/// yields a request holding the finding, and the next one is still decoded.
struct BinaryInput: Sendable {
    /// nil: classify each message (`MessageClassifier`).
    let messageKind: MessageKind?
    let limits: DecodeLimits
    let resolver: Resolver

    /// Decodes `bytes`, an input of form `kind` (any but `.log`).
    func decode(_ bytes: [UInt8], kind: InputKind, emit: (ResolvedRequest) -> Void) {
        switch kind {
        case .log:
            preconditionFailure("logs are read by LogReader")
        case .raw, .grpc:
            decodeMessages(bytes, framed: kind == .grpc, emit: emit)
        case .hex, .base64:
            for paragraph in TextParagraphs.split(bytes, splitAfterPadding: kind == .base64) {
                let (decoded, badOffset) = kind == .hex
                    ? HexText.decode(bytes[paragraph]) : Base64Text.decode(bytes[paragraph])
                if let badOffset {
                    emit(placed(.unreadable([Finding(
                        code: .malformed, severity: .error,
                        message: "\(kind.rawValue) text has an invalid or unpaired character at byte \(badOffset) of the input; the \(decoded.count) bytes before it are decoded",
                        at: .byte(badOffset))], range: paragraph), at: paragraph.lowerBound))
                }
                guard !decoded.isEmpty else { continue }
                let framed = InputKindDetector.detect(decoded) == .grpc
                decodeMessages(decoded, framed: framed, emit: emit)
            }
        }
    }

    private func decodeMessages(_ bytes: [UInt8], framed: Bool, emit: (ResolvedRequest) -> Void) {
        guard framed else {
            if bytes.isEmpty {
                emit(placed(.unreadable(
                    [Finding(code: .truncated, severity: .error, message: "input is empty", at: .byte(0))], range: 0..<0), at: 0))
                return
            }
            emit(placed(decodeMessage(bytes, range: bytes.indices), at: 0))
            return
        }
        for (index, frame) in GRPCFrames.split(bytes, range: bytes.indices).enumerated() {
            switch frame {
            case .message(let payload, let headerOffset, let announced):
                var request = decodeMessage(bytes, range: payload)
                if announced > payload.count {
                    request.findings.insert(Finding(
                        code: .truncated, severity: .error,
                        message: "gRPC frame \(index): its length at byte \(headerOffset + 1) announces \(announced) bytes but only \(payload.count) follow",
                        at: .byte(headerOffset + 1)), at: 0)
                }
                emit(placed(request, at: headerOffset))
            case .compressed(let payload, let headerOffset):
                emit(placed(.unreadable([Finding(
                    code: .malformed, severity: .warning,
                    message: "gRPC frame \(index) at byte \(headerOffset) is compressed (grpc-encoding); mixerdecode cannot inflate it and skips its \(payload.count) bytes",
                    at: .byte(headerOffset))], range: payload), at: headerOffset))
            case .broken(let finding):
                let offset = finding.position?.offset ?? bytes.count
                emit(placed(.unreadable([finding], range: offset..<bytes.count), at: offset))
            }
        }
    }

    private func placed(_ request: ResolvedRequest, at offset: Int) -> ResolvedRequest {
        var placed = request
        placed.location.position = .byte(offset)
        return placed
    }

    /// Decodes and resolves one protobuf message.
    func decodeMessage(_ bytes: [UInt8], range: Range<Int>) -> ResolvedRequest {
        let wire = WireDecoder(limits: limits)
        // report-or-check names what a pasted text fragment may be; binary
        // bytes are always one message, told from their fields.
        let asked = messageKind == .reportOrCheck ? nil : messageKind
        switch asked ?? MessageClassifier.classify(bytes, range: range).kind {
        case .report, .reportOrCheck: return resolver.resolve(wire.decodeReportRequest(bytes, range: range))
        case .check: return resolver.resolve(wire.decodeCheckRequest(bytes, range: range))
        case .compressed: return resolver.resolve(wire.decodeCompressedAttributes(bytes, range: range))
        case .attributes: return resolver.resolve(wire.decodeAttributes(bytes, range: range))
        case .checkResponse: return resolver.resolve(wire.decodeCheckResponse(bytes, range: range))
        }
    }
}
