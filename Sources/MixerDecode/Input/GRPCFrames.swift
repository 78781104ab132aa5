/// Splits gRPC length-prefixed messages (1 byte compressed flag, 0 or 1;
/// 4 bytes big-endian length; the message) as their bytes arrive, holding
/// at most one frame: a capture of any size is read in the memory of its
/// largest message. Frames over `maxPayloadBytes`, and compressed ones, are
/// passed over without being held.
struct GRPCFrames: Sendable {
    enum Frame {
        /// A message. `announcedLength` exceeds `payload.count` when the
        /// input ends inside it (the payload is then what is there).
        case message(payload: [UInt8], payloadOffset: Int, headerOffset: Int, announcedLength: Int)
        /// A frame whose bytes were passed over: compressed (grpc-encoding),
        /// or longer than the limit. `payload` is where its bytes are.
        case skipped(payload: Range<Int>, headerOffset: Int, announcedLength: Int, compressed: Bool)
        /// The frame header itself is unreadable: nothing after it can be framed.
        case broken(Finding)
    }

    let maxPayloadBytes: Int
    /// Bytes not yet framed, from offset `heldStart` of the input.
    private var held: [UInt8] = []
    private var heldStart = 0
    /// The frame being passed over, and how many of its bytes were seen.
    private var skipping: (headerOffset: Int, announced: Int, compressed: Bool, seen: Int)?
    private var isBroken = false
    /// Frames given so far: the next one's index (findings count frames from 0).
    private(set) var count = 0

    init(maxPayloadBytes: Int) {
        self.maxPayloadBytes = maxPayloadBytes
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>, frame: (_ index: Int, Frame) -> Void) {
        guard !isBroken else { return }
        var rest = chunk
        if let skip = skipping {
            let taken = min(skip.announced - skip.seen, rest.count)
            skipping!.seen += taken
            rest = rest.dropFirst(taken)
            heldStart += taken
            guard skipping!.seen == skip.announced else { return }
            endSkip(frame: frame)
        }
        held += rest
        var cursor = 0
        defer {
            held.removeFirst(cursor)
            heldStart += cursor
        }
        while held.count - cursor >= 5 && !isBroken {
            let headerOffset = heldStart + cursor
            let flag = held[cursor]
            let length = held[(cursor + 1)..<(cursor + 5)].reduce(0) { $0 << 8 | Int($1) }
            guard flag <= 1 else {
                isBroken = true
                send(.broken(Finding(
                    code: .malformed, severity: .error,
                    message: "gRPC frame at byte \(headerOffset) has compressed flag \(flag) (only 0 or 1 exist); the frames after it cannot be found",
                    at: .byte(headerOffset))), frame)
                cursor = held.count
                return
            }
            let payloadStart = cursor + 5
            if flag == 1 || length > maxPayloadBytes {
                // Passed over: what of it is here now, the rest as it comes.
                let here = min(length, held.count - payloadStart)
                skipping = (headerOffset, length, flag == 1, here)
                cursor = payloadStart + here
                if here == length { endSkip(frame: frame) }
                continue
            }
            guard held.count - payloadStart >= length else { return }
            send(.message(
                payload: Array(held[payloadStart..<(payloadStart + length)]), payloadOffset: heldStart + payloadStart,
                headerOffset: headerOffset, announcedLength: length), frame)
            cursor = payloadStart + length
        }
    }

    /// The end of the input: a frame it cut is given as far as it goes.
    mutating func finish(frame: (_ index: Int, Frame) -> Void) {
        guard !isBroken else { return }
        if skipping != nil {
            endSkip(frame: frame)
        } else if held.count >= 5 {
            let length = held[1..<5].reduce(0) { $0 << 8 | Int($1) }
            send(.message(
                payload: Array(held[5...]), payloadOffset: heldStart + 5, headerOffset: heldStart, announcedLength: length), frame)
        } else if !held.isEmpty {
            send(.broken(Finding(
                code: .truncated, severity: .error,
                message: "gRPC frame header cut after \(held.count) of 5 bytes at byte \(heldStart)", at: .byte(heldStart))), frame)
        }
        held = []
        isBroken = true
    }

    private mutating func endSkip(frame: (_ index: Int, Frame) -> Void) {
        guard let skip = skipping else { return }
        skipping = nil
        let payloadStart = skip.headerOffset + 5
        send(.skipped(
            payload: payloadStart..<(payloadStart + skip.seen), headerOffset: skip.headerOffset,
            announcedLength: skip.announced, compressed: skip.compressed), frame)
    }

    private mutating func send(_ found: Frame, _ frame: (_ index: Int, Frame) -> Void) {
        frame(count, found)
        count += 1
    }
}
