import MixerDecodeSupport

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
            } else if !ByteSearch.isWhitespace(byte) {
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
        while cursor >= 0 && ByteSearch.isWhitespace(bytes[cursor]) { cursor -= 1 }
        return cursor >= 0 ? bytes[cursor] : nil
    }
}
