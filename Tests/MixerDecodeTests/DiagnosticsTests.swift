import Testing
@testable import MixerDecode

/// Each diagnostic against a record that triggers it and the same record
/// without the defect, which must not.
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

    func findings(
        _ attributes: [String: AttributeValue], wordCount: UInt32 = 221, message: ResolvedRequest.MessageKind = .report
    ) -> [Finding] {
        var request = ResolvedRequest(
            message: message, dictionary: GlobalDictionary.forWordCount(wordCount).dictionary, globalWordCount: wordCount,
            semantics: .independent,
            records: [ResolvedRecord(
                index: 0, attributes: attributes.map { Attribute(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name })],
            findings: [], range: 0..<0, deduplicationID: nil, quotas: [])
        Diagnostics.standard.apply(to: &request)
        return request.allFindings
    }

    func changing(_ name: String, to value: AttributeValue?) -> [String: AttributeValue] {
        var attributes = Self.healthy
        attributes[name] = value
        return attributes
    }

    @Test func theHealthyRecordHasNoFinding() {
        #expect(findings(Self.healthy).isEmpty)
    }

    @Test func missingProtocol() throws {
        let found = findings(changing("context.protocol", to: nil))
        let finding = try #require(found.first { $0.code == .missingProtocol })
        #expect(finding.severity == .error)
        #expect(finding.message.contains("details.default.svc.cluster.local (10.244.1.17:9080)"), "names what to fix")
        #expect(finding.fix?.contains("http:9080") == true)
        // Istio 0.8 counted every non-tcp record as HTTP.
        #expect(findings(changing("context.protocol", to: nil), wordCount: 178).first { $0.code == .missingProtocol }?.severity == .note)
        // Checks feed no metrics.
        #expect(findings(changing("context.protocol", to: nil), message: .check).isEmpty)
    }

    @Test func tcpProtocol() throws {
        let vm = findings(changing("context.protocol", to: .string("tcp")))
        let finding = try #require(vm.first { $0.code == .tcpProtocol })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("never in istio_requests_total"))
        #expect(finding.fix?.contains("istioctl register details 10.244.1.17 http:9080") == true)
        var mongo = changing("context.protocol", to: .string("tcp"))
        mongo["destination.port"] = .int64(27017)
        #expect(findings(mongo).first { $0.code == .tcpProtocol }?.severity == .note, "a TCP port is expected to be TCP")
    }

    @Test func protocolType() {
        let found = findings(changing("context.protocol", to: .int64(1)))
        #expect(found.map(\.code).contains(.protocolType))
        #expect(found.first { $0.code == .protocolType }?.severity == .error)
    }

    @Test func unknownProtocol() {
        #expect(findings(changing("context.protocol", to: .string("HTTP"))).map(\.code) == [.unknownProtocol])
        #expect(findings(changing("context.protocol", to: .string("grpc"))).isEmpty)
    }

    @Test func typeMismatch() throws {
        let code = try #require(findings(changing("response.code", to: .string("200"))).first)
        #expect(code.code == .typeMismatch)
        #expect(code.severity == .error)
        #expect(code.message.contains("response_code label"), "says which dimension breaks")
        let mtls = findings(changing("connection.mtls", to: .string("true")))
        #expect(mtls.first?.message.contains("connection_security_policy") == true)
        #expect(findings(changing("request.referer", to: .int64(3))).first?.severity == .warning, "not used by a metric")
        #expect(findings(changing("destination.ip", to: .bytes([1, 2, 3, 4, 5, 6]))).map(\.code) == [.typeMismatch])
        #expect(findings(changing("custom.anything", to: .int64(3))).isEmpty, "attributes outside the manifest are legal")
    }

    @Test func probeExcluded() {
        let probe = changing("request.useragent", to: .string("kube-probe/1.15"))
        #expect(findings(probe).map(\.code) == [.probeExcluded])
        #expect(findings(probe, wordCount: 203).first?.message.contains("still counts") == true, "1.0 has no exclusion")
        let prometheus = changing("request.useragent", to: .string("Prometheus/2.8.0"))
        #expect(findings(prometheus).first?.message.contains("may be") == true, "221 words: 1.1 or 1.2")
        var in15 = prometheus
        in15["context.proxy_version"] = .string("1.5.1")
        #expect(findings(in15, wordCount: 222).isEmpty, "1.5 counts Prometheus again")
        var in13 = prometheus
        in13["context.proxy_version"] = .string("1.3.5")
        #expect(findings(in13, wordCount: 222).first?.message.contains("on purpose (Istio 1.2-1.4)") == true)
    }

    @Test func unknownLabels() {
        let noHost = findings(changing("destination.service.host", to: nil))
        #expect(noHost.map(\.code) == [.unknownLabel])
        #expect(noHost.first?.severity == .warning)
        let vm = findings(changing("destination.uid", to: nil))
        #expect(vm.first?.message.contains("Kiali") == true, "the VM case, inbound")
        #expect(findings(changing("source.uid", to: .string("istio://default/services/productpage"))).first?.attribute == "source.uid")
    }

    @Test func deltaCarryover() {
        let first = Wire.indexPair(2, 131, 92) + Wire.indexPair(2, 19, 90)
        let second = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(30) + Wire.varintField(2, 503))
        let bytes = Wire.bytesField(1, first) + Wire.bytesField(1, second) + Wire.varintField(3, 203)
        var delta = Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
        Diagnostics.standard.apply(to: &delta)
        #expect(!delta.records[0].findings.contains { $0.code == .deltaCarryover })
        let carried = delta.records[1].findings.first { $0.code == .deltaCarryover }
        #expect(carried?.message.contains("context.protocol, request.method") == true)
    }

    @Test func dictionaryFallback() {
        #expect(findings(Self.healthy, wordCount: 111).map(\.code) == [.dictionaryFallback])
    }

    @Test func skippingRules() {
        var request = ResolvedRequest(
            message: .report, dictionary: .newest, globalWordCount: 222, semantics: .independent,
            records: [ResolvedRecord(index: 0, attributes: [])], findings: [], range: 0..<0, deduplicationID: nil, quotas: [])
        Diagnostics.standard.skipping([.missingProtocol, .unknownLabel]).apply(to: &request)
        #expect(request.allFindings.isEmpty)
    }
}

/// The seed scenario: details on a VM registered as `istioctl register details 10.244.3.0 9080`.
@Suite struct VMScenarioTests {
    func decode(_ file: String) throws -> (requests: [ResolvedRequest], summary: ServiceSummary) {
        var summary = ServiceSummary()
        var requests: [ResolvedRequest] = []
        InputDecoder().decode(try readRepositoryBytes(file), inputName: file) { request in
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
            #expect(row.metrics == [.tcpBytes, .tcpConnections])
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
        for rule in Diagnostics.catalogue {
            #expect(run.stdout.contains("\n  \(rule.code)\n"), "\(rule.code)")
        }
        #expect(run.stdout.contains("example:"))
    }
}
