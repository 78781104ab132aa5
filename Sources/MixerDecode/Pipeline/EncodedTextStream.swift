import MixerDecodeSupport

/// Base64 or hex text as it arrives. The text is cut into paragraphs at
/// blank lines, and base64 also after `=` padding, so that messages pasted
/// one after another decode apart; each paragraph is decoded character by
/// character into a `MessageStream` of its own (gRPC frames or one raw
/// message, told from what it decodes to). Neither the text nor what it
/// decodes to is held whole: a 200 MB line costs the memory of one message.
///
/// Nothing is dropped silently: a bad character ends its paragraph's
/// decoding with a finding, after the messages of what came before it.
struct EncodedTextStream: Sendable {
    /// One paragraph being decoded.
    private struct Paragraph: Sendable {
        /// Offset in the input of the paragraph's first character.
        let start: Int
        var messages: MessageStream
        /// Bytes decoded so far.
        var decodedCount = 0
        var base64 = Base64Decoding()
        var hex = HexDecoding()
        /// Bytes decoded and not yet handed to `messages`.
        var decoded: [UInt8] = []
        /// The first character that could not be decoded: the rest of the paragraph is not read.
        var badOffset: Int?
    }

    let isBase64: Bool
    let binary: BinaryInput
    /// Offset in the input of the next byte.
    private var offset = 0
    private var paragraph: Paragraph?
    private var lineHasText = false
    /// The open paragraph's last character that is not white space.
    private var lastCharacter: UInt8 = 0

    init(kind: InputKind, binary: BinaryInput) {
        precondition(kind == .base64 || kind == .hex, "EncodedTextStream reads base64 and hex")
        self.isBase64 = kind == .base64
        self.binary = binary
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>, found: (PendingRequest) -> Void) {
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                // A line with no text is a blank line: it ends the paragraph.
                if !lineHasText { close(found: found) }
                lineHasText = false
            } else if !ByteSearch.isWhitespace(byte) {
                if isBase64, byte != UInt8(ascii: "="), paragraph != nil, lastCharacter == UInt8(ascii: "=") {
                    close(found: found)
                }
                if paragraph == nil { paragraph = Paragraph(start: offset, messages: MessageStream(binary: binary, form: nil)) }
                lineHasText = true
                lastCharacter = byte
                take(byte, found: found)
            }
            offset += 1
        }
        handOn(found: found)
    }

    mutating func finish(found: (PendingRequest) -> Void) {
        close(found: found)
    }

    private mutating func take(_ byte: UInt8, found: (PendingRequest) -> Void) {
        var open = paragraph.take()!
        if open.badOffset == nil {
            let taken = isBase64
                ? open.base64.take(byte, into: &open.decoded)
                : open.hex.take(byte, at: offset, into: &open.decoded)
            if !taken { open.badOffset = offset }
        }
        let full = open.decoded.count >= 1 << 16
        paragraph = open
        if full { handOn(found: found) }
    }

    /// Gives what the open paragraph decoded so far to its message stream.
    private mutating func handOn(found: (PendingRequest) -> Void) {
        guard var open = paragraph, !open.decoded.isEmpty else { return }
        paragraph = nil
        open.decodedCount += open.decoded.count
        open.messages.feed(open.decoded[...], found: found)
        open.decoded.removeAll(keepingCapacity: true)
        paragraph = open
    }

    private mutating func close(found: (PendingRequest) -> Void) {
        handOn(found: found)
        guard var closed = paragraph else { return }
        paragraph = nil
        let badOffset = closed.badOffset ?? (isBase64 ? nil : closed.hex.unpairedDigit)
        if !closed.messages.isEmpty { closed.messages.finish(found: found) }
        if let badOffset {
            let kind = isBase64 ? "base64" : "hex"
            found(PendingRequest(.made(.unreadable([Finding(
                code: .malformed, severity: .error,
                message: "\(kind) text has an invalid or unpaired character at byte \(badOffset) of the input; the \(closed.decodedCount) bytes before it are decoded",
                at: .byte(badOffset))], range: closed.start..<offset)), at: .byte(closed.start)))
        }
    }
}
