import Testing
@testable import MixerDecode

/// The rules on Corpus inputs, as `InputDecoder` reads them. What each input
/// holds is described in Corpus/README.md and its `.txtpb`; the expectations
/// are what Istio's rules (see `DiagnosticsTests`) make of that.
@Suite struct CorpusDiagnosticsTests {
    func records(_ input: String) throws -> [ResolvedRecord] {
        try Corpus.diagnose(input).flatMap(\.records)
    }

    func codes(_ record: ResolvedRecord) -> [FindingCode] {
        record.findings.map(\.code).filter(Diagnostics.isDiagnostic)
    }

    /// details (a pod with an `http` port) inbound from productpage: nothing to say.
    @Test func theHealthyBatchHasNoFinding() throws {
        let requests = try Corpus.diagnose("Corpus/binary/report-1.1-healthy-http.bin")
        #expect(!requests.isEmpty)
        #expect(requests.flatMap(\.allFindings).isEmpty)
    }

    /// The VM's sidecar: its port has no protocol name, so it reports tcp
    /// (promtcp only), and a VM has no pod for the workload labels.
    @Test func theVMSidecarReportsTCPAndHasNoPod() throws {
        let vm = try records("Corpus/binary/report-1.1-vm-tcp.bin")
        #expect(vm.count == 2)
        for record in vm {
            let tcp = try #require(record.findings.first { $0.code == .tcpProtocol })
            #expect(tcp.severity == .warning, "9080 is no TCP service's port")
            #expect(tcp.fix?.contains("istioctl register details 10.244.3.0 http:9080") == true)
            #expect(record.findings.contains { $0.code == .unknownLabel && $0.attribute == "destination.uid" })
            #expect(!codes(record).contains(.missingProtocol))
        }
    }

    /// ratings-v2: inbound HTTP is counted; outbound TCP to mongodb's port
    /// 27017 is TCP as expected (a note, not a warning).
    @Test func tcpToAWellKnownPortIsExpected() throws {
        for record in try records("Corpus/binary/report-1.3-mixed.bin") {
            switch record.attributes.value(of: "context.protocol") {
            case .string("tcp")?:
                #expect(record.attributes.value(of: "destination.port") == .int64(27017))
                #expect(record.findings.first { $0.code == .tcpProtocol }?.severity == .note)
            default:
                #expect(codes(record).isEmpty, "record \(record.index)")
            }
        }
    }

    /// Istio 1.0, delta: record 2 sends response.code as the STRING "200",
    /// record 3 as INT64 again. requestcount reads `response.code | 200`.
    @Test func aDeltaRecordOfTheWrongTypeBreaksOnlyItsOwnCount() throws {
        let batch = try records("Corpus/binary/report-1.0-delta.bin")
        #expect(batch.count == 4)
        for record in batch {
            let mismatch = record.findings.filter { $0.code == .typeMismatch }
            if record.index == 2 {
                #expect(mismatch.map(\.attribute) == ["response.code"])
                #expect(mismatch.first?.severity == .error)
            } else {
                #expect(mismatch.isEmpty, "record \(record.index)")
            }
        }
    }

    /// Mixer replays the batch: every record after the first carries over
    /// whatever the accumulated set holds and it did not send itself.
    @Test func deltaRecordsCarryOverWhatTheyDidNotSend() throws {
        let input = "Corpus/binary/report-1.0-delta.bin"
        let wire = WireDecoder().decodeReportRequest(try readRepositoryBytes(input)).message
        func names(sentBy record: CompressedAttributes) -> Set<String> {
            let keys = record.strings.map(\.key) + record.int64s.map(\.key) + record.doubles.map(\.key)
                + record.bools.map(\.key) + record.timestamps.map(\.key) + record.durations.map(\.key)
                + record.bytes.map(\.key) + record.stringMaps.map(\.key)
            return Set(keys.map { $0 >= 0 ? GlobalDictionary.allWords[Int($0)] : wire.defaultWords[Int(~$0)] })
        }
        var accumulated: Set<String> = []
        for (record, sent) in zip(try records(input), wire.records) {
            let own = names(sentBy: sent)
            let carried = accumulated.subtracting(own)
            accumulated.formUnion(own)
            #expect(Set(record.attributes.map(\.name)) == accumulated, "record \(record.index)")
            #expect(Set(record.attributes.filter(\.isCarriedOver).map(\.name)) == carried, "record \(record.index)")
            let note = record.findings.first { $0.code == .deltaCarryover }
            #expect((note != nil) == !carried.isEmpty, "record \(record.index)")
            #expect(note?.message.hasPrefix("\(carried.count) of this record's attributes") ?? true)
        }
    }

    /// destination.port in strings and int64s: Mixer probes strings first,
    /// so it dispatches a STRING where the manifest says INT64 (no metric
    /// of 1.1 reads destination.port: a warning).
    @Test func theValueMixerKeepsIsTheOneJudged() throws {
        let record = try #require(try records("Corpus/binary/report-duplicates.bin").first)
        #expect(record.attributes.value(of: "destination.port")?.kind == .string)
        let mismatch = try #require(record.findings.first { $0.code == .typeMismatch })
        #expect(mismatch.attribute == "destination.port")
        #expect(mismatch.severity == .warning)
    }

    /// IP_ADDRESS values are 4 or 16 bytes; attributes outside the manifest
    /// (odd.*) may hold anything.
    @Test func onlyTheSixByteAddressIsNoAddress() throws {
        let batch = try records("Corpus/binary/report-odd-values.bin")
        let mismatches = batch.flatMap(\.findings).filter { $0.code == .typeMismatch }
        #expect(mismatches.map(\.attribute) == ["source.ip"])
        let sixBytes = try #require(batch.first { $0.findings.contains { $0.code == .typeMismatch } })
        guard case .bytes(let bytes)? = sixBytes.attributes.value(of: "source.ip") else {
            Issue.record("source.ip is not bytes")
            return
        }
        #expect(bytes.count == 6)
    }

    /// A 1.1 proxy that fell back to the 111-word list: one note per
    /// request, and the records read as usual.
    @Test func theFallbackDictionaryIsSaidOncePerRequest() throws {
        for request in try Corpus.diagnose("Corpus/binary/report-fallback-111.bin") {
            #expect(request.findings.filter { $0.code == .dictionaryFallback }.count == 1)
            #expect(request.records.allSatisfy { !codes($0).contains(.missingProtocol) })
        }
    }

    /// Checks feed no metrics: no metric rule speaks about them.
    @Test func checksAreNotJudgedByMetricRules() throws {
        let metricRules: Set<FindingCode> = [
            .missingProtocol, .tcpProtocol, .protocolType, .unknownProtocol, .probeExcluded, .unknownLabel, .unseen,
        ]
        let check = try records("Corpus/binary/check-1.1.bin")
        #expect(!check.isEmpty)
        #expect(check.allSatisfy { Set(codes($0)).isDisjoint(with: metricRules) })
    }

    /// A dump whose start was cut: context.protocol (string key 131, printed
    /// before the cut at key 171) is not in what survived, so its absence
    /// is not judged; the batch that follows in the log is whole.
    @Test func whatACutTookIsNotJudgedAbsent() throws {
        let requests = try Corpus.diagnose("Corpus/logs/cut-start.log")
        let cut = try #require(requests.first?.records.first)
        #expect(cut.unseen != nil)
        let unseen = try #require(cut.findings.first { $0.code == .unseen })
        #expect(unseen.attribute == "context.protocol")
        #expect(!codes(cut).contains(.missingProtocol))
        #expect(requests.last?.allFindings.isEmpty == true, "report-1.1-healthy-http after it")
    }
}
