/// Raw protobuf or gRPC frames as they arrive, handed on message by message:
/// a frame as soon as its last byte is in, a raw message (which has no
/// frame to say where it ends) at the end of the input. Memory holds one
/// message at most, and never more than `DecodeLimits.maxMessageBytes` of
/// it: a larger one is passed over and reported, not held.
struct MessageStream: Sendable {
    enum Form: Sendable {
        case raw, framed
    }

    let binary: BinaryInput
    /// nil until the first `InputKindDetector.sampleSize` bytes tell whether
    /// they are frames (the bytes a base64 or hex paragraph decodes to).
    private(set) var form: Form?
    private var frames: GRPCFrames
    /// Raw form: the message so far, or (undecided) the bytes held to decide.
    private var held: [UInt8] = []
    /// Raw form: bytes seen, and whether they went past the limit (then none are held).
    private var rawCount = 0
    private var rawTooLarge = false

    init(binary: BinaryInput, form: Form?) {
        self.binary = binary
        self.form = form
        self.frames = GRPCFrames(maxPayloadBytes: binary.limits.maxMessageBytes)
    }

    /// Whether any byte has been fed.
    var isEmpty: Bool { rawCount == 0 }

    mutating func feed(_ chunk: ArraySlice<UInt8>, found: (PendingRequest) -> Void) {
        rawCount += chunk.count
        switch form {
        case nil:
            held += chunk
            if held.count >= InputKindDetector.sampleSize { decideForm(found: found) }
        case .framed:
            feedFrames(chunk, found: found)
        case .raw:
            guard !rawTooLarge else { return }
            if rawCount > binary.limits.maxMessageBytes {
                rawTooLarge = true
                held = []
            } else {
                held += chunk
            }
        }
    }

    /// The end of the input: what is held is handed on.
    mutating func finish(found: (PendingRequest) -> Void) {
        if form == nil { decideForm(found: found) }
        switch form {
        case .framed, nil:
            var frames = self.frames
            frames.finish { index, frame in send(frame, index: index, found: found) }
            self.frames = frames
        case .raw:
            if rawCount == 0 {
                found(PendingRequest(.made(.unreadable(
                    [Finding(code: .truncated, severity: .error, message: "input is empty", at: .byte(0))], range: 0..<0)),
                    at: .byte(0)))
            } else if rawTooLarge {
                let finding = WireDecoder.oversize(count: rawCount, at: 0, limit: binary.limits.maxMessageBytes)
                found(PendingRequest(.made(.unreadable([finding], range: 0..<rawCount)), at: .byte(0)))
            } else {
                found(PendingRequest(.message(bytes: held, inputOffset: 0, decoding: binary, truncation: nil), at: .byte(0)))
            }
            held = []
        }
    }

    /// Frames or not, from the bytes held so far (a gRPC frame starts with
    /// its flag, 0 or 1; a protobuf message cannot).
    private mutating func decideForm(found: (PendingRequest) -> Void) {
        let sample = held
        held = []
        rawCount = 0
        form = InputKindDetector.detect(sample) == .grpc ? .framed : .raw
        feed(sample[...], found: found)
    }

    private mutating func feedFrames(_ chunk: ArraySlice<UInt8>, found: (PendingRequest) -> Void) {
        var frames = self.frames
        frames.feed(chunk) { index, frame in send(frame, index: index, found: found) }
        self.frames = frames
    }

    private func send(_ frame: GRPCFrames.Frame, index: Int, found: (PendingRequest) -> Void) {
        switch frame {
        case .message(let payload, let payloadOffset, let headerOffset, let announced):
            let truncation = announced > payload.count
                ? Self.cut(frame: index, at: headerOffset, announced: announced, present: payload.count) : nil
            found(PendingRequest(
                .message(bytes: payload, inputOffset: payloadOffset, decoding: binary, truncation: truncation),
                at: .byte(headerOffset)))
        case .skipped(let payload, let headerOffset, let announced, let compressed):
            var findings = [compressed
                ? Finding(
                    code: .malformed, severity: .warning,
                    message: "gRPC frame \(index) at byte \(headerOffset) is compressed (grpc-encoding); mixerdecode cannot inflate it and skips its \(payload.count) bytes",
                    at: .byte(headerOffset))
                : WireDecoder.oversize(count: payload.count, at: payload.lowerBound, limit: binary.limits.maxMessageBytes)]
            if !compressed && announced > payload.count {
                findings.insert(Self.cut(frame: index, at: headerOffset, announced: announced, present: payload.count), at: 0)
            }
            found(PendingRequest(.made(.unreadable(findings, range: payload)), at: .byte(headerOffset)))
        case .broken(let finding):
            let offset = finding.position.flatMap { if case .byte(let offset) = $0 { offset } else { nil } } ?? 0
            found(PendingRequest(.made(.unreadable([finding], range: offset..<offset)), at: .byte(offset)))
        }
    }

    /// A frame the input ends inside.
    private static func cut(frame index: Int, at headerOffset: Int, announced: Int, present: Int) -> Finding {
        Finding(
            code: .truncated, severity: .error,
            message: "gRPC frame \(index): its length at byte \(headerOffset + 1) announces \(announced) bytes but only \(present) follow",
            at: .byte(headerOffset + 1))
    }
}
