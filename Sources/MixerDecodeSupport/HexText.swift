/// Hexadecimal text to bytes. Pairs of digits, white space anywhere between
/// pairs; a blank line starts a new message. And bytes to it, for `encode`.
package enum HexText {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lowercase digits a byte, nothing between them.
    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inlinable @inline(__always)
    package static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Decodes one paragraph; on a bad character, returns what came before
    /// and the offset (in the text) of the character.
    package static func decode(_ text: ArraySlice<UInt8>) -> (bytes: [UInt8], badOffset: Int?) {
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var high: UInt8?
        var highOffset = text.startIndex
        for index in text.indices {
            let byte = text[index]
            if ByteSearch.isWhitespace(byte) { continue }
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
