/// Standard base64 (RFC 4648, with padding), both ways, without Foundation.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(chunk >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of one base64 character, nil for any other byte.
    @inlinable @inline(__always)
    package static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }
}

/// Base64 text to bytes (standard or URL-safe alphabet, padding optional).
package enum Base64Text {
    /// Decodes one paragraph; on a bad character, returns what came before
    /// and the offset (in the text) of the character.
    package static func decode(_ text: ArraySlice<UInt8>) -> (bytes: [UInt8], badOffset: Int?) {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var decoding = Base64Decoding()
        for index in text.indices where !ByteSearch.isWhitespace(text[index]) {
            guard decoding.take(text[index], into: &out) else { return (out, index) }
        }
        return (out, nil)
    }
}

/// Base64 decoding one character at a time (white space is the caller's
/// to skip), so that text arriving in pieces decodes without being held.
package struct Base64Decoding: Sendable {
    private var accumulator: UInt32 = 0
    private var bits = 0
    private var padding = false

    package init() {}

    /// Reads one character, appending a byte to `out` when one is complete;
    /// false when the character cannot come here (not base64, or after `=`).
    @inline(__always)
    package mutating func take(_ byte: UInt8, into out: inout [UInt8]) -> Bool {
        if byte == UInt8(ascii: "=") {
            padding = true
            return true
        }
        guard !padding, let value = Base64.value(of: byte) else { return false }
        accumulator = accumulator << 6 | UInt32(value)
        bits += 6
        if bits >= 8 {
            bits -= 8
            out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
        }
        return true
    }
}
