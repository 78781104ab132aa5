import Foundation
import Testing
@testable import MixerDecode
import MixerDecodeSupport

/// The shortcuts taken for speed in resolution and output give what the
/// plain definitions give: each is checked against a reference written the
/// slow, obvious way, on the inputs where a shortcut could go wrong.
@Suite struct FastPathTests {
    func report(records: [[UInt8]], defaultWords: [String], count: UInt64 = 221) -> ResolvedRequest {
        let bytes = records.flatMap { Wire.bytesField(1, $0) } + defaultWords.flatMap { Wire.stringField(2, $0) }
            + Wire.varintField(3, count) + Wire.varintField(4, 1)
        return Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
    }

    // MARK: - Names merged by text

    /// A message word that spells a global word names the same attribute
    /// (Mixer's bag is keyed by text): within one map the last entry wins.
    @Test func messageWordSpellingAGlobalWordIsTheSameName() {
        let request = report(
            records: [Wire.indexPair(2, 131, 124) + Wire.indexPair(2, -1, 92)], defaultWords: ["context.protocol"])
        #expect(request.records[0].attributes.attributeList() == [Attribute(name: "context.protocol", value: .string("http"))])
        #expect(request.records[0].findings.isEmpty)
    }

    /// Across maps the first in Mixer's probe order wins, and the clash is found.
    @Test func messageWordSpellingAGlobalWordClashesAcrossMaps() {
        let int64 = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(-1) + Wire.tag(2, 0) + Wire.varint(7))
        let request = report(records: [int64 + Wire.indexPair(2, 131, 124)], defaultWords: ["context.protocol"])
        #expect(request.records[0].attributes.attributeList() == [Attribute(name: "context.protocol", value: .string("tcp"))])
        #expect(request.records[0].findings.map(\.code) == [.duplicateAttribute])
    }

    /// Two message words with the same text are one name.
    @Test func repeatedMessageWordsAreOneName() {
        let request = report(
            records: [Wire.indexPair(2, -1, -3) + Wire.indexPair(2, -2, -4)],
            defaultWords: ["my.attribute", "my.attribute", "first", "second"])
        #expect(request.records[0].attributes.attributeList() == [Attribute(name: "my.attribute", value: .string("second"))])
    }

    /// Names outside the global list sort among global ones by text.
    @Test func messageWordNamesSortAmongGlobalNames() {
        let request = report(
            records: [Wire.indexPair(2, -1, 124) + Wire.indexPair(2, 131, 124) + Wire.indexPair(2, -2, 124)],
            defaultWords: ["zz.last", "aa.first"])
        let names = request.records[0].attributes.map(\.name)
        #expect(names == ["aa.first", "context.protocol", "zz.last"])
    }

    // MARK: - String maps

    /// Keys that share their first eight bytes, a key sent twice and a
    /// message-word key spelling a global word: one pair per key text (the
    /// last sent), in byte order, as a plain dictionary and sort give.
    @Test func stringMapKeysAreOrderedAndDeduplicatedByText() {
        let words = ["x-forwarded-proto", "x-forwarded-for", "x-forward", "source.ip", "b", "c", "d", "e"]
        let pairs: [(Int32, Int32)] = [(-1, -5), (-2, -6), (-3, -7), (0, -5), (-4, -8), (-1, -8), (-2, 124)]
        let entries = pairs.flatMap { key, value in
            Wire.bytesField(1, Wire.tag(1, 0) + Wire.sint32(key) + Wire.tag(2, 0) + Wire.sint32(value))
        }
        let map = Wire.bytesField(9, Wire.tag(1, 0) + Wire.sint32(15) + Wire.bytesField(2, entries))
        let request = report(records: [map], defaultWords: words)
        func text(_ index: Int32) -> String { index >= 0 ? GlobalDictionary.allWords[Int(index)] : words[Int(~index)] }
        var last: [String: String] = [:]
        for (key, value) in pairs { last[text(key)] = text(value) }
        // Byte order by the standard library, not by the code under test.
        let expected = last.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { StringPair(key: $0.key, value: $0.value) }
        #expect(request.records[0].value(of: "request.headers") == .stringMap(expected))
        #expect(expected.map(\.key) == ["source.ip", "x-forward", "x-forwarded-for", "x-forwarded-proto"])
    }

    // MARK: - Records made from a list

    /// A record built from its own attribute list (as the uncompressed
    /// `Attributes` message and `ResolvedRecord.init` build them) reads and
    /// writes as the record resolution made: same JSON, same text, same
    /// carried-over names, for every Corpus record.
    @Test(arguments: try! FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/binary").path)
        .filter { $0.hasSuffix(".bin") }.sorted())
    func recordsBuiltFromTheirListReadAsResolvedOnes(_ name: String) throws {
        let bytes = try readRepositoryBytes("Corpus/binary/\(name)")
        InputDecoder().decode(bytes, inputName: name) { request in
            for record in request.records {
                let rebuilt = ResolvedRecord(
                    index: record.index, attributes: record.attributes.attributeList(), findings: record.findings,
                    isPartial: record.isPartial,
                    carriedOver: Set(record.attributes.filter(\.isCarriedOver).map(\.name)))
                var resolved = JSONWriter()
                var built = JSONWriter()
                RecordJSON().writeObject(request, record: record, to: &resolved)
                RecordJSON().writeObject(request, record: rebuilt, to: &built)
                #expect(resolved.bytes == built.bytes, "\(name) record \(record.index)")
                #expect(TextRenderer().render(rebuilt) == TextRenderer().render(record), "\(name) record \(record.index)")
                for attribute in record.attributes {
                    // As text: NaN, which this corpus holds, equals nothing.
                    #expect("\(rebuilt.attributes.value(of: attribute.name) as Any)" == "\(Optional(attribute.value) as Any)")
                }
            }
        }
    }

    // MARK: - Formatting

    /// Times in the common range (digit by digit) read as the general
    /// Int128 path writes them, at the range's edges and in between (seeded,
    /// so a failure repeats; its message gives the seed).
    @Test func commonTimesAreWrittenAsTheGeneralPathWritesThem() {
        let seed: UInt64 = 0x7153_0F3C_2019_0520
        var generator = Fuzz.Random(state: seed)
        var seconds: [Int64] = [0, 1, 59, 86_399, 86_400, 951_782_400, 1_558_340_000, 253_402_300_799]
        var nanos: [Int32] = [0, 1, 10, 100_000_000, 125_000_000, 999_999_999]
        for _ in 0..<500 {
            seconds.append(Int64.random(in: 0..<253_402_300_800, using: &generator))
            nanos.append(Int32.random(in: 0..<1_000_000_000, using: &generator))
        }
        for (second, nano) in zip(seconds, nanos + nanos) {
            let time = ProtoTimestamp(seconds: second, nanos: nano)
            #expect(TimeFormatting.commonRFC3339(time) == TimeFormatting.generalRFC3339(time), "\(second).\(nano), seed \(seed)")
            for signs in [(1, 1), (-1, -1), (1, -1), (-1, 1)] {
                let duration = ProtoDuration(seconds: second % 9_000_000_000 * Int64(signs.0), nanos: nano * Int32(signs.1))
                #expect(TimeFormatting.commonDuration(duration) == TimeFormatting.generalDuration(duration), "\(duration), seed \(seed)")
            }
        }
        #expect(TimeFormatting.commonRFC3339(ProtoTimestamp(seconds: -1, nanos: 0)) == nil, "before 1970: general path")
        #expect(TimeFormatting.commonRFC3339(ProtoTimestamp(seconds: 0, nanos: -1)) == nil)
    }

    /// The 8-byte escape scan finds every character that needs an escape,
    /// wherever it falls against the eight-byte steps.
    @Test func jsonEscapesEveryCharacterAtEveryPlace() {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{00}"..."\u{1F}", "\u{7F}": out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", " "] {
            for length in 1...20 {
                for place in 0..<length {
                    let text = String(repeating: "a", count: place) + special + String(repeating: "b", count: length - place - 1)
                    var json = JSONWriter()
                    json.string(text)
                    #expect(String(decoding: json.bytes, as: UTF8.self) == reference(text), "\(special.debugDescription) at \(place) of \(length)")
                }
            }
        }
    }

    @Test func ipv4IsWrittenAsDecimalBytes() {
        for bytes: [UInt8] in [[0, 0, 0, 0], [9, 10, 99, 100], [255, 254, 199, 200], [10, 244, 3, 0]] {
            #expect(IPAddressFormatting.text(bytes) == bytes.map(String.init).joined(separator: "."))
        }
    }

    /// Name order is String's `<`, bytes or not.
    @Test func nameOrderIsStringOrder() {
        let names = ["a", "b", "ab", "", "Z", "é", "e\u{301}", "z", "~", "context.protocol", "context.protocolx"]
        for left in names {
            for right in names {
                #expect(NameOrder.precedes(left, right) == (left < right), "\(left) < \(right)")
            }
        }
    }
}
