/// Makes strings from the wire safe to print on a terminal: attribute values
/// are chosen by remote clients, and an escape sequence in a user agent must
/// not recolour, move or clear the operator's screen.
package enum TerminalText {
    /// `text` quoted, with C-style escapes for control characters (C0, DEL,
    /// C1), quotes, backslashes and invisible bidirectional controls.
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isUnsafe(scalar) {
                    out += scalar.value <= 0xFF
                        ? "\\x" + hex(scalar.value, width: 2)
                        : "\\u{" + hex(scalar.value, width: 4) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` without quotes, control characters escaped (names, messages).
    package static func plain(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        let quoted = quoted(text)
        return String(quoted.dropFirst().dropLast())
    }

    /// Appends `quoted(text)` to `out`; returns its width in characters
    /// (what `quoted(text).count` is). Text that is printable ASCII without
    /// quotes or backslashes, nearly every value, is copied as it is, in one
    /// copy from the String's own bytes.
    package static func appendQuoted(_ text: String, to out: inout [UInt8]) -> Int {
        var text = text
        let copied: Int? = text.withUTF8 { utf8 in
            guard isPrintableASCII(utf8, allowingQuotes: false) else { return nil }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return utf8.count + 2
        }
        if let copied { return copied }
        let quoted = quoted(text)
        out.append(contentsOf: quoted.utf8)
        return quoted.count
    }

    /// Appends `plain(text)` to `out`; returns its width in characters.
    package static func appendPlain(_ text: String, to out: inout [UInt8]) -> Int {
        var text = text
        let copied: Int? = text.withUTF8 { utf8 in
            guard isPrintableASCII(utf8, allowingQuotes: true) else { return nil }
            out.append(contentsOf: utf8)
            return utf8.count
        }
        if let copied { return copied }
        let plain = plain(text)
        out.append(contentsOf: plain.utf8)
        return plain.count
    }

    /// The width in characters of `plain(text)`.
    package static func plainWidth(_ text: String) -> Int {
        var text = text
        let ascii = text.withUTF8 { isPrintableASCII($0, allowingQuotes: true) }
        return ascii ? text.utf8.count : plain(text).count
    }

    /// The width in characters of `quoted(text)`.
    package static func quotedWidth(_ text: String) -> Int {
        var text = text
        let ascii = text.withUTF8 { isPrintableASCII($0, allowingQuotes: false) }
        return ascii ? text.utf8.count + 2 : quoted(text).count
    }

    /// Whether every byte of `utf8` is printable ASCII (space to tilde),
    /// quotes and backslashes only if `allowingQuotes`: text that both
    /// `quoted` and `plain` leave as it is, one byte a character.
    private static func isPrintableASCII(_ utf8: UnsafeBufferPointer<UInt8>, allowingQuotes: Bool) -> Bool {
        for byte in utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return false }
            if !allowingQuotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")) { return false }
        }
        return true
    }

    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
