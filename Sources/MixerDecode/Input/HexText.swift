/// Hexadecimal text to bytes. Pairs of digits, white space anywhere between
/// pairs; a blank line starts a new message. And bytes to it, for `encode`.
enum HexText {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lowercase digits a byte, nothing between them.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Decodes one paragraph; on a bad character, returns what came before
    /// and the offset (in the text) of the character.
    static func decode(_ text: ArraySlice<UInt8>) -> (bytes: [UInt8], badOffset: Int?) {
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var high: UInt8?
        var highOffset = text.startIndex
        for index in text.indices {
            let byte = text[index]
            if InputKindDetector.isWhitespace(byte) { continue }
            guard let nibble = value(of: byte) else { return (out, index) }
            if let first = high {
                out.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
                highOffset = index
            }
        }
        return (out, high == nil ? nil : highOffset)
    }
}

/// Base64 text to bytes (standard or URL-safe alphabet, padding optional).
enum Base64Text {
    static func decode(_ text: ArraySlice<UInt8>) -> (bytes: [UInt8], badOffset: Int?) {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = false
        for index in text.indices {
            let byte = text[index]
            if InputKindDetector.isWhitespace(byte) { continue }
            if byte == UInt8(ascii: "=") {
                padding = true
                continue
            }
            guard !padding, let value = Base64.value(of: byte) else { return (out, index) }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return (out, nil)
    }
}

/// Splits text into paragraphs separated by blank lines, and base64 text also
/// after `=` padding, so that messages pasted one after another decode apart.
enum TextParagraphs {
    static func split(_ bytes: [UInt8], splitAfterPadding: Bool) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var start: Int?
        var lineHasText = false
        var index = 0
        func close(at end: Int) {
            if let begin = start { paragraphs.append(begin..<end) }
            start = nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                // A line with no text is a blank line: it ends the paragraph.
                if !lineHasText { close(at: index) }
                lineHasText = false
            } else if !InputKindDetector.isWhitespace(byte) {
                if splitAfterPadding, byte != UInt8(ascii: "="), index > 0, start != nil,
                   lastNonSpace(before: index, in: bytes) == UInt8(ascii: "=")
                {
                    close(at: index)
                }
                if start == nil { start = index }
                lineHasText = true
            }
            index += 1
        }
        close(at: bytes.count)
        return paragraphs
    }

    private static func lastNonSpace(before index: Int, in bytes: [UInt8]) -> UInt8? {
        var cursor = index - 1
        while cursor >= 0 && InputKindDetector.isWhitespace(bytes[cursor]) { cursor -= 1 }
        return cursor >= 0 ? bytes[cursor] : nil
    }
}
