import Foundation
import Testing
@testable import MixerDecode

/// The two shortcuts of the log path give exactly what the plain paths give:
/// runs of dump lines taken straight from a chunk (against one byte at a
/// time, where every line goes through the splitter and `LogScanner.feed`),
/// and the canonical map entries read from bytes (against the general parser).
@Suite struct LogRunFastPathTests {
    /// In chunks of one byte no line is ever whole in a chunk, so no run is
    /// taken: the plain path. Findings carry line and column, so any error in
    /// locating an offset inside a run shows.
    @Test func everyCorpusLogReadsTheSameInRunsAndLineByLine() throws {
        let directory = repositoryFile("Corpus/logs")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".log") }.sorted()
        #expect(names.count > 10)
        for name in names {
            let bytes = try readRepositoryBytes("Corpus/logs/\(name)")
            let runs = ndjsonOfLog(bytes, chunk: bytes.count)
            #expect(ndjsonOfLog(bytes, chunk: 1) == runs, "\(name)")
            #expect(ndjsonOfLog(bytes, chunk: 61) == runs, "\(name), chunks of 61")
            // Lines at and around the line limit: a run stops before an overlong line.
            #expect(ndjsonOfLog(bytes, chunk: 1, maxLineBytes: 14) == ndjsonOfLog(bytes, chunk: bytes.count, maxLineBytes: 14), "\(name), lines over 14 bytes cut")
        }
    }

    /// Findings deep inside a run, a blank-looking line of tabs, a CRLF line
    /// and a tab-indented line in the middle of a dump.
    @Test func findingsInsideARunPointAtTheirLineAndColumn() {
        let log = """
            [2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Report request: attributes {
              words: "a\\qb"
              strings {
                key: 1
                value: -1
              }
              strings {
                key: 0x2
              \tvalue: 3
              }
              int64s {\r
                key: 4
                value: 5 # a comment
              }
              mystery: 7
              strings {
                key: 6
                value: 09
              }
            }
            global_word_count: 221

            """
        let bytes = Array(log.utf8)
        let runs = ndjsonOfLog(bytes, chunk: bytes.count)
        #expect(runs.contains("\"line\":2,"), "the bad escape on line 2: \(runs)")
        #expect(runs.contains("\"line\":15,"), "the unknown field on line 15: \(runs)")
        #expect(runs.contains("\"line\":18,"), "the bad octal value on line 18: \(runs)")
        for chunk in [1, 2, 3, 5, 8, 13, 40] {
            #expect(ndjsonOfLog(bytes, chunk: chunk) == runs, "chunks of \(chunk)")
        }
    }

    @Test func locatorCountsLinesWithinARun() {
        var dump = LogDump(kind: .reportRequest, firstLine: 10)
        dump.append(Array("attributes {".utf8)[...], line: 10, column: 90)
        dump.segments.append(LogDump.Segment(textOffset: dump.text.count, line: 11, column: 0, lines: 3))
        dump.text += Array("  a\n  bb\n  ccc\n".utf8)
        dump.append(Array("}".utf8)[...], line: 20, column: 4)
        let locator = DumpLocator(dump)
        #expect(locator.position(of: 0) == .line(10, column: 91))
        #expect(locator.position(of: 13) == .line(11, column: 1))
        #expect(locator.position(of: 16) == .line(11, column: 4), "the newline ending line 11")
        #expect(locator.position(of: 17) == .line(12, column: 1))
        #expect(locator.position(of: 22) == .line(13, column: 1))
        #expect(locator.position(of: 26) == .line(13, column: 5))
        #expect(locator.position(of: 27) == .line(13, column: 6), "the newline ending line 13, the run's last")
        #expect(locator.position(of: 28) == .line(20, column: 5))
        #expect(locator.position(of: dump.text.count) == .line(20, column: 7))
        #expect(dump.lastLine == 20)
    }

    // MARK: Canonical entries

    /// What the general parser reads from `text` (just after a field name),
    /// if it reads it without a finding, and where it stops.
    func general(_ text: [UInt8], shape: Shape) -> (value: String, end: Int)? {
        var parser = TextFormatParser(text: text, limits: .default, locator: .bytes)
        let value: String?
        switch shape {
        case .index:
            value = parser.parseEntry("p", "strings", 0, Int32(0), { $0.readIndex(context: "value", record: 0) })
                .map { "\($0.key) \($0.value)" }
        case .int64:
            value = parser.parseEntry("p", "int64s", 0, Int64(0), {
                $0.readInteger(Int64.min...Int64.max, context: "value", record: 0)
            }).map { "\($0.key) \($0.value)" }
        case .secondsAndNanos:
            value = parser.parseEntry("p", "timestamps", 0, (seconds: Int64(0), nanos: Int32(0)), {
                $0.parseSecondsAndNanos(context: "value", record: 0)
            }).map { "\($0.key) \($0.value.seconds) \($0.value.nanos)" }
        case .stringMap:
            value = parser.parseEntry("p", "string_maps", 0, [IndexPair](), {
                $0.parseStringMap(context: "value", record: 0)
            }).map { "\($0.key) \($0.value.map { "\($0.key)=\($0.value)" })" }
        }
        guard let value, parser.allFindings.isEmpty, parser.partialRecords.isEmpty else { return nil }
        return (value, parser.tokenizer.position)
    }

    /// What the fast path reads, or nil when it declines.
    func fast(_ text: [UInt8], shape: Shape) -> (value: String, end: Int)? {
        switch shape {
        case .index:
            CanonicalTextEntry.integerEntry(text, from: 0, valueRange: CanonicalTextEntry.indexRange)
                .map { ("\($0.key) \($0.value)", $0.end) }
        case .int64:
            CanonicalTextEntry.integerEntry(text, from: 0, valueRange: Int64.min...Int64.max)
                .map { ("\($0.key) \($0.value)", $0.end) }
        case .secondsAndNanos:
            CanonicalTextEntry.secondsAndNanosEntry(text, from: 0).map { ("\($0.key) \($0.seconds) \($0.nanos)", $0.end) }
        case .stringMap:
            CanonicalTextEntry.stringMapEntry(text, from: 0)
                .map { ("\($0.key) \($0.pairs.map { "\($0.key)=\($0.value)" })", $0.end) }
        }
    }

    enum Shape: CaseIterable { case index, int64, secondsAndNanos, stringMap }

    static let samples: [(Shape, String)] = [
        (.index, " {\n    key: 131\n    value: -3\n  }\n"),
        (.index, " {\n    key: -2147483648\n    value: 2147483647\n  }\n"),
        (.index, " {\n    key: 0\n    value: -0\n  }\n  strings {"),
        (.int64, " {\n    key: 7\n    value: -999999999999999999\n  }\n"),
        (.int64, " {\n    key: 7\n    value: 999999999999999999\n  }\n"),
        (.secondsAndNanos, " {\n    key: 12\n    value {\n      seconds: 1558339940\n      nanos: 125365000\n    }\n  }\n"),
        (.secondsAndNanos, " {\n    key: 12\n    value {\n      nanos: -5\n    }\n  }\n"),
        (.secondsAndNanos, " {\n    key: 12\n    value {\n    }\n  }\n"),
        (.stringMap, " {\n    key: 15\n    value {\n      entries {\n        key: 31\n        value: -7\n      }\n      entries {\n        key: 1\n        value: 2\n      }\n    }\n  }\n"),
        (.stringMap, " {\n    key: 15\n    value {\n    }\n  }\n"),
    ]

    /// Each sample, and every variant of it with one byte replaced, inserted
    /// or deleted: whenever the fast path reads a variant, the general parser
    /// reads the same values without a finding and stops at the same byte.
    /// The samples themselves must be read by the fast path.
    @Test func fastPathReadsOnlyWhatTheGeneralParserReadsTheSame() {
        let replacements = Array(" \n\t\r{}<>:#-+.0179xeEkvalusnt\"_;,".utf8)
        var checked = 0
        var taken = 0
        for (shape, sample) in Self.samples {
            let text = Array(sample.utf8)
            #expect(fast(text, shape: shape) != nil, "\(sample)")
            var variants = [text]
            for index in text.indices {
                var deleted = text
                deleted.remove(at: index)
                variants.append(deleted)
                for byte in replacements {
                    var replaced = text
                    replaced[index] = byte
                    variants.append(replaced)
                    var inserted = text
                    inserted.insert(byte, at: index)
                    variants.append(inserted)
                }
            }
            for variant in variants {
                checked += 1
                guard let read = fast(variant, shape: shape) else { continue }
                taken += 1
                let plain = general(variant, shape: shape)
                #expect(plain != nil, "\(String(decoding: variant, as: UTF8.self))")
                #expect(plain?.value == read.value && plain?.end == read.end, "\(String(decoding: variant, as: UTF8.self))")
            }
        }
        #expect(checked > 10000 && taken > 100)
    }

    /// The text-format reader gives the same request through the fast path as
    /// the general one: a comment after each entry's opening brace sends every
    /// entry to the general parser, which reads the same values.
    @Test(.needsProtoc) func reportRequestReadsTheSameWithoutTheFastPath() throws {
        let text = try LogForms.debugString("report-1.1-http.bin")
        let slow = text.replacingOccurrences(of: " {\n", with: " { # general\n")
        #expect(slow != text)
        let fastRecords = TextFormatDecoder().decodeReportRequest(Array(text.utf8))
        let slowRecords = TextFormatDecoder().decodeReportRequest(Array(slow.utf8))
        #expect(fastRecords.findings.isEmpty && slowRecords.findings.isEmpty)
        #expect(Resolver().resolve(fastRecords).records.map { $0.attributes.attributeList() }
            == Resolver().resolve(slowRecords).records.map { $0.attributes.attributeList() })
    }
}
