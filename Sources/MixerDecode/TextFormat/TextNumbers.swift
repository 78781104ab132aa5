import MixerDecodeSupport

/// Numbers and descriptions of tokens for the text-format reader: integers
/// read straight from the bytes of the dump (no String per number: this
/// runs for every key and value), and how a token is named in a finding.
extension TextFormatParser {
    func parseInteger(_ span: Range<Int>) -> Int64? {
        let negative = tokenizer.text[span.lowerBound] == UInt8(ascii: "-")
        let digits = negative ? (span.lowerBound + 1)..<span.upperBound : span
        guard let magnitude = parseUnsigned(digits) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Decimal, hex after `0x`, octal after a leading `0`, read from the bytes
    /// (no String per number: this runs for every key and value). Accepts
    /// exactly what `UInt64(_:radix:)` accepted here before: an empty number,
    /// a stray character or an overflow is nil; so is a negative one, except
    /// `-0`.
    func parseUnsigned(_ span: Range<Int>) -> UInt64? {
        let text = tokenizer.text
        var index = span.lowerBound
        let end = span.upperBound
        var radix: UInt64 = 10
        var negative = false
        if end - index >= 2, text[index] == UInt8(ascii: "0"), text[index + 1] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            index += 2
        } else if end - index > 1, text[index] == UInt8(ascii: "0") {
            radix = 8
            index += 1
        } else if index < end, text[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < end else { return nil }
        var value: UInt64 = 0
        while index < end {
            guard let digit = HexText.value(of: text[index]).map(UInt64.init), digit < radix else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(digit)
            guard !overflowShift, !overflowAdd else { return nil }
            value = sum
            index += 1
        }
        return negative && value != 0 ? nil : value
    }

    func describe(_ token: TextToken) -> String {
        switch token {
        case .identifier(let span), .number(let span):
            "'" + String(decoding: tokenizer.text[span].prefix(40), as: UTF8.self) + "'"
        case .string: "a string"
        case .symbol(let byte): TextTokenizer.describe(byte)
        case .end: "the end of the dump"
        }
    }
}
