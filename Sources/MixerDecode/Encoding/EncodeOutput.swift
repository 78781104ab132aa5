import MixerDecodeSupport

/// How built requests are written (`mixerdecode encode --to`): gRPC frames
/// (several requests in a row), one raw message, or the hex or base64 text
/// of the frames, which the decoder reads back as they are.
public enum EncodeOutput {
    /// `--to`: gRPC frames, one raw message, or the frames as hex or base64 text.
    public enum Form: String, CaseIterable, Sendable {
        case grpc, raw, hex, base64
    }

    /// Why the requests cannot be written in the form asked for.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// `messages` written in `form`.
    public static func bytes(_ messages: [[UInt8]], as form: Form) throws -> [UInt8] {
        switch form {
        case .raw:
            guard messages.count == 1 else {
                throw Problem(description: "--to raw holds one request; the input has \(messages.count): use --to grpc")
            }
            return messages[0]
        case .grpc:
            return grpcFrames(messages)
        case .hex:
            return Array(HexText.encode(grpcFrames(messages)).utf8) + [0x0A]
        case .base64:
            // Lines of 76 characters ended by CR LF, as MIME (RFC 2045) and
            // Foundation's `.lineLength76Characters` write them.
            let text = Array(Base64.encode(grpcFrames(messages)).utf8)
            let lines = stride(from: 0, to: text.count, by: 76).map { text[$0..<min($0 + 76, text.count)] }
            return Array(lines.joined(separator: [0x0D, 0x0A])) + [0x0A]
        }
    }

    /// Each message in a gRPC frame (docs/protocol.md §1): flag 0 (not
    /// compressed), the length in 4 bytes big-endian, the message.
    public static func grpcFrames(_ messages: [[UInt8]]) -> [UInt8] {
        messages.flatMap { message -> [UInt8] in
            let length = UInt32(message.count)
            return [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
        }
    }
}
