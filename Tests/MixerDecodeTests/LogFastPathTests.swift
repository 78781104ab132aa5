import Testing
@testable import MixerDecode

/// The shortcuts taken for speed in the log and text-format readers give
/// exactly what the plain versions gave.
@Suite struct LogFastPathTests {
    /// The number reader as it was (through String and `UInt64(_:radix:)`).
    static func referenceUnsigned(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        if text.count > 1 && text.hasPrefix("0") { return UInt64(text.dropFirst(), radix: 8) }
        return UInt64(text, radix: 10)
    }

    @Test func unsignedNumbersReadFromBytesAsBefore() {
        let samples = [
            "0", "00", "07", "08", "0x", "0X1f", "0xg", "0x-1", "1", "131", "-0", "-00", "-5", "-", "-0x5", "-05",
            "1.5", "1e5", "1e+21", "18446744073709551615", "18446744073709551616", "0xFFFFFFFFFFFFFFFF",
            "0x10000000000000000", "01777777777777777777777", "02000000000000000000000", "99999999999999999999",
            "inf", "-inf", "2.5e-05",
        ]
        for sample in samples {
            let parser = TextFormatParser(text: Array(sample.utf8), limits: .default, locator: .bytes)
            #expect(parser.parseUnsigned(0..<sample.utf8.count) == Self.referenceUnsigned(sample), "\(sample)")
        }
    }

    @Test func boolsReadFromBytesAsBefore() {
        for (word, expected) in [("true", true), ("True", true), ("t", true), ("1", true), ("false", false),
                                 ("False", false), ("f", false), ("0", false), ("TRUE", nil), ("yes", nil), ("10", nil)] {
            var parser = TextFormatParser(text: Array("value: \(word)".utf8), limits: .default, locator: .bytes)
            _ = parser.tokenizer.next()
            #expect(parser.readBool(context: "value", record: nil) == expected, "\(word)")
        }
    }

    /// Lines of every length around the eight-byte steps of the newline
    /// search, in chunks of every size: the same lines as one split per byte.
    @Test func linesAreFoundWhateverTheirLengthAndTheChunks() {
        var text: [UInt8] = []
        var expected: [[UInt8]] = []
        for length in 0..<40 {
            let line = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            expected.append(line)
            text += line + [0x0A]
        }
        for chunkSize in [1, 3, 7, 8, 9, 16, 64, text.count] {
            var splitter = LineSplitter(maxLineBytes: 100)
            var lines: [[UInt8]] = []
            var start = 0
            while start < text.count {
                let end = min(text.count, start + chunkSize)
                splitter.append(text[start..<end]) { line, overlong in
                    #expect(!overlong)
                    lines.append(Array(line))
                }
                start = end
            }
            splitter.finish { line, _ in lines.append(Array(line)) }
            #expect(lines == expected, "chunks of \(chunkSize)")
        }
    }

    /// An indented line carries no wrapper: the shortcut for it gives what the
    /// full unwrapping gives, CR removed.
    @Test func indentedLinesAreUnwrappedAsBefore() {
        for line in ["    key: 131", "\tvalue: -3\r", "  }", " ]: x", "  ns/pod[c]: key: 1"] {
            let unwrapped = LineUnwrapper.unwrap(Array(line.utf8)[...], standard: LogStream.StandardStreams())
            var expected = Array(line.utf8)
            if expected.last == 0x0D { expected.removeLast() }
            #expect(Array(unwrapped.content) == expected, "\(line)")
            #expect(unwrapped.columnOffset == 0 && unwrapped.wrapperTime == nil && !unwrapped.continues)
        }
    }

    /// Headers start with '[' or a digit; the early exit keeps every other line out.
    @Test func onlyLinesStartingWithBracketOrDigitHaveHeaders() {
        #expect(EnvoyLogHeader.parse(Array("[2019-05-20 08:12:20.125][23][debug][grpc] [src/a.cc:45] Sending".utf8)[...]) != nil)
        #expect(EnvoyLogHeader.parse(Array("2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\tSending".utf8)[...]) != nil)
        #expect(EnvoyLogHeader.parse(Array("  [2019-05-20 08:12:20.125][23][debug][grpc] x".utf8)[...]) == nil)
        #expect(EnvoyLogHeader.parse(Array("key: 2019-05-20".utf8)[...]) == nil)
        #expect(EnvoyLogHeader.parse([][...]) == nil)
    }
}
