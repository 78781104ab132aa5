import Foundation
import Testing
@testable import MixerDecode
import MixerDecodeSupport

@Suite struct FormattingTests {
    static let timestampTable: [(seconds: Int64, nanos: Int32, text: String)] = [
        (1_558_339_940, 125_365_976, "2019-05-20T08:12:20.125365976Z"),
        (1_558_339_940, 125_000_000, "2019-05-20T08:12:20.125Z"),
        (1_558_339_940, 0, "2019-05-20T08:12:20Z"),
        (0, 0, "1970-01-01T00:00:00Z"),
        (-1, 999_999_999, "1969-12-31T23:59:59.999999999Z"),
        (-86_400 * 365, 0, "1969-01-01T00:00:00Z"),
        (951_782_400, 0, "2000-02-29T00:00:00Z"),
        (253_402_300_799, 0, "9999-12-31T23:59:59Z"),
        (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
        // Out-of-range nanos fold into the seconds rather than being hidden.
        (10, -1, "1970-01-01T00:00:09.999999999Z"),
    ]

    /// The text renderer writes wire strings straight into its bytes: the
    /// same characters, and the same widths for padding, as the String forms.
    @Test func terminalTextWrittenInPlaceIsTheStringForm() {
        let texts = ["GET", "", "say \"hi\"", "back\\slash", "tab\there", "bell\u{07}", "caf\u{E9}", "\u{202E}evil",
                     "next\u{85}line", "del\u{7F}", "\u{1F600} smile", "e\u{301} combining"]
        for text in texts {
            var quoted: [UInt8] = []
            let quotedWidth = TerminalText.appendQuoted(text, to: &quoted)
            #expect(quoted == Array(TerminalText.quoted(text).utf8), "quoted \(text.debugDescription)")
            #expect(quotedWidth == TerminalText.quoted(text).count && quotedWidth == TerminalText.quotedWidth(text))
            var plain: [UInt8] = []
            let plainWidth = TerminalText.appendPlain(text, to: &plain)
            #expect(plain == Array(TerminalText.plain(text).utf8), "plain \(text.debugDescription)")
            #expect(plainWidth == TerminalText.plain(text).count && plainWidth == TerminalText.plainWidth(text))
        }
    }

    @Test func timestamps() {
        for row in Self.timestampTable {
            #expect(TimeFormatting.rfc3339(ProtoTimestamp(seconds: row.seconds, nanos: row.nanos)) == row.text)
        }
    }

    /// The extremes of both fields, where `seconds * 1e9 + nanos` overflows
    /// Int64 (out-of-range nanos fold into the seconds, as above): written
    /// in full, years beyond 9999 and before 1 included (year 0 is 1 BC,
    /// so year -1 is "-0001").
    static let extremeTimestampTable: [(seconds: Int64, nanos: Int32, text: String)] = [
        (.max, .max, "292277026596-12-04T15:30:09.147483647Z"),
        (.max, 0, "292277026596-12-04T15:30:07Z"),
        (.min, .min, "-292277022657-01-27T08:29:49.852516352Z"),
        (.min, 0, "-292277022657-01-27T08:29:52Z"),
        (253_402_300_800, 0, "10000-01-01T00:00:00Z"),
        (-62_135_596_801, 0, "0000-12-31T23:59:59Z"),
        (-62_167_219_201, 0, "-0001-12-31T23:59:59Z"),
    ]

    @Test func extremeTimestampsAreWrittenInFull() {
        for row in Self.timestampTable.map({ ($0.seconds, $0.nanos, $0.text) }) + Self.extremeTimestampTable {
            #expect(Self.foundationRFC3339(seconds: row.0, nanos: row.1) == row.2, "the expected text itself")
            #expect(TimeFormatting.rfc3339(ProtoTimestamp(seconds: row.0, nanos: row.1)) == row.2)
        }
    }

    /// The expected text, computed apart from the library: the Gregorian
    /// calendar repeats every 400 years (146,097 days), so the seconds are
    /// moved by whole cycles into 1970-2369, dated by Foundation's
    /// `ISO8601DateFormatter`, and the cycles' years added back.
    static func foundationRFC3339(seconds: Int64, nanos: Int32) -> String {
        let billion: Int128 = 1_000_000_000
        let cycle: Int128 = 146_097 * 86_400
        let total = Int128(seconds) * billion + Int128(nanos)
        var whole = total / billion, fraction = total % billion
        if fraction < 0 { (whole, fraction) = (whole - 1, fraction + billion) }
        var cycles = whole / cycle, rest = whole % cycle
        if rest < 0 { (cycles, rest) = (cycles - 1, rest + cycle) }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(Int64(rest))))  // 2019-05-20T08:12:20Z
        let year = Int128(Int(text.prefix(4))!) + 400 * cycles
        let digits = String(year.magnitude)
        let yearText = (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        var fractionText = ""
        if fraction != 0 {
            let nine = String(fraction)
            fractionText = "." + (String(repeating: "0", count: 9 - nine.count) + nine).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
        }
        return yearText + text.dropFirst(4).dropLast() + fractionText + "Z"
    }

    /// Durations whose nanoseconds overflow Int64, worked by hand:
    /// -9,223,372,036,854,775,808 s - 2.147483648 s, and
    /// 9,223,372,036,854,775,807 s + 2.147483647 s.
    @Test func extremeDurationsAreWrittenInFull() {
        #expect(TimeFormatting.duration(ProtoDuration(seconds: .min, nanos: .min)) == "-9223372036854775810.147483648s")
        #expect(TimeFormatting.duration(ProtoDuration(seconds: .max, nanos: .max)) == "9223372036854775809.147483647s")
        #expect(TimeFormatting.duration(ProtoDuration(seconds: .min, nanos: 0)) == "-9223372036854775808s")
        #expect(TimeFormatting.duration(ProtoDuration(seconds: .max, nanos: -1)) == "9223372036854775806.999999999s")
    }

    static let durationTable: [(seconds: Int64, nanos: Int32, text: String)] = [
        (0, 3_391_876, "0.003391876s"), (-1, -500_000_000, "-1.5s"), (3, 0, "3s"), (0, 0, "0s"),
        (0, -1, "-0.000000001s"), (315_576_000_000, 0, "315576000000s"),
    ]

    @Test func durations() {
        for row in Self.durationTable {
            #expect(TimeFormatting.duration(ProtoDuration(seconds: row.seconds, nanos: row.nanos)) == row.text)
        }
    }

    @Test(arguments: [
        ("0af40300", "10.244.3.0"),
        ("00000000000000000000ffff0af40300", "10.244.3.0"),
        ("20010db8000000000000000000000001", "2001:db8::1"),
        ("00000000000000000000000000000001", "::1"),
        ("00000000000000000000000000000000", "::"),
        ("20010db8000000010000000000000000", "2001:db8:0:1::"),
        ("20010db8000100000001000000000001", "2001:db8:1:0:1::1"),
        ("20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1"),
        ("fe800000000000000202b3fffe1e8329", "fe80::202:b3ff:fe1e:8329"),
    ])
    func ipAddresses(_ bytes: String, _ text: String) {
        #expect(IPAddressFormatting.text(hex(bytes)) == text)
    }

    @Test func bytesOutsideIPAttributesAreBase64() {
        #expect(ValueFormatter.bytesText([10, 244, 3, 0], attribute: "destination.ip") == "10.244.3.0")
        #expect(ValueFormatter.bytesText([10, 244, 3, 0], attribute: "custom.blob") == "CvQDAA==")
        #expect(ValueFormatter.bytesText([1, 2, 3], attribute: "source.ip") == "AQID", "3 bytes is no address")
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode(Array("ab".utf8)) == "YWI=")
    }

    @Test func doublesInJSON() {
        #expect(ValueFormatter.doubleJSON(.nan) == "\"NaN\"")
        #expect(ValueFormatter.doubleJSON(.infinity) == "\"Infinity\"")
        #expect(ValueFormatter.doubleJSON(-.infinity) == "\"-Infinity\"")
        #expect(ValueFormatter.doubleJSON(0.1) == "0.1")
        #expect(ValueFormatter.doubleJSON(-2.5) == "-2.5")
    }

    @Test func jsonStringsAreEscaped() {
        var json = JSONWriter()
        json.beginObject()
        json.key("a\"b")
        json.string("line\nnext\u{1B}[31m\u{7F}\\ é")
        json.key("n")
        json.number(-3)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a\"b":"line\nnext\u001b[31m\u007f\\ é","n":-3}"#)
    }

    @Test func terminalTextEscapesControlCharacters() {
        #expect(TerminalText.quoted("curl/7.6\u{1B}[2J\u{0}\n\t") == #""curl/7.6\x1b[2J\x00\n\t""#)
        #expect(TerminalText.quoted("a\u{202E}b\u{85}") == #""a\u{202e}b\x85""#)
        #expect(TerminalText.quoted("/café/日本") == "\"/café/日本\"")
        #expect(TerminalText.plain("ok") == "ok")
    }
}

/// Reading back what `ValueFormatter` writes: every text form round-trips.
@Suite struct ValueParserTests {
    @Test func timestampsRoundTrip() {
        for row in FormattingTests.timestampTable where row.nanos >= 0 && row.seconds > -62_135_596_800 {
            let parsed = ValueParser.timestamp(row.text)
            #expect(parsed.map(TimeFormatting.rfc3339) == row.text, "\(row.text)")
        }
        #expect(ValueParser.timestamp("2019-05-20T10:12:20+02:00") == ProtoTimestamp(seconds: 1_558_339_940, nanos: 0))
        #expect(ValueParser.timestamp("2019-05-20 08:12:20") == nil)
    }

    @Test func durationsRoundTrip() {
        for row in FormattingTests.durationTable {
            #expect(ValueParser.duration(row.text).map(TimeFormatting.duration) == row.text, "\(row.text)")
        }
        #expect(ValueParser.duration("1.5") == nil)
    }

    @Test func addresses() {
        #expect(ValueParser.ipAddress("10.244.3.0") == [10, 244, 3, 0])
        #expect(ValueParser.ipAddress("2001:db8::1").map(IPAddressFormatting.text) == "2001:db8::1")
        #expect(ValueParser.ipAddress("::") == [UInt8](repeating: 0, count: 16))
        #expect(ValueParser.ipAddress("fe80::202:b3ff:fe1e:8329").map(IPAddressFormatting.text) == "fe80::202:b3ff:fe1e:8329")
        #expect(ValueParser.ipAddress("1::2::3") == nil)
        #expect(ValueParser.ipAddress("300.1.1.1") == nil)
    }

    @Test func typedByTheManifest() {
        #expect(ValueParser.value(fromString: "10.244.3.0", attribute: "destination.ip") == .bytes([10, 244, 3, 0]))
        #expect(ValueParser.value(fromString: "0.004532s", attribute: "connection.duration") == .duration(ProtoDuration(seconds: 0, nanos: 4_532_000)))
        #expect(ValueParser.value(fromString: "tcp", attribute: "context.protocol") == .string("tcp"))
        #expect(ValueParser.value(fromString: "CvQDAA==", attribute: "custom.blob") == .string("CvQDAA=="), "outside the manifest, text stays text")
    }
}
