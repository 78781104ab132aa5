import Foundation
import Testing
@testable import MixerDecode

/// binary -> model -> binary holds exactly for every message protoc encoded
/// with the real schema (deterministic output: map entries sorted by key).
@Suite struct RoundTripTests {
    static let realSchemaInputs: [String] = ((try? FileManager.default.contentsOfDirectory(
        atPath: repositoryFile("Corpus/binary").path)) ?? []).filter { name in
        guard name.hasSuffix(".bin"), !name.hasPrefix("attributes"), !name.hasPrefix("check-response") else { return false }
        // The wire-view files hold shapes the schema cannot express on purpose.
        let text = (try? String(contentsOf: repositoryFile("Corpus/binary/\(name.dropLast(4)).txtpb"), encoding: .utf8)) ?? ""
        return !text.contains("@encode mixerdecode.wireview")
    }.sorted()

    @Test func thereAreInputs() {
        #expect(Self.realSchemaInputs.count >= 12)
    }

    @Test(arguments: realSchemaInputs)
    func binaryModelBinary(_ name: String) throws {
        let bytes = try readRepositoryBytes("Corpus/binary/\(name)")
        let encoded = name.hasPrefix("check")
            ? WireEncoder.encode(WireDecoder().decodeCheckRequest(bytes).message)
            : WireEncoder.encode(WireDecoder().decodeReportRequest(bytes).message)
        #expect(encoded == bytes, "\(name): first difference at byte \(zip(encoded, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(encoded.count, bytes.count))")
    }
}

/// Resolved attributes -> compressed -> wire -> decoded -> resolved gives the
/// same attributes, for every Report and Check of the corpus, for every
/// dictionary release and both batch semantics.
@Suite struct EncoderTests {
    static let releases = ["0.8", "1.0", "1.1", "1.3", "fallback"]

    func resolvedRecords(_ name: String) throws -> [[Attribute]] {
        try Corpus.decode("Corpus/binary/\(name)").flatMap(\.records).map(\.attributes)
    }

    @Test(arguments: RoundTripTests.realSchemaInputs)
    func everyReleaseAndSemanticsRoundTrip(_ name: String) throws {
        let records = try resolvedRecords(name)
        for release in Self.releases {
            let dictionary = try #require(GlobalDictionary(release: release))
            for semantics in [RepeatedAttributesSemantics.independent, .delta] where !name.hasPrefix("check") {
                let encoder = AttributeEncoder(dictionary: dictionary, semantics: semantics)
                let bytes = WireEncoder.encode(encoder.encodeReport(records))
                let decoded = WireDecoder().decodeReportRequest(bytes)
                #expect(decoded.findings.isEmpty)
                let again = Resolver().resolve(decoded).records.map(\.attributes)
                // Compared as printed: NaN, which report-odd-values holds, is unequal to itself.
                #expect("\(again)" == "\(expected(records, semantics))", "\(name) with the \(release) dictionary, \(semantics)")
            }
            if name.hasPrefix("check"), let record = records.first {
                let check = AttributeEncoder(dictionary: dictionary).encodeCheck(record, deduplicationID: "d")
                let decoded = WireDecoder().decodeCheckRequest(WireEncoder.encode(check))
                #expect(Resolver().resolve(decoded).records.first?.attributes == record, "\(name), \(release)")
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

    @Test func protocDecodesTheEncoderOutput() throws {
        let records = try resolvedRecords("report-1.3-mixed.bin")
        let bytes = WireEncoder.encode(AttributeEncoder(dictionary: .newest).encodeReport(records))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/protoc")
        process.arguments = ["-I\(repositoryFile("Protos").path)", "-I/usr/include", "--decode=istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("repeated_attributes_semantics: INDEPENDENT_ENCODING"))
    }
}
