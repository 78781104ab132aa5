/// Splits gRPC length-prefixed messages: 1 byte compressed flag (0 or 1),
/// 4 bytes big-endian length, then the message.
enum GRPCFrames {
    enum Frame {
        /// A message. `announcedLength` exceeds `payload.count` when the input
        /// ends inside it (the payload is then what is there).
        case message(payload: Range<Int>, headerOffset: Int, announcedLength: Int)
        /// A frame with the compressed flag: its bytes are skipped.
        case compressed(payload: Range<Int>, headerOffset: Int)
        /// The frame header itself is unreadable: nothing after it can be framed.
        case broken(Finding)
    }

    static func split(_ bytes: [UInt8], range: Range<Int>) -> [Frame] {
        var frames: [Frame] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            let left = range.upperBound - offset
            guard left >= 5 else {
                frames.append(.broken(Finding(
                    code: .truncated, severity: .error,
                    message: "gRPC frame header cut after \(left) of 5 bytes at byte \(offset)", at: .byte(offset))))
                break
            }
            let flag = bytes[offset]
            guard flag <= 1 else {
                frames.append(.broken(Finding(
                    code: .malformed, severity: .error,
                    message: "gRPC frame at byte \(offset) has compressed flag \(flag) (only 0 or 1 exist); the frames after it cannot be found",
                    at: .byte(offset))))
                break
            }
            let length = bytes[(offset + 1)..<(offset + 5)].reduce(0) { $0 << 8 | Int($1) }
            let payloadStart = offset + 5
            let payloadEnd = min(range.upperBound, payloadStart + length)
            if flag == 1 {
                frames.append(.compressed(payload: payloadStart..<payloadEnd, headerOffset: offset))
            } else {
                frames.append(.message(payload: payloadStart..<payloadEnd, headerOffset: offset, announcedLength: length))
            }
            offset = payloadEnd
        }
        return frames
    }
}
