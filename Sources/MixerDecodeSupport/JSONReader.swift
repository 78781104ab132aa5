/// A strict JSON reader (RFC 8259) over the bytes of one log line, for the
/// records log shippers write (Docker, Fluent Bit, Vector, Loki, journald).
///
/// It pulls values as the caller asks for them instead of building a tree:
/// the log text and a few names are read, everything else (labels,
/// annotations, any nested metadata) is checked and skipped without a copy.
/// What it accepts is exactly JSON: any white space and key order, no
/// trailing commas, comments, single quotes, leading zeros or bare control
/// characters. Nesting is bounded (`maxDepth`), so no input can exhaust the
/// stack, and every index is checked, so no input can crash it.
///
/// Deliberately lenient in one place: string bytes are not checked as UTF-8
/// (the text-format reader reports invalid UTF-8 where it matters), and an
/// unpaired `\uD800`-style surrogate becomes U+FFFD, as Go's encoder writes
/// it, rather than failing the whole line.
package struct JSONReader {
    /// Why the bytes are not one JSON value; `offset` counts from the line's start.
    package struct Failure: Error, Equatable {
        package var offset: Int
        package var reason: String
    }

    private let bytes: ArraySlice<UInt8>
    package private(set) var index: Int
    package let maxDepth: Int
    private var depth = 0

    package init(_ bytes: ArraySlice<UInt8>, maxDepth: Int = 64) {
        self.bytes = bytes
        self.index = bytes.startIndex
        self.maxDepth = maxDepth
    }

    package enum Kind { case object, array, string, number, literal }

    /// The kind of the next value (after white space), or nil when no value can start here.
    package mutating func peekKind() -> Kind? {
        skipWhiteSpace()
        guard index < bytes.endIndex else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return .literal
        default: return nil
        }
    }

    /// Reads an object, handing each key to `member`, which must read or skip its value.
    package mutating func readObject(_ member: (inout JSONReader, ArraySlice<UInt8>) throws -> Void) throws {
        try open(UInt8(ascii: "{"))
        skipWhiteSpace()
        if take(UInt8(ascii: "}")) { return close() }
        while true {
            skipWhiteSpace()
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let key = try readString()
            skipWhiteSpace()
            guard take(UInt8(ascii: ":")) else { throw fail("expected ':' after a key") }
            try member(&self, key)
            skipWhiteSpace()
            if take(UInt8(ascii: "}")) { return close() }
            guard take(UInt8(ascii: ",")) else { throw fail("expected ',' or '}' in an object") }
        }
    }

    /// Reads an array, calling `element` for each value, which must read or skip it.
    package mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        try open(UInt8(ascii: "["))
        skipWhiteSpace()
        if take(UInt8(ascii: "]")) { return close() }
        while true {
            try element(&self)
            skipWhiteSpace()
            if take(UInt8(ascii: "]")) { return close() }
            guard take(UInt8(ascii: ",")) else { throw fail("expected ',' or ']' in an array") }
        }
    }

    /// A string's content with its escapes undone: a slice of the line when
    /// it has no escapes (no copy), else of a new buffer.
    package mutating func readString() throws -> ArraySlice<UInt8> {
        skipWhiteSpace()
        guard take(UInt8(ascii: "\"")) else { throw fail("expected a string") }
        let start = index
        // Most strings have no escapes: found by one scan, returned in place.
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return bytes[start..<(index - 1)]
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw fail("a control character in a string must be escaped") }
            index += 1
        }
        var out = Array(bytes[start..<index])
        try readEscapedRest(into: &out)
        return out[...]
    }

    /// The text of a number, checked against JSON's grammar.
    package mutating func readNumber() throws -> ArraySlice<UInt8> {
        skipWhiteSpace()
        let start = index
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
            // JSON has no leading zeros.
        } else {
            guard takeDigits() > 0 else { throw fail("expected a digit") }
        }
        if take(UInt8(ascii: ".")) {
            guard takeDigits() > 0 else { throw fail("expected a digit after '.'") }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard takeDigits() > 0 else { throw fail("expected a digit in the exponent") }
        }
        return bytes[start..<index]
    }

    /// `true`, `false` or `null`: true and false as a Bool, null as nil.
    package mutating func readLiteral() throws -> Bool? {
        skipWhiteSpace()
        if takeWord("true") { return true }
        if takeWord("false") { return false }
        if takeWord("null") { return nil }
        throw fail("expected a value")
    }

    /// Checks the next value, whatever it is, and moves past it.
    package mutating func skipValue() throws {
        switch peekKind() {
        case .object?: try readObject { reader, _ in try reader.skipValue() }
        case .array?: try readArray { reader in try reader.skipValue() }
        case .string?: _ = try readString()
        case .number?: _ = try readNumber()
        case .literal?: _ = try readLiteral()
        case nil: throw fail("expected a value")
        }
    }

    /// Only white space may follow the value.
    package mutating func finish() throws {
        skipWhiteSpace()
        guard index == bytes.endIndex else { throw fail("text after the JSON value") }
    }

    /// True when `bytes` hold exactly one JSON value.
    package static func isValid(_ bytes: ArraySlice<UInt8>, maxDepth: Int = 64) -> Bool {
        var reader = JSONReader(bytes, maxDepth: maxDepth)
        do {
            try reader.skipValue()
            try reader.finish()
            return true
        } catch {
            return false
        }
    }

    // MARK: - Pieces

    private mutating func open(_ bracket: UInt8) throws {
        skipWhiteSpace()
        guard take(bracket) else { throw fail("expected '\(Character(Unicode.Scalar(bracket)))'") }
        depth += 1
        guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth) levels") }
    }

    private mutating func close() { depth -= 1 }

    /// The rest of a string from its first backslash, escapes undone, up to and past its closing quote.
    private mutating func readEscapedRest(into out: inout [UInt8]) throws {
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"): try readEscape(into: &out)
            case ..<0x20: throw fail("a control character in a string must be escaped")
            default: out.append(byte)
            }
        }
        throw fail("the string is not closed")
    }

    /// One escape, after its backslash.
    private mutating func readEscape(into out: inout [UInt8]) throws {
        guard index < bytes.endIndex else { throw fail("the string is not closed") }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): appendScalar(try readUnicodeEscape(), to: &out)
        default: throw fail("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
        }
    }

    /// The scalar of `\uXXXX` (after `\u`), a surrogate pair joined; U+FFFD for a lone surrogate.
    private mutating func readUnicodeEscape() throws -> Unicode.Scalar {
        let code = try readHex4()
        if (0xDC00..<0xE000).contains(code) { return "\u{FFFD}" }
        guard (0xD800..<0xDC00).contains(code) else { return Unicode.Scalar(code) ?? "\u{FFFD}" }
        // A high surrogate: a pair only with a low one right after it.
        let save = index
        if take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")) {
            let low = try readHex4()
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
        }
        index = save
        return "\u{FFFD}"
    }

    private mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.endIndex, let digit = HexText.value(of: bytes[index]) else {
                throw fail("\\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        // UTF8.encode calls back once per byte: no String, no allocation.
        UTF8.encode(scalar) { out.append($0) }
    }

    private mutating func takeDigits() -> Int {
        let start = index
        while index < bytes.endIndex, ByteSearch.isDigit(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func takeWord(_ word: StaticString) -> Bool {
        let matches = word.withUTF8Buffer { expected in
            bytes.endIndex - index >= expected.count
                && expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += word.utf8CodeUnitCount }
        return matches
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.endIndex, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhiteSpace() {
        while index < bytes.endIndex {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func fail(_ reason: String) -> Failure {
        Failure(offset: index - bytes.startIndex, reason: reason)
    }
}
