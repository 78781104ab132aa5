/// Go's literal conversions as Mixer's `newConstant` calls them
/// (istio/istio `mixer/pkg/lang/ast/expr.go`): `strconv.ParseInt(v, 10,
/// 64)`, `strconv.ParseFloat(v, 64)`, `strconv.Unquote`, and
/// `time.ParseDuration` on every unquoted string. Their error texts are Go's.
enum GoLiterals {
    /// Decimal only, as `ParseInt(v, 10, 64)`: `0x10` and `1_000` are
    /// errors, and `017` is seventeen.
    static func parseInt(_ text: String) -> Result<Int64, LiteralError> {
        guard let value = Int64(text, radix: 10) else {
            let digits = text.drop { $0 == "+" || $0 == "-" }
            let range = !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            return .failure(LiteralError("strconv.ParseInt: parsing \"\(text)\": \(range ? "value out of range" : "invalid syntax")"))
        }
        return .success(value)
    }

    static func parseFloat(_ text: String) -> Result<Double, LiteralError> {
        guard !text.contains("_"), let value = Double(text) else {
            return .failure(LiteralError("strconv.ParseFloat: parsing \"\(text)\": invalid syntax"))
        }
        guard value.isFinite else {
            return .failure(LiteralError("strconv.ParseFloat: parsing \"\(text)\": value out of range"))
        }
        return .success(value)
    }

    /// A Go string (`"..."`, `` `...` ``) or rune (`'x'`) literal's text.
    static func unquote(_ literal: String) -> Result<String, LiteralError> {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { return .failure(.invalidSyntax) }
        let body = bytes[1..<(bytes.count - 1)]
        switch quote {
        case UInt8(ascii: "`"):
            guard !body.contains(UInt8(ascii: "`")) else { return .failure(.invalidSyntax) }
            // Go drops carriage returns from raw strings.
            return .success(String(decoding: body.filter { $0 != 0x0D }, as: UTF8.self))
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let text = unescape(body, quote: quote) else { return .failure(.invalidSyntax) }
            if quote == UInt8(ascii: "'") && text.unicodeScalars.count != 1 { return .failure(.invalidSyntax) }
            return .success(text)
        default:
            return .failure(.invalidSyntax)
        }
    }

    private static func unescape(_ body: ArraySlice<UInt8>, quote: UInt8) -> String? {
        var out: [UInt8] = []
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            guard byte != quote, byte != 0x0A else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < body.endIndex, let (bytes, length) = escape(body[(index + 1)...], quote: quote) else { return nil }
            out += bytes
            index += 1 + length
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The bytes one escape (after its backslash) stands for, and its length.
    private static func escape(_ rest: ArraySlice<UInt8>, quote: UInt8) -> ([UInt8], Int)? {
        let letter = rest[rest.startIndex]
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10,
            UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9, UInt8(ascii: "v"): 11, UInt8(ascii: "\\"): 0x5C,
        ]
        if let value = simple[letter] { return ([value], 1) }
        // Only the literal's own quote may be escaped: `\'` in "..." is an error.
        if letter == quote { return ([quote], 1) }
        if letter >= UInt8(ascii: "0") && letter <= UInt8(ascii: "7") {
            guard let value = number(rest.prefix(3), radix: 8, digits: 3), value <= 0xFF else { return nil }
            return ([UInt8(value)], 3)
        }
        let hexDigits: Int? = switch letter {
        case UInt8(ascii: "x"): 2
        case UInt8(ascii: "u"): 4
        case UInt8(ascii: "U"): 8
        default: nil
        }
        guard let hexDigits, let value = number(rest.dropFirst().prefix(hexDigits), radix: 16, digits: hexDigits) else {
            return nil
        }
        if letter == UInt8(ascii: "x") { return ([UInt8(value)], 3) }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (Array(String(Character(scalar)).utf8), 1 + hexDigits)
    }

    private static func number(_ digits: ArraySlice<UInt8>, radix: UInt32, digits count: Int) -> UInt32? {
        guard digits.count == count else { return nil }
        return UInt32(String(decoding: digits, as: UTF8.self), radix: Int(radix))
    }

    /// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or
    /// `0`; nanoseconds, nil when the text is not one (no error text: Mixer
    /// only asks whether a string is a duration).
    static func parseDuration(_ text: String) -> Int64? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        if String(scalars) == "0" { return 0 }
        guard !scalars.isEmpty else { return nil }
        var total: Int64 = 0
        while !scalars.isEmpty {
            guard let (nanos, rest) = durationPart(scalars) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(nanos)
            guard !overflow else { return nil }
            total = sum
            scalars = rest
        }
        return negative ? -total : total
    }

    private static let units: [String: Int64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000, "s": 1_000_000_000,
        "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// One `12.5ms` of a duration, in nanoseconds, and what follows it.
    private static func durationPart(
        _ scalars: Substring.UnicodeScalarView.SubSequence
    ) -> (Int64, Substring.UnicodeScalarView.SubSequence)? {
        let whole = scalars.prefix { ("0"..."9").contains($0) }
        var rest = scalars.dropFirst(whole.count)
        var fraction = Substring.UnicodeScalarView.SubSequence()
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix { ("0"..."9").contains($0) }
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        let unitText = rest.prefix { $0 != "." && !("0"..."9").contains($0) }
        guard let unit = units[String(unitText)] else { return nil }
        rest = rest.dropFirst(unitText.count)
        guard let wholeValue = Int64(String(whole).isEmpty ? "0" : String(whole)) else { return nil }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        var fractionNanos: Int64 = 0
        var place = Double(unit)
        for digit in fraction.prefix(18) {
            place /= 10
            fractionNanos += Int64(Double(digit.value - 48) * place)
        }
        let (sum, overflowSum) = scaled.addingReportingOverflow(fractionNanos)
        guard !overflowSum else { return nil }
        return (sum, rest)
    }
}

/// A literal Go's `strconv` rejects, with Go's message.
struct LiteralError: Error, Equatable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
    static let invalidSyntax = LiteralError("invalid syntax")
}
