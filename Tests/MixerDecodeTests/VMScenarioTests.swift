import Testing
@testable import MixerDecode

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
            #expect(finding.offset != nil || finding.line != nil, "located: the record's bytes or its dump's line")
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
