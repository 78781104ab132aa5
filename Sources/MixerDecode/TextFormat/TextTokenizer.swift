import MixerDecodeSupport

/// Splits protobuf text format into tokens, byte by byte, without copying
/// anything but string contents.
///
/// Damage stays local: a bad escape is kept literally and reported; a string
/// left open at the end of its line ends there (strings cannot span lines),
/// so the next line is read normally. Problems are collected in `problems`
/// with their offsets; line and column are worked out only when reported.
struct TextTokenizer {
    let text: [UInt8]
    private(set) var position = 0
    private(set) var problems: [TextTokenProblem] = []
    /// The text ends inside a string (a cut dump).
    private(set) var openAtEnd = false

    init(text: [UInt8]) {
        self.text = text
    }

    /// Reads the next token and its offset.
    mutating func next() -> (token: TextToken, offset: Int) {
        skipSpaceAndComments()
        let start = position
        guard position < text.count else { return (.end, start) }
        let byte = text[position]
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ";"):
            position += 1
            return (.symbol(byte), start)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return (.string(readString(quote: byte)), start)
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (.number(readNumber()), start)
        default:
            if Self.isIdentifierStart(byte) {
                position += 1
                while position < text.count && Self.isIdentifierPart(text[position]) { position += 1 }
                return (.identifier(start..<position), start)
            }
            skipUnexpected()
            return next()
        }
    }

    /// The next token when it is an identifier (the usual case: a field
    /// name), read without building a `TextToken`; nil when it is anything
    /// else, with only white space and comments skipped (which `next()`
    /// would skip anyway).
    mutating func nextIdentifier() -> (range: Range<Int>, offset: Int)? {
        skipSpaceAndComments()
        let start = position
        guard position < text.count, Self.isIdentifierStart(text[position]) else { return nil }
        position += 1
        while position < text.count && Self.isIdentifierPart(text[position]) { position += 1 }
        return (start..<position, start)
    }

    /// Steps over a run of bytes that start no token (one problem for the
    /// whole run), so that the `next()` above recurses at most once.
    private mutating func skipUnexpected() {
        let start = position
        position += 1  // the byte that brought us here starts no token: always consume it
        while position < text.count && !Self.startsTokenOrSpace(text[position]) {
            position += 1
        }
        let count = position - start
        problems.append(TextTokenProblem(
            offset: start,
            message: count == 1 ? "unexpected character \(Self.describe(text[start]))"
                : "\(count) unexpected bytes starting with \(Self.describe(text[start]))"))
    }

    /// Moves past text a fast path has read itself (`CanonicalTextEntry`).
    mutating func skip(to offset: Int) {
        precondition(offset >= position && offset <= text.count, "the tokenizer only moves forward, within the text")
        position = offset
    }

    /// Looks at the next token without consuming it.
    mutating func peek() -> (token: TextToken, offset: Int) {
        let saved = (position, problems.count)
        let result = next()
        position = saved.0
        problems.removeLast(problems.count - saved.1)
        return result
    }

    private mutating func skipSpaceAndComments() {
        while position < text.count {
            let byte = text[position]
            if byte == UInt8(ascii: "#") {
                while position < text.count && text[position] != UInt8(ascii: "\n") { position += 1 }
            } else if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C {
                position += 1
            } else {
                return
            }
        }
    }

    private mutating func readNumber() -> Range<Int> {
        let start = position
        if text[position] == UInt8(ascii: "-") { position += 1 }
        while position < text.count {
            let byte = text[position]
            let previous = position > start ? text[position - 1] | 0x20 : 0
            let isExponentSign = (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"))
                && position > start && previous == UInt8(ascii: "e") && !isHexNumber(start)
            guard Self.isIdentifierPart(byte) || byte == UInt8(ascii: ".") || isExponentSign else { break }
            position += 1
        }
        return start..<position
    }

    private func isHexNumber(_ start: Int) -> Bool {
        var index = start
        if text[index] == UInt8(ascii: "-") { index += 1 }
        return index + 1 < text.count && text[index] == UInt8(ascii: "0") && text[index + 1] | 0x20 == UInt8(ascii: "x")
    }

    /// Reads a quoted string and resolves C escapes: `\n \r \t \" \' \\ \a
    /// \b \f \v \?`, one to three octal digits, `\x` with one or two hex
    /// digits, `\u` with four and `\U` with eight (as UTF-8).
    private mutating func readString(quote: UInt8) -> [UInt8] {
        let start = position
        position += 1
        var bytes: [UInt8] = []
        while position < text.count {
            let byte = text[position]
            if byte == quote {
                position += 1
                return bytes
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte != UInt8(ascii: "\\") {
                bytes.append(byte)
                position += 1
                continue
            }
            readEscape(into: &bytes)
        }
        // A string left open on the last line is where a cut dump ends: the
        // parser reports the cut; anywhere else the open string is the fault.
        if text[position...].contains(where: { $0 != 0x0A && $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
            problems.append(TextTokenProblem(offset: start, message: "string is not closed before the end of its line"))
        } else {
            openAtEnd = true
        }
        return bytes
    }

    /// One escape after a backslash, as C++'s text-format tokenizer reads
    /// it: a one-letter escape, up to three octal digits, `\x` with one or
    /// two hex digits, `\u` with four, `\U` with eight. What it cannot read
    /// is kept as written, with a problem noted.
    private mutating func readEscape(into bytes: inout [UInt8]) {
        let backslash = position
        position += 1
        guard position < text.count, text[position] != UInt8(ascii: "\n") else {
            problems.append(TextTokenProblem(offset: backslash, message: "a backslash ends the line"))
            return
        }
        let letter = text[position]
        position += 1
        if let value = Self.simpleEscape(letter) {
            bytes.append(value)
        } else if letter >= UInt8(ascii: "0") && letter <= UInt8(ascii: "7") {
            readOctalEscape(first: letter, backslash: backslash, into: &bytes)
        } else if let hexCount = Self.hexDigitCount(after: letter) {
            readHexEscape(letter: letter, digits: hexCount, backslash: backslash, into: &bytes)
        } else {
            problems.append(TextTokenProblem(
                offset: backslash, message: "unknown escape \\\(Self.describe(letter)); kept as written"))
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(letter)
        }
    }

    /// `\NNN`: the first digit read, up to two more.
    private mutating func readOctalEscape(first: UInt8, backslash: Int, into bytes: inout [UInt8]) {
        var value = UInt32(first - UInt8(ascii: "0"))
        var digits = 1
        while digits < 3, position < text.count, text[position] >= UInt8(ascii: "0"), text[position] <= UInt8(ascii: "7") {
            value = value * 8 + UInt32(text[position] - UInt8(ascii: "0"))
            position += 1
            digits += 1
        }
        if value > 0xFF {
            problems.append(TextTokenProblem(offset: backslash, message: "octal escape above \\377"))
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// How many hex digits the escape letter takes at most, nil for a letter that is no hex escape.
    private static func hexDigitCount(after letter: UInt8) -> Int? {
        switch letter {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): 2
        case UInt8(ascii: "u"): 4
        case UInt8(ascii: "U"): 8
        default: nil
        }
    }

    /// `\xHH` (a byte), `\uHHHH` and `\UHHHHHHHH` (a character, in UTF-8).
    private mutating func readHexEscape(letter: UInt8, digits hexCount: Int, backslash: Int, into bytes: inout [UInt8]) {
        var value: UInt32 = 0
        var digits = 0
        while digits < hexCount, position < text.count, let nibble = HexText.value(of: text[position]) {
            value = value << 4 | UInt32(nibble)
            position += 1
            digits += 1
        }
        let enough = hexCount == 2 ? digits >= 1 : digits == hexCount
        guard enough else {
            problems.append(TextTokenProblem(
                offset: backslash, message: "\\\(Self.describe(letter)) escape without its hex digits; kept as written"))
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(letter)
            bytes.append(contentsOf: text[(position - digits)..<position])
            return
        }
        if hexCount == 2 {
            bytes.append(UInt8(value))
        } else if let scalar = Unicode.Scalar(value) {
            bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
        } else {
            problems.append(TextTokenProblem(offset: backslash, message: "\\u escape names no Unicode character"))
        }
    }

    /// The byte a one-letter escape stands for.
    private static func simpleEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "'"): 0x27
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "v"): 0x0B
        case UInt8(ascii: "?"): 0x3F
        default: nil
        }
    }

    /// Bytes `next()` can start a token with, or skips as white space or a comment.
    private static func startsTokenOrSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, UInt8(ascii: "#"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "-"),
             UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            isIdentifierStart(byte)
        }
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
