import Foundation
import Testing
@testable import MixerDecode

/// binary -> model -> binary holds exactly for every message protoc encoded
/// with the real schema (deterministic output: map entries sorted by key).
@Suite struct RoundTripTests {
    static let realSchemaInputs: [String] = ((try? FileManager.default.contentsOfDirectory(
        atPath: repositoryFile("Corpus/binary").path)) ?? []).filter { name in
        guard name.hasSuffix(".bin") else { return false }
        // The wire-view files hold shapes the schema cannot express on purpose.
        let text = (try? String(contentsOf: repositoryFile("Corpus/binary/\(name.dropLast(4)).txtpb"), encoding: .utf8)) ?? ""
        return !text.contains("@encode mixerdecode.wireview")
    }.sorted()

    static func kind(_ name: String) -> MessageKind {
        if name.hasPrefix("check-response") { return .checkResponse }
        if name.hasPrefix("check") { return .check }
        if name.hasPrefix("attributes") { return .attributes }
        return .report
    }

    @Test func thereAreInputs() {
        #expect(Self.realSchemaInputs.count >= 12)
    }

    @Test(arguments: realSchemaInputs)
    func binaryModelBinary(_ name: String) throws {
        let bytes = try readRepositoryBytes("Corpus/binary/\(name)")
        let encoded = switch Self.kind(name) {
        case .check: WireEncoder.encode(WireDecoder().decodeCheckRequest(bytes).message)
        case .checkResponse: WireEncoder.encode(WireDecoder().decodeCheckResponse(bytes).message)
        case .attributes: WireEncoder.encode(WireDecoder().decodeAttributes(bytes).message)
        default: WireEncoder.encode(WireDecoder().decodeReportRequest(bytes).message)
        }
        #expect(encoded == bytes, "\(name): first difference at byte \(zip(encoded, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(encoded.count, bytes.count))")
    }
}

/// Resolved attributes -> compressed -> wire -> decoded -> resolved gives the
/// same attributes, for every Report and Check of the corpus, for every
/// dictionary release and both batch semantics.
@Suite struct EncoderTests {
    static let releases = ["0.8", "1.0", "1.1", "1.3", "fallback"]

    func resolvedRecords(_ name: String) throws -> [[Attribute]] {
        try Corpus.decode("Corpus/binary/\(name)").flatMap(\.records).map { $0.attributes.attributeList() }
    }

    @Test(arguments: RoundTripTests.realSchemaInputs)
    func everyReleaseAndSemanticsRoundTrip(_ name: String) throws {
        let records = try resolvedRecords(name)
        for release in Self.releases {
            let dictionary = try #require(GlobalDictionary(release: release))
            let kind = RoundTripTests.kind(name)
            guard kind == .report || kind == .check else { continue }
            for semantics in [RepeatedAttributesSemantics.independent, .delta] where kind == .report {
                let encoder = AttributeEncoder(dictionary: dictionary, semantics: semantics)
                let bytes = WireEncoder.encode(encoder.encodeReport(records))
                let decoded = WireDecoder().decodeReportRequest(bytes)
                #expect(decoded.findings.isEmpty)
                let again = Resolver().resolve(decoded).records.map { $0.attributes.attributeList() }
                // Compared as printed: NaN, which report-odd-values holds, is unequal to itself.
                #expect("\(again)" == "\(expected(records, semantics))", "\(name) with the \(release) dictionary, \(semantics)")
            }
            if kind == .check, let record = records.first {
                let check = AttributeEncoder(dictionary: dictionary).encodeCheck(record, deduplicationID: "d")
                let decoded = WireDecoder().decodeCheckRequest(WireEncoder.encode(check))
                #expect(Resolver().resolve(decoded).records.first?.attributes.attributeList() == record, "\(name), \(release)")
            }
        }
    }

    /// What Mixer dispatches: the records, or under delta encoding their
    /// running overlay (a delta batch cannot remove an attribute).
    func expected(_ records: [[Attribute]], _ semantics: RepeatedAttributesSemantics) -> [[Attribute]] {
        guard semantics == .delta else { return records }
        var overlay: [String: AttributeValue] = [:]
        return records.map { record in
            for attribute in record { overlay[attribute.name] = attribute.value }
            return overlay.map { Attribute(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        }
    }

    @Test func globalWordsAreUsedOnlyInsideTheReleasePrefix() {
        let attributes = [Attribute(name: "context.proxy_version", value: .string("1.3.5"))]
        let newest = AttributeEncoder(dictionary: .newest).encodeReport([attributes])
        #expect(Array(newest.records[0].strings.map(\.key)) == [221])
        #expect(newest.defaultWords == ["1.3.5"])
        let old = AttributeEncoder(dictionary: GlobalDictionary(release: "1.1")!).encodeReport([attributes])
        #expect(Array(old.records[0].strings.map(\.key)) == [-1], "221 is past the 1.1 dictionary")
        #expect(old.defaultWords == ["context.proxy_version", "1.3.5"])
    }

    @Test func deltaBatchesCarryOnlyWhatChanged() {
        let first = [Attribute(name: "context.protocol", value: .string("http")), Attribute(name: "response.code", value: .int64(200))]
        let second = [Attribute(name: "context.protocol", value: .string("http")), Attribute(name: "response.code", value: .int64(503))]
        let report = AttributeEncoder(dictionary: GlobalDictionary(release: "1.0")!, semantics: .delta).encodeReport([first, second])
        #expect(report.repeatedAttributesSemantics == nil, "0.8/1.0 proxies leave field 4 out")
        #expect(report.records[1].entryCount == 1)
    }

    @Test(.needsProtoc) func protocDecodesTheEncoderOutput() throws {
        let records = try resolvedRecords("report-1.3-mixed.bin")
        let bytes = WireEncoder.encode(AttributeEncoder(dictionary: .newest).encodeReport(records))
        let run = try Protoc.run(["--decode=istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"], input: Data(bytes))
        let text = String(decoding: run.output, as: UTF8.self)
        #expect(run.status == 0, "\(run.error)")
        #expect(text.contains("repeated_attributes_semantics: INDEPENDENT_ENCODING"))
    }
}

/// The text form: what C++ DebugString prints (protoc --decode uses the same
/// printer) is what TextFormatWriter writes, from the binary model and from
/// the model the text reader builds of that text.
@Suite(.needsProtoc) struct TextRoundTripTests {
    @Test(arguments: RoundTripTests.realSchemaInputs)
    func debugStringRoundTrips(_ name: String) throws {
        let debugString = try LogForms.debugString(name)
        let bytes = try readRepositoryBytes("Corpus/binary/\(name)")
        var parser = TextFormatParser(text: Array(debugString.utf8), limits: .default, locator: .bytes)
        let (fromBinary, fromText): (String, String) = switch RoundTripTests.kind(name) {
        case .check:
            (TextFormatWriter.write(WireDecoder().decodeCheckRequest(bytes).message), TextFormatWriter.write(parser.parseCheckRequest()))
        case .checkResponse:
            (TextFormatWriter.write(WireDecoder().decodeCheckResponse(bytes).message), TextFormatWriter.write(parser.parseCheckResponse()))
        case .attributes:
            (TextFormatWriter.write(WireDecoder().decodeAttributes(bytes).message), TextFormatWriter.write(parser.parseAttributesMessage()))
        default:
            (TextFormatWriter.write(WireDecoder().decodeReportRequest(bytes).message), TextFormatWriter.write(parser.parseReportRequest()))
        }
        #expect(fromBinary == debugString, "binary -> text: \(name)")
        #expect(fromText == debugString, "text -> text: \(name)")
        #expect(parser.allFindings.isEmpty)
    }

    @Test func escapesAndDoublesAsCPlusPlusWritesThem() {
        #expect(TextFormatWriter.quoted(Array("a\n\"'\\\u{1}é".utf8)) == #""a\n\"\'\\\001\303\251""#)
        #expect(TextFormatWriter.double(0.1) == "0.1")
        #expect(TextFormatWriter.double(1e21) == "1e+21")
        #expect(TextFormatWriter.double(1.0 / 3.0) == "0.33333333333333331")
        #expect(TextFormatWriter.double(-.infinity) == "-inf")
    }
}

/// Round trips on seeded random records: every value kind, global and message
/// words, UTF-8 and control characters, empty values, negative numbers.
@Suite struct RandomRoundTripTests {
    static func randomRecords(seed: UInt64) -> [[Attribute]] {
        var random = Fuzz.Random(state: seed)
        let texts = ["", "tcp", "http", "/café/日本", "\u{1}\n\t\"'\\", "kubernetes://x.default", "200", "'200'"]
        func text() -> String { random.below(3) == 0 ? "w\(random.below(50))" : texts[random.below(texts.count)] }
        func name() -> String {
            random.below(2) == 0 ? GlobalDictionary.allWords[random.below(GlobalDictionary.allWords.count)] : "custom.\(random.below(40))"
        }
        func value() -> AttributeValue {
            switch random.below(8) {
            case 0: return .string(text())
            case 1: return .int64(Int64(bitPattern: random.next()) >> Int64(random.below(64)))
            case 2: return .double([0.1, -2.5, 1e21, 0, .infinity, -.infinity, 1.0 / 3.0][random.below(7)])
            case 3: return .bool(random.below(2) == 0)
            case 4: return .timestamp(ProtoTimestamp(seconds: Int64(random.below(2_000_000_000)) - 100, nanos: Int32(random.below(1_000_000_000))))
            case 5: return .duration(ProtoDuration(seconds: -Int64(random.below(5)), nanos: -Int32(random.below(1_000_000))))
            case 6: return .bytes((0..<random.below(17)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            default:
                var pairs: [String: String] = [:]
                for _ in 0..<random.below(4) { pairs[text()] = text() }
                return .stringMap(pairs.map { StringPair(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key })
            }
        }
        return (0..<(1 + random.below(6))).map { _ in
            var attributes: [String: AttributeValue] = [:]
            for _ in 0..<random.below(12) { attributes[name()] = value() }
            return attributes.map { Attribute(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        }
    }

    @Test(arguments: 0..<200)
    func randomRecordsRoundTrip(_ seed: Int) throws {
        let records = Self.randomRecords(seed: UInt64(seed) &* 0x9E37_79B9 &+ 1)
        let dictionary = GlobalDictionary(release: ["0.8", "1.0", "1.1", "1.3", "fallback"][seed % 5])!
        let report = AttributeEncoder(dictionary: dictionary).encodeReport(records)
        // binary -> model -> binary
        let bytes = WireEncoder.encode(report)
        let decoded = WireDecoder().decodeReportRequest(bytes)
        #expect(decoded.findings.isEmpty)
        #expect(WireEncoder.encode(decoded.message) == bytes)
        // text -> model -> text
        let text = TextFormatWriter.write(decoded.message)
        var parser = TextFormatParser(text: Array(text.utf8), limits: .default, locator: .bytes)
        let parsed = parser.parseReportRequest()
        #expect(parser.allFindings.isEmpty, "\(parser.allFindings.map(\.message))")
        #expect(TextFormatWriter.write(parsed) == text)
        #expect(WireEncoder.encode(parsed) == bytes, "the text carries everything the bytes do")
        // and what Mixer sees is what went in
        #expect("\(Resolver().resolve(decoded).records.map { $0.attributes.attributeList() })" == "\(records)")
    }
}
