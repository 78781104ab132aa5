import Foundation
import Testing
@testable import MixerDecode

/// Whole requests read the same through the wire fast path as without it,
/// as the text twin checks (`LogRunFastPathTests`): every corpus Report and
/// Check, re-encoded with each map entry, string-map pair and time value
/// written value first (a layout the fast path declines, so the general
/// decoder reads every entry), holds the same records and resolves to the
/// same attributes. Both are also held to the corpus's expectation, which
/// the Python generator wrote from the request it encoded: a value the fast
/// path misread would be re-encoded wrong, so agreeing with it alone proves
/// nothing about it.
extension WireFastPathTests {
    /// `CompressedAttributes` with every entry bent out of the canonical layout.
    static func bent(_ record: CompressedAttributes) -> [UInt8] {
        func entry(_ field: CompressedAttributesField, key: Int32, value: [UInt8]) -> [UInt8] {
            Wire.bytesField(field.number, value + Wire.tag(1, 0) + Wire.sint32(key))
        }
        func time(seconds: Int64, nanos: Int32) -> [UInt8] {
            Wire.bytesField(2, Wire.varintField(2, UInt64(bitPattern: Int64(nanos))) + Wire.varintField(1, UInt64(bitPattern: seconds)))
        }
        func littleEndian(_ bits: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) } }
        func pairs(_ pairs: [IndexPair]) -> [UInt8] {
            Wire.bytesField(2, pairs.flatMap { Wire.bytesField(1, Wire.tag(2, 0) + Wire.sint32($0.value) + Wire.tag(1, 0) + Wire.sint32($0.key)) })
        }
        var bytes = record.words.flatMap { Wire.stringField(CompressedAttributesField.words.number, $0) }
        bytes += record.strings.flatMap { entry(.strings, key: $0.key, value: Wire.tag(2, 0) + Wire.sint32($0.value)) }
        bytes += record.int64s.flatMap { entry(.int64s, key: $0.key, value: Wire.varintField(2, UInt64(bitPattern: $0.value))) }
        bytes += record.doubles.flatMap { entry(.doubles, key: $0.key, value: Wire.tag(2, 1) + littleEndian($0.value.bitPattern)) }
        bytes += record.bools.flatMap { entry(.bools, key: $0.key, value: Wire.varintField(2, $0.value ? 1 : 0)) }
        bytes += record.timestamps.flatMap { entry(.timestamps, key: $0.key, value: time(seconds: $0.value.seconds, nanos: $0.value.nanos)) }
        bytes += record.durations.flatMap { entry(.durations, key: $0.key, value: time(seconds: $0.value.seconds, nanos: $0.value.nanos)) }
        bytes += record.bytes.flatMap { entry(.bytes, key: $0.key, value: Wire.bytesField(2, $0.value)) }
        bytes += record.stringMaps.flatMap { entry(.stringMaps, key: $0.key, value: pairs($0.entries)) }
        return bytes
    }

    /// Everything a record holds, doubles by their bits.
    static func contents(_ record: CompressedAttributes) -> [String] {
        [Array(record.words).description] + Kind.allCases.map { recorded($0, record).description }
    }

    /// Resolved attributes as text: a NaN double is not equal to itself.
    static func attributes(_ request: ResolvedRequest) -> [String] { request.records.map { "\($0.attributes)" } }

    static func corpusMessages(_ prefix: String) throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/binary").path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".bin") }.sorted()
        return try names.map { ($0, try readRepositoryBytes("Corpus/binary/\($0)")) }
    }

    @Test func reportRequestsReadTheSameWithoutTheFastPath() throws {
        let reports = try Self.corpusMessages("report-")
        #expect(reports.count > 10)
        for (name, bytes) in reports {
            let fast = WireDecoder().decodeReportRequest(bytes)
            let report = fast.message
            var slowBytes = report.records.flatMap { Wire.bytesField(ReportRequestField.attributes.number, Self.bent($0)) }
            slowBytes += report.defaultWords.flatMap { Wire.stringField(ReportRequestField.defaultWords.number, $0) }
            slowBytes += Wire.varintField(ReportRequestField.globalWordCount.number, UInt64(report.globalWordCount))
            if let semantics = report.repeatedAttributesSemantics {
                slowBytes += Wire.varintField(ReportRequestField.repeatedAttributesSemantics.number, UInt64(bitPattern: Int64(semantics)))
            }
            let slow = WireDecoder().decodeReportRequest(slowBytes)
            #expect(slow.findings.isEmpty, "\(name): \(slow.findings)")
            #expect(slow.message.records.map(Self.contents) == report.records.map(Self.contents), "\(name)")
            #expect(Self.attributes(Resolver().resolve(slow)) == Self.attributes(Resolver().resolve(fast)), "\(name)")
            try Self.expectMatchesCorpus(Resolver().resolve(slow), name)
        }
    }

    /// The resolved attributes are those of `Corpus/binary/NAME`'s expectation.
    static func expectMatchesCorpus(_ request: ResolvedRequest, _ name: String) throws {
        let want = try #require(try Corpus.expectation(for: "Corpus/binary/\(name)").first)
        let wantRecords = try #require(want["records"] as? [[String: Any]], "\(name)")
        let objects = try Corpus.objects(request)
        try #require(objects.count == wantRecords.count, "\(name)")
        for (object, wantRecord) in zip(objects, wantRecords) {
            #expect(object["attributes"] as? NSDictionary == wantRecord["attributes"] as? NSDictionary, "\(name)")
        }
    }

    @Test func checkRequestsReadTheSameWithoutTheFastPath() throws {
        let checks = try Self.corpusMessages("check-1")
        #expect(!checks.isEmpty)
        for (name, bytes) in checks {
            let fast = WireDecoder().decodeCheckRequest(bytes)
            let check = fast.message
            var slowBytes = Wire.bytesField(CheckRequestField.attributes.number, Self.bent(check.attributes))
            slowBytes += Wire.varintField(CheckRequestField.globalWordCount.number, UInt64(check.globalWordCount))
            let slow = WireDecoder().decodeCheckRequest(slowBytes)
            #expect(slow.findings.isEmpty, "\(name): \(slow.findings)")
            #expect(Self.contents(slow.message.attributes) == Self.contents(check.attributes), "\(name)")
            #expect(Self.attributes(Resolver().resolve(slow)) == Self.attributes(Resolver().resolve(fast)), "\(name)")
            try Self.expectMatchesCorpus(Resolver().resolve(slow), name)
        }
    }
}
