import Testing
@testable import MixerDecode

/// Each diagnostic against a record that triggers it and the same record
/// without the defect, which must not. The records are what the decoders
/// make of real bytes: each is compressed as istio-proxy compresses it
/// (`AttributeEncoder`), written to the wire, and read back by `WireDecoder`
/// and `Resolver`, so the rules run on the records real input gives.
///
/// The expectations are Istio's rules (Istio 1.1's Helm chart,
/// `charts/mixer/templates/config.yaml`):
/// - rule `promhttp` feeds istio_requests_total and matches
///   `(context.protocol == "http" || context.protocol == "grpc") &&
///   (match((request.useragent | "-"), "kube-probe*") == false)`; 1.2-1.4 also
///   leave out `Prometheus*` user agents;
/// - rule `promtcp` matches `context.protocol == "tcp"`;
/// - instance `requestcount` reads `response.code | 200`,
///   `destination.service.host | "unknown"`, `connection.mtls | false`, ...:
///   a value of the wrong type makes the instance fail, not the request;
/// - workload labels come from the kubernetesenv adapter, which knows only
///   `kubernetes://` uids.
@Suite struct DiagnosticsTests {
    /// An inbound HTTP record with everything right: the control.
    static let healthy: [String: AttributeValue] = [
        "context.protocol": .string("http"),
        "context.reporter.kind": .string("inbound"),
        "destination.service.host": .string("details.default.svc.cluster.local"),
        "destination.service.name": .string("details"),
        "destination.uid": .string("kubernetes://details-v1-6764bbc7f7-2mzxl.default"),
        "source.uid": .string("kubernetes://productpage-v1-54b8b9f55-bx2dq.default"),
        "destination.ip": .bytes([10, 244, 1, 17]),
        "destination.port": .int64(9080),
        "request.useragent": .string("python-requests/2.21.0"),
        "response.code": .int64(200),
        "connection.mtls": .bool(true),
    ]

    /// `records` as a proxy whose dictionary has `wordCount` words sends
    /// them, decoded, resolved and diagnosed (by `diagnostics`).
    static func diagnosed(
        _ records: [[String: AttributeValue]], wordCount: UInt32 = 221, message: ResolvedRequest.MessageKind = .report,
        semantics: RepeatedAttributesSemantics = .independent, diagnostics: Diagnostics = .standard
    ) throws -> ResolvedRequest {
        let lists = records.map { record in record.map { Attribute(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name } }
        let encoder = AttributeEncoder(dictionary: GlobalDictionary.forWordCount(wordCount).dictionary, semantics: semantics)
        var request = message == .check
            ? Resolver().resolve(WireDecoder().decodeCheckRequest(WireEncoder.encode(encoder.encodeCheck(lists[0]))))
            : Resolver().resolve(WireDecoder().decodeReportRequest(WireEncoder.encode(encoder.encodeReport(lists))))
        try #require(request.findings.allSatisfy { $0.code == .dictionaryMismatch }, "the request decodes cleanly")
        if semantics == .independent {
            // What the rules judge is what was sent.
            try #require(request.records.map { $0.attributes.attributeList() } == lists)
        }
        diagnostics.apply(to: &request)
        return request
    }

    func findings(
        _ attributes: [String: AttributeValue], wordCount: UInt32 = 221, message: ResolvedRequest.MessageKind = .report
    ) throws -> [Finding] {
        try Self.diagnosed([attributes], wordCount: wordCount, message: message).allFindings
    }

    func changing(_ name: String, to value: AttributeValue?) -> [String: AttributeValue] {
        var attributes = Self.healthy
        attributes[name] = value
        return attributes
    }

    /// Whether Mixer's metric rules count the record in istio_requests_total.
    func feedsRequestsTotal(_ attributes: [String: AttributeValue], wordCount: UInt32 = 221) throws -> Bool? {
        var summary = ServiceSummary()
        summary.add(try Self.diagnosed([attributes], wordCount: wordCount))
        return summary.rows.first?.feedsRequestMetrics
    }

    @Test func theHealthyRecordHasNoFinding() throws {
        #expect(try findings(Self.healthy).isEmpty)
        #expect(try feedsRequestsTotal(Self.healthy) == true)
    }

    /// Without context.protocol, promhttp's condition cannot be evaluated
    /// and Mixer treats it as false: the request is not counted.
    @Test func missingProtocol() throws {
        let found = try findings(changing("context.protocol", to: nil))
        let finding = try #require(found.first { $0.code == .missingProtocol })
        #expect(finding.severity == .error)
        #expect(finding.attribute == "context.protocol")
        #expect(finding.message.contains("details.default.svc.cluster.local (10.244.1.17:9080)"), "names the destination")
        #expect(finding.fix?.contains("http:9080") == true, "the port needs a protocol name")
        #expect(try feedsRequestsTotal(changing("context.protocol", to: nil)) == false)
        // Istio 0.8 counted every record that is not tcp as HTTP.
        #expect(try findings(changing("context.protocol", to: nil), wordCount: 178).first { $0.code == .missingProtocol }?.severity == .note)
        #expect(try feedsRequestsTotal(changing("context.protocol", to: nil), wordCount: 178) == true)
        // Checks feed no metrics.
        #expect(try findings(changing("context.protocol", to: nil), message: .check).isEmpty)
    }

    /// promtcp, not promhttp: a port without a protocol name is proxied as
    /// TCP and its requests are never in istio_requests_total.
    @Test func tcpProtocol() throws {
        let vm = try findings(changing("context.protocol", to: .string("tcp")))
        let finding = try #require(vm.first { $0.code == .tcpProtocol })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("never in istio_requests_total"))
        #expect(finding.fix?.contains("istioctl register details 10.244.1.17 http:9080") == true)
        var mongo = changing("context.protocol", to: .string("tcp"))
        mongo["destination.port"] = .int64(27017)
        #expect(try findings(mongo).first { $0.code == .tcpProtocol }?.severity == .note, "a TCP port is expected to be TCP")
    }

    /// `context.protocol == "http"` compares a STRING: an INT64 matches
    /// neither promhttp nor promtcp.
    @Test func protocolType() throws {
        let found = try findings(changing("context.protocol", to: .int64(1)))
        #expect(found.first { $0.code == .protocolType }?.severity == .error)
        #expect(try feedsRequestsTotal(changing("context.protocol", to: .int64(1))) == false)
    }

    /// The rules compare with "http", "grpc" and "tcp" exactly, case included.
    @Test func unknownProtocol() throws {
        #expect(try findings(changing("context.protocol", to: .string("HTTP"))).map(\.code) == [.unknownProtocol])
        #expect(try feedsRequestsTotal(changing("context.protocol", to: .string("HTTP"))) == false)
        #expect(try findings(changing("context.protocol", to: .string("grpc"))).isEmpty)
    }

    /// A type the manifest does not give the name: a requestcount dimension
    /// (response_code, connection_security_policy) makes the instance fail,
    /// so the request is missing from istio_requests_total (an error);
    /// attributes no metric reads only break rules that read them.
    @Test func typeMismatch() throws {
        let code = try #require(try findings(changing("response.code", to: .string("200"))).first)
        #expect(code.code == .typeMismatch)
        #expect(code.severity == .error)
        #expect(code.attribute == "response.code")
        #expect(code.message.contains("response_code label"), "says which dimension breaks")
        #expect(try feedsRequestsTotal(changing("response.code", to: .string("200"))) == false)
        let mtls = try findings(changing("connection.mtls", to: .string("true")))
        #expect(mtls.first?.severity == .error)
        #expect(mtls.first?.message.contains("connection_security_policy") == true)
        #expect(try findings(changing("request.referer", to: .int64(3))).first?.severity == .warning, "not used by a metric")
        // An IP_ADDRESS travels as 4 or 16 bytes.
        #expect(try findings(changing("destination.ip", to: .bytes([1, 2, 3, 4, 5, 6]))).map(\.code) == [.typeMismatch])
        #expect(try findings(changing("destination.ip", to: .bytes(Array(repeating: 0, count: 16)))).isEmpty)
        #expect(try findings(changing("custom.anything", to: .int64(3))).isEmpty, "attributes outside the manifest are legal")
    }

    /// promhttp leaves kube-probe out from 1.1 on; 1.2-1.4 also leave
    /// Prometheus scrapes out, and 1.5 counts them again.
    @Test func probeExcluded() throws {
        let probe = changing("request.useragent", to: .string("kube-probe/1.15"))
        #expect(try findings(probe).map(\.code) == [.probeExcluded])
        #expect(try feedsRequestsTotal(probe) == false)
        #expect(try findings(probe, wordCount: 203).first?.message.contains("still counts") == true, "1.0 has no exclusion")
        #expect(try feedsRequestsTotal(probe, wordCount: 203) == true)
        let prometheus = changing("request.useragent", to: .string("Prometheus/2.8.0"))
        #expect(try findings(prometheus).first?.message.contains("may be") == true, "221 words: 1.1 or 1.2")
        var in15 = prometheus
        in15["context.proxy_version"] = .string("1.5.1")
        #expect(try findings(in15, wordCount: 222).isEmpty, "1.5 counts Prometheus again")
        #expect(try feedsRequestsTotal(in15, wordCount: 222) == true)
        var in13 = prometheus
        in13["context.proxy_version"] = .string("1.3.5")
        #expect(try findings(in13, wordCount: 222).first?.message.contains("on purpose (Istio 1.2-1.4)") == true)
        #expect(try feedsRequestsTotal(in13, wordCount: 222) == false)
    }

    /// `destination.service.host | "unknown"`; workload labels from
    /// `kubernetes://` uids only (a VM has none).
    @Test func unknownLabels() throws {
        let noHost = try findings(changing("destination.service.host", to: nil))
        #expect(noHost.map(\.code) == [.unknownLabel])
        #expect(noHost.first?.severity == .warning)
        #expect(noHost.first?.attribute == "destination.service.host")
        let vm = try findings(changing("destination.uid", to: nil))
        #expect(vm.map(\.attribute) == ["destination.uid"])
        #expect(vm.first?.message.contains("Kiali") == true, "the VM case, inbound")
        let notAPod = try findings(changing("source.uid", to: .string("istio://default/services/productpage")))
        #expect(notAPod.map(\.attribute) == ["source.uid"])
    }

    /// Mixer replays a delta batch (0.8, 1.0): record k is record k-1
    /// overlaid with what record k sends, and is dispatched as such.
    @Test func deltaCarryover() throws {
        var second = Self.healthy
        second["response.code"] = .int64(503)
        let delta = try Self.diagnosed([Self.healthy, second], wordCount: 203, semantics: .delta)
        #expect(!delta.records[0].findings.contains { $0.code == .deltaCarryover }, "the first record sends everything")
        #expect(delta.records[1].attributes.count == Self.healthy.count)
        let carried = try #require(delta.records[1].findings.first { $0.code == .deltaCarryover })
        #expect(carried.severity == .note)
        // Every name but response.code, which the second record sent.
        #expect(carried.message.hasPrefix("\(Self.healthy.count - 1) of this record's attributes"))
        #expect(carried.message.contains("connection.mtls, context.protocol, context.reporter.kind"), "in name order")
        #expect(!carried.message.contains("response.code"))
    }

    /// istio-proxy falls back to the 111-word list only on an answer no
    /// released Mixer gives; the request itself reads as usual.
    @Test func dictionaryFallback() throws {
        let request = try Self.diagnosed([Self.healthy], wordCount: 111)
        #expect(request.findings.map(\.code).filter { $0 != .dictionaryMismatch } == [.dictionaryFallback])
        #expect(request.findings.first { $0.code == .dictionaryFallback }?.severity == .note)
        #expect(request.records[0].findings.isEmpty, "words past index 110 travel as message words, read as usual")
    }

    @Test func skippingRules() throws {
        let record: [String: AttributeValue] = ["request.method": .string("GET")]
        let all = try Self.diagnosed([record], wordCount: 222)
        #expect(Set(all.allFindings.map(\.code)) == [.missingProtocol, .unknownLabel])
        let skipping = Diagnostics.standard.skipping([.missingProtocol, .unknownLabel])
        #expect(try Self.diagnosed([record], wordCount: 222, diagnostics: skipping).allFindings.isEmpty)
    }
}

/// The rules on Corpus inputs, as `InputDecoder` reads them. What each input
/// holds is described in Corpus/README.md and its `.txtpb`; the expectations
/// are what Istio's rules (see `DiagnosticsTests`) make of that.
@Suite struct CorpusDiagnosticsTests {
    func records(_ input: String) throws -> [ResolvedRecord] {
        try Corpus.decode(input).flatMap(\.records)
    }

    func codes(_ record: ResolvedRecord) -> [FindingCode] {
        record.findings.map(\.code).filter(Diagnostics.isDiagnostic)
    }

    /// details (a pod with an `http` port) inbound from productpage: nothing to say.
    @Test func theHealthyBatchHasNoFinding() throws {
        let requests = try Corpus.decode("Corpus/binary/report-1.1-healthy-http.bin")
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
        if case .bytes(let bytes)? = sixBytes.attributes.value(of: "source.ip") { #expect(bytes.count == 6) }
    }

    /// A 1.1 proxy that fell back to the 111-word list: one note per
    /// request, and the records read as usual.
    @Test func theFallbackDictionaryIsSaidOncePerRequest() throws {
        for request in try Corpus.decode("Corpus/binary/report-fallback-111.bin") {
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
        let requests = try Corpus.decode("Corpus/logs/cut-start.log")
        let cut = try #require(requests.first?.records.first)
        #expect(cut.unseen != nil)
        let unseen = try #require(cut.findings.first { $0.code == .unseen })
        #expect(unseen.attribute == "context.protocol")
        #expect(!codes(cut).contains(.missingProtocol))
        #expect(requests.last?.allFindings.isEmpty == true, "report-1.1-healthy-http after it")
    }
}
