import MixerConfig
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
        _ records: [[String: AttributeValue]], wordCount: UInt32 = 221, message: MessageKind = .report,
        semantics: RepeatedAttributesSemantics = .independent, diagnostics: Diagnostics = .withMixer
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
        _ attributes: [String: AttributeValue], wordCount: UInt32 = 221, message: MessageKind = .report
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

    /// promhttp leaves kube-probe out from 1.1 on, and Prometheus scrapes
    /// from 1.2.0 (e9bb955d764) to 1.7.8: every rendered default from 1.2.0
    /// has `match((request.useragent | "-"), "Prometheus*") == false`.
    @Test func probeExcluded() throws {
        let probe = changing("request.useragent", to: .string("kube-probe/1.15"))
        #expect(try findings(probe).map(\.code) == [.probeExcluded])
        #expect(try feedsRequestsTotal(probe) == false)
        #expect(try findings(probe, wordCount: 203).first { $0.code == .probeExcluded }?.message.contains("counts it in") == true, "1.0 has no exclusion")
        #expect(try feedsRequestsTotal(probe, wordCount: 203) == true)
        let prometheus = changing("request.useragent", to: .string("Prometheus/2.8.0"))
        let mixer11 = Diagnostics.standard.evaluating(with: MixerEvaluator(ConfigurationsInForce(
            release: ReleaseChoice(release: IstioRelease("1.1.6")!, reason: "a test"))))
        let in11 = try Self.diagnosed([prometheus], diagnostics: mixer11).allFindings
        #expect(in11.first { $0.code == .probeExcluded }?.message.contains("counts it in") == true, "1.1 counts scrapes")
        var in15 = prometheus
        in15["context.proxy_version"] = .string("1.5.1")
        #expect(try findings(in15, wordCount: 222).first?.message.contains("leaves it out of istio_requests_total") == true)
        #expect(try feedsRequestsTotal(in15, wordCount: 222) == false)
        var in13 = prometheus
        in13["context.proxy_version"] = .string("1.3.5")
        #expect(try findings(in13, wordCount: 222).first?.message.contains(#"match((request.useragent | "-"), "Prometheus*")"#) == true)
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

    /// Reading a request with the 111-word list by choice (`--dictionary
    /// fallback`) says nothing of the proxy: only the count it sent does.
    @Test func readingWithTheFallbackListIsNoFallbackOfTheProxy() throws {
        let encoder = AttributeEncoder(dictionary: GlobalDictionary.forWordCount(221).dictionary)
        let bytes = WireEncoder.encode(encoder.encodeReport([[Attribute(name: "context.protocol", value: .string("http"))]]))
        let fallback = try #require(GlobalDictionary(release: "fallback"))
        var request = Resolver(dictionaryOverride: fallback).resolve(WireDecoder().decodeReportRequest(bytes))
        Diagnostics.standard.apply(to: &request)
        #expect(request.dictionary?.release == "fallback")
        #expect(!request.allFindings.contains { $0.code == .dictionaryFallback })
    }

    @Test func skippingRules() throws {
        let record: [String: AttributeValue] = ["request.method": .string("GET")]
        let all = try Self.diagnosed([record], wordCount: 222)
        // No series, so no label to read "unknown": only the protocol is said.
        #expect(Set(all.allFindings.map(\.code)) == [.missingProtocol])
        let skipping = Diagnostics.withMixer.skipping([.missingProtocol, .unknownLabel])
        #expect(try Self.diagnosed([record], wordCount: 222, diagnostics: skipping).allFindings.isEmpty)
    }
}

/// The seed scenario: details on a VM registered as `istioctl register details 10.244.3.0 9080`.
@Suite struct VMScenarioTests {
    func decode(_ file: String) throws -> (requests: [ResolvedRequest], summary: ServiceSummary) {
        var summary = ServiceSummary()
        var requests: [ResolvedRequest] = []
        InputDecoder(diagnostics: .withMixer).decode(try readRepositoryBytes(file), inputName: file) { request in
            summary.add(request)
            requests.append(request)
        }
        return (requests, summary)
    }

    @Test(arguments: ["Corpus/examples/vm-details-tcp.grpc", "Corpus/logs/vm-scenario.log"])
    func detailsGetsNoRequestsTotalBecauseItsPortHasNoProtocol(_ file: String) throws {
        let (requests, summary) = try decode(file)
        let details = requests.flatMap(\.records).filter {
            $0.value(of: "destination.service.host") == .string("details.default.svc.cluster.local")
        }
        #expect(details.count == 4, "inbound (VM sidecar) and outbound (productpage) connection reports")
        for record in details {
            let finding = try #require(record.findings.first { $0.code == .tcpProtocol })
            #expect(finding.position?.offset != nil || finding.position?.line != nil, "located: the record's bytes or its dump's line")
            #expect(finding.message.contains("details.default.svc.cluster.local (10.244.3.0:9080)"))
            #expect(finding.fix?.contains("istioctl register details 10.244.3.0 http:9080") == true)
        }
        let rows = summary.rows.filter { $0.destination == "details.default.svc.cluster.local" }
        #expect(Set(rows.map(\.reporter)) == ["destination", "source"])
        for row in rows {
            #expect(row.missesRequestMetrics)
            #expect(row.metrics == [
                "istio_tcp_sent_bytes_total", "istio_tcp_received_bytes_total", "istio_tcp_connections_opened_total",
                "istio_tcp_connections_closed_total",
            ])
            #expect(row.topFinding?.code == .tcpProtocol)
        }
        let inbound = try #require(rows.first { $0.reporter == "destination" })
        #expect(inbound.unknownLabels.contains("destination_workload"), "a VM has no pod")
        let reviews = try #require(summary.rows.first { $0.destination == "reviews.default.svc.cluster.local" })
        #expect(!reviews.missesRequestMetrics, "the healthy HTTP call in the same capture is counted")
    }

    @Test func aHealthyHTTPBatchHasNoProtocolFinding() throws {
        let (requests, summary) = try decode("Corpus/binary/report-1.1-healthy-http.bin")
        let codes = Set(requests.flatMap(\.allFindings).map(\.code))
        #expect(codes.isDisjoint(with: [.missingProtocol, .tcpProtocol, .protocolType, .unknownProtocol]))
        #expect(summary.rows.allSatisfy { !$0.missesRequestMetrics })
    }

    @Test func checkAndStrictExitCodes() throws {
        #expect(try runCommand(["--check", "Corpus/binary/report-1.1-healthy-http.bin"]).status == 0)
        #expect(try runCommand(["--check", "Corpus/examples/vm-details-tcp.grpc"]).status == 0, "tcp-protocol is a warning")
        #expect(try runCommand(["--check", "--strict", "Corpus/examples/vm-details-tcp.grpc"]).status == 3)
        #expect(try runCommand(["--check", "Corpus/binary/report-unknown-index.bin"]).status == 3, "unknown-index is an error")
    }

    @Test func summaryOutput() throws {
        let text = try runCommand(["--summary", "Corpus/examples/vm-details-tcp.grpc"])
        #expect(text.stdout.hasPrefix("Diagnosis by destination"))
        #expect(text.stdout.contains("istioctl register details 10.244.3.0 http:9080"))
        let json = try runCommand(["--summary", "-o", "ndjson", "Corpus/examples/vm-details-tcp.grpc"])
        let rows = json.stdout.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[0].contains(#""destination":"details.default.svc.cluster.local""#))
        #expect(rows[0].contains(#""requestsTotal":false"#))
    }

    @Test func listFindingsDocumentsEveryCode() throws {
        let run = try runCommand(["--list-findings"])
        for code in Diagnostics.catalogue.map(\.code) + Array(Diagnostics.evaluationCodes) {
            #expect(run.stdout.contains("\n  \(code)\n"), "\(code)")
        }
        #expect(run.stdout.contains("example:"))
    }
}
