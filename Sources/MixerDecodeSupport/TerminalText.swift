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
