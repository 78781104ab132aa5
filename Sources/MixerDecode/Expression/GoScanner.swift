/// The tokens of Go's expression syntax, which Mixer's expression language
/// (CEXL) borrows whole: Mixer hands every expression to Go's
/// `go/parser.ParseExpr` (istio/istio `mixer/pkg/lang/ast/expr.go`, `Parse`).
/// Only what an expression can hold is scanned; anything else is an illegal
/// token, which the parser reports as Go's parser would.
struct GoToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case identifier, keyword, int, float, imaginary, char, string
        /// An operator or delimiter, spelled as in Go (`==`, `&^`, `(`).
        case symbol
        case end
        /// A byte no Go token starts with, or a literal Go's scanner rejects.
        case illegal(String)
    }

    var kind: Kind
    /// The token's text as written (a literal with its quotes).
    var text: String
    /// 1-based column in bytes, as Go's errors count it ("1:3: ...").
    var column: Int

    /// How Go's parser names the token in "expected X, found Y".
    var found: String {
        switch kind {
        case .identifier, .int, .float, .imaginary, .char, .string: text
        case .end: "'EOF'"
        case .keyword, .symbol, .illegal: "'\(text)'"
        }
    }
}

/// Splits an expression into Go tokens (Go's `go/scanner`, for one line).
struct GoScanner {
    static let keywords: Set<String> = [
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
        "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
        "switch", "type", "var",
    ]
    /// Longest first, so that `&&` is never read as two `&`.
    static let symbols = [
        "...", "&^=", "<<=", ">>=", "&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "&^", "<-", ":=", "++", "--",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "=", "!",
        "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "~",
    ].map { Array($0.utf8) }

    let bytes: [UInt8]
    private var index = 0

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    mutating func next() -> GoToken {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
        let start = index
        guard index < bytes.count else { return GoToken(kind: .end, text: "", column: start + 1) }
        let byte = bytes[index]
        let kind: GoToken.Kind
        if Self.isLetter(byte) {
            while index < bytes.count, Self.isLetter(bytes[index]) || Self.isDigit(bytes[index]) { index += 1 }
            kind = Self.keywords.contains(text(from: start)) ? .keyword : .identifier
        } else if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && index + 1 < bytes.count && Self.isDigit(bytes[index + 1])) {
            kind = scanNumber()
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "'") {
            kind = scanQuoted(byte)
        } else if let symbol = Self.symbols.first(where: { bytes[index...].starts(with: $0) }) {
            index += symbol.count
            kind = .symbol
        } else {
            index += 1
            kind = .illegal("illegal character \(Self.describe(byte))")
        }
        return GoToken(kind: kind, text: text(from: start), column: start + 1)
    }

    private func text(from start: Int) -> String { String(decoding: bytes[start..<index], as: UTF8.self) }

    /// Digits, letters (hex digits, prefixes, exponents, `i`), `_` and `.`,
    /// with a sign right after an exponent letter: the literal is checked when
    /// it becomes a constant, as Mixer's `strconv` calls check it.
    private mutating func scanNumber() -> GoToken.Kind {
        let start = index
        let hex = bytes[index...].starts(with: Array("0x".utf8)) || bytes[index...].starts(with: Array("0X".utf8))
        while index < bytes.count {
            let byte = bytes[index]
            let exponent = hex ? (byte | 0x20) == UInt8(ascii: "p") : (byte | 0x20) == UInt8(ascii: "e")
            if exponent, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "+") || bytes[index + 1] == UInt8(ascii: "-") {
                index += 2
            } else if Self.isDigit(byte) || Self.isLetter(byte) || byte == UInt8(ascii: ".") {
                index += 1
            } else {
                break
            }
        }
        let literal = text(from: start)
        if literal.hasSuffix("i") { return .imaginary }
        let isFloat = literal.contains(".") || (hex ? literal.lowercased().contains("p") : literal.lowercased().contains("e"))
        return isFloat ? .float : .int
    }

    /// A string (`"..."`, raw `` `...` ``) or a rune (`'x'`) literal, to its
    /// closing quote; escapes are undone when it becomes a constant.
    private mutating func scanQuoted(_ quote: UInt8) -> GoToken.Kind {
        index += 1
        var characters = 0
        while index < bytes.count, bytes[index] != quote {
            if quote != UInt8(ascii: "`") && bytes[index] == 0x0A { break }
            if quote != UInt8(ascii: "`") && bytes[index] == UInt8(ascii: "\\") && index + 1 < bytes.count {
                // An escape is one character, whatever its length.
                index += Self.escapeLength(bytes[index + 1])
                characters += 1
                continue
            }
            if bytes[index] & 0xC0 != 0x80 { characters += 1 }
            index += 1
        }
        guard index < bytes.count, bytes[index] == quote else {
            return .illegal(quote == UInt8(ascii: "'") ? "rune literal not terminated" : "string literal not terminated")
        }
        index += 1
        guard quote == UInt8(ascii: "'") else { return .string }
        return characters == 1 ? .char : .illegal("illegal rune literal")
    }

    /// Bytes of an escape, backslash included: `\xHH`, `\uHHHH`,
    /// `\UHHHHHHHH`, `\NNN` (octal), or a backslash and one letter.
    private static func escapeLength(_ letter: UInt8) -> Int {
        switch letter {
        case UInt8(ascii: "x"): 4
        case UInt8(ascii: "u"): 6
        case UInt8(ascii: "U"): 10
        case UInt8(ascii: "0")...UInt8(ascii: "7"): 4
        default: 2
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "U+\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4)) '\(Character(Unicode.Scalar(byte)))'" : "U+\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
