import Foundation
import MixerConfig
import Testing
@testable import MixerDecode

/// Defects found in review, each kept fixed by a test.
@Suite struct RegressionTests {
    func decodeLog(_ text: String) -> [ResolvedRequest] {
        var requests: [ResolvedRequest] = []
        InputDecoder(inputKind: .log).decode(Array(text.utf8), inputName: "log") { requests.append($0) }
        return requests
    }

    @Test func aDumpThatStartsWithANumberDoesNotReadBeforeTheText() {
        for marker in ["Sending Report request:", "Check response:", "Report attributes:"] {
            let requests = decodeLog("\(marker) 1\n\n\(marker) .5\n\n")
            #expect(requests.count == 2, "\(marker)")
            #expect(requests.allSatisfy { !$0.allFindings.isEmpty })
        }
    }

    @Test func aLongRunOfUnexpectedBytesIsOneProblemAndNoRecursion() {
        let junk = String(repeating: "@", count: 200_000) + String(repeating: "é", count: 60_000)
        let requests = decodeLog("Sending Report request: attributes {\n\(junk)\n}\n\n")
        let malformed = requests[0].allFindings.filter { $0.code == .malformed }
        #expect(malformed.count == 1)
        #expect(malformed.first?.message.contains("unexpected bytes") == true)
    }

    @Test func deepGroupsNeedNoStack() {
        let bytes = [UInt8](repeating: 0x0B, count: 300_000)  // start-group of field 1, over and over
        let decoded = WireDecoder(limits: DecodeLimits(maxDepth: 1_000_000)).decodeReportRequest(bytes)
        #expect(decoded.findings.contains { $0.code == .truncated })
    }

    @Test func findingsAreCappedPerCode() {
        // 50,000 unknown fields: 100 listed, one note for the rest.
        let bytes = Wire.bytesField(1, []) + (0..<50_000).flatMap { _ in Wire.varintField(11, 0) }
        let decoded = WireDecoder().decodeReportRequest(bytes)
        #expect(decoded.findings.filter { $0.code == .unknownField }.count == FindingLimiter.perCode + 1)
        #expect(decoded.findings.last?.message.hasPrefix("49900 more unknown-field findings") == true)
    }

    @Test func deltaReplayIsBounded() {
        // Record k adds one new attribute: the replay repeats k attributes in record k.
        let words = (0..<300).flatMap { Wire.stringField(2, "attr.\($0)") }
        let records = (0..<300).flatMap { index in Wire.bytesField(1, Wire.indexPair(2, Int32(-index - 1), 124)) }
        let decoded = WireDecoder().decodeReportRequest(records + words + Wire.varintField(3, 203))
        let request = Resolver(maxReplayedAttributes: 10_000).resolve(decoded)
        #expect(request.findings.contains { $0.code == .limitExceeded })
        let total = request.records.map(\.attributes.count).reduce(0, +)
        #expect(total <= 10_000 + 300, "replayed output stays within the budget: \(total)")
        #expect(request.records[299].attributes.count == 1, "past the budget, records are shown as sent")
    }

    @Test func anUnresolvableStringValueStillHoldsItsPlaceInTheProbeOrder() {
        let record = Wire.indexPair(2, 131, 500)
            + Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(131) + Wire.varintField(2, 5))
        let bytes = Wire.bytesField(1, record) + Wire.varintField(3, 221) + Wire.varintField(4, 1)
        let request = Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
        #expect(request.records[0].value(of: "context.protocol") == nil, "absent, as Mixer treats it")
        #expect(request.records[0].findings.map(\.code) == [.unknownIndex, .duplicateAttribute])
    }

    @Test func summaryCountsPrometheusWhenTheReleaseMayNotExcludeIt() {
        var summary = ServiceSummary()
        for agent in ["Prometheus/2.3.1", "kube-probe/1.15"] {
            var request = ResolvedRequest(
                message: .report, dictionary: GlobalDictionary.forWordCount(221).dictionary, globalWordCount: 221,
                semantics: .independent,
                records: [ResolvedRecord(index: 0, attributes: [
                    Attribute(name: "context.protocol", value: .string("http")),
                    Attribute(name: "destination.service.host", value: .string("\(agent).svc")),
                    Attribute(name: "request.useragent", value: .string(agent)),
                ])],
                findings: [], range: 0..<0, deduplicationID: nil, quotas: [])
            Diagnostics.withMixer.apply(to: &request)
            summary.add(request)
        }
        let rows = Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.destination, $0) })
        // 221 words fit 1.1 and 1.2: 1.1.17's promhttp counts scrapes, 1.2.0's leaves them out.
        #expect(rows["Prometheus/2.3.1.svc"]?.feedsRequestMetrics == nil, "1.1 counts it, 1.2 does not: not told")
        #expect(rows["kube-probe/1.15.svc"]?.missesRequestMetrics == true, "1.1+ leaves probes out")
    }

    /// `destination_port: destination.port | 0` in the kubernetesenv
    /// instance (every default from 1.0): a STRING port fails its integer
    /// conversion, preprocessing fails, and Mixer dispatches nothing for the
    /// record (`grpcServer.go`, `dispatchSingleReport`).
    @Test func aMistypedInputOfTheAttributeGeneratorDropsTheRecord() {
        var summary = ServiceSummary()
        var request = ResolvedRequest(
            message: .report, dictionary: .newest, globalWordCount: 222, semantics: .independent,
            records: [ResolvedRecord(index: 0, attributes: [
                Attribute(name: "context.protocol", value: .string("http")),
                Attribute(name: "destination.port", value: .string("9080")),
            ])],
            findings: [], range: 0..<0, deduplicationID: nil, quotas: [])
        Diagnostics.withMixer.apply(to: &request)
        summary.add(request)
        #expect(summary.rows.first?.missesRequestMetrics == true)
        #expect(request.records[0].mixer?.notDispatched?.hasPrefix("preprocessing attributes failed: destination_port: error converting value to integer or duration: '9080'") == true)
    }

    @Test func aBinaryReportWithALongTokenIsNotALog() {
        let token = "Bearer " + String(repeating: "eyJhbGciOiJSUzI1NiJ9", count: 200)
        let bytes = Wire.bytesField(1, Wire.indexPair(2, 131, -1)) + Wire.stringField(2, token) + Wire.varintField(3, 221)
        #expect(InputKindDetector.detect(bytes) != .log)
    }

    @Test func aLogWithoutDumpsSaysSo() {
        let requests = decodeLog("[2019-05-20 08:12:20.125][23][debug][router] nothing to see\n")
        #expect(requests.count == 1)
        #expect(requests[0].findings.first?.message.hasPrefix("no Mixer dump in the 1 lines read") == true)
    }

    @Test func resolutionFindingsPointAtTheirEntry() throws {
        let bytes = try readRepositoryBytes("Corpus/binary/report-unknown-index.bin")
        let requests = try Corpus.decode("Corpus/binary/report-unknown-index.bin")
        let findings = requests.flatMap(\.allFindings).filter { $0.code == .unknownIndex || $0.code == .dictionaryMismatch }
        #expect(findings.count >= 4)
        let tags: [String: UInt8] = ["strings": 0x12, "int64s": 0x1A, "string_maps": 0x4A, "bytes": 0x42]
        for finding in findings {
            let offset = try #require(finding.position?.offset, "\(finding.message)")
            let map = try #require(tags.keys.first { finding.message.contains(".\($0) entry") })
            #expect(bytes[offset] == tags[map], "the byte at \(offset) is the tag of a \(map) entry")
        }
    }

    /// In a log, resolution's findings say the line and column of the entry
    /// they are about: its `strings {` (or other map) line.
    @Test func resolutionFindingsInALogPointAtTheirEntry() throws {
        let text = try String(contentsOf: repositoryFile("Corpus/logs/envoy-0.8.log"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let requests = try Corpus.decode("Corpus/logs/envoy-0.8.log")
        let findings = requests.flatMap(\.allFindings).filter { $0.code == .unknownIndex || $0.code == .dictionaryMismatch }
        try #require(findings.count >= 3)
        for finding in findings {
            let line = try #require(finding.position?.line, "\(finding.message)")
            let map = try #require(["strings", "int64s", "string_maps", "bytes"].first { finding.message.contains(".\($0) entry") })
            #expect(lines[line - 1] == "  \(map) {", "line \(line) opens the \(map) entry: \(finding.message)")
            #expect(finding.position?.column == 3 && finding.position?.offset == nil)
        }
    }

    @Test func logTimesAreEscapedOnTheTerminal() {
        let log = "[2019-05-20 08:12:20.125\u{1B}[2J][23][debug][grpc] [x.cc:1] Sending Report request: global_word_count: 221\n\n"
        let rendered = decodeLog(log).map { TextRenderer().render($0) }.joined()
        #expect(!rendered.contains("\u{1B}"))
    }
}
