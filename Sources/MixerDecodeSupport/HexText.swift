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
        var decoding = HexDecoding()
        for index in text.indices where !ByteSearch.isWhitespace(text[index]) {
            guard decoding.take(text[index], at: index, into: &out) else { return (out, index) }
        }
        return (out, decoding.unpairedDigit)
    }
}

/// Hex decoding one digit at a time (white space is the caller's to skip),
/// so that text arriving in pieces decodes without being held.
package struct HexDecoding: Sendable {
    private var high: UInt8?
    /// The offset of a digit still waiting for the second of its pair: at
    /// the end of the text, the unpaired digit that makes it bad.
    package private(set) var unpairedDigit: Int?

    package init() {}

    /// Reads one digit at `offset`, appending a byte to `out` when a pair is
    /// complete; false for a character that is not a hex digit.
    @inline(__always)
    package mutating func take(_ byte: UInt8, at offset: Int, into out: inout [UInt8]) -> Bool {
        guard let nibble = HexText.value(of: byte) else { return false }
        if let first = high {
            out.append(first << 4 | nibble)
            high = nil
            unpairedDigit = nil
        } else {
            high = nibble
            unpairedDigit = offset
        }
        return true
    }
}
