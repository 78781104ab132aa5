import Foundation
import Testing
@testable import MixerDecode

/// The code of the DocC article "From a capture to a small analyzer"
/// (Sources/MixerDecode/MixerDecode.docc), run on the bundled example it
/// names, so that the article stays true.
@Suite struct DocumentationTests {
    @Test func theAnalyzerOfTheArticleFindsTheVMServiceThatIsCountedOnlyAsTCP() throws {
        let bytes = Array(try Data(contentsOf: repositoryFile("Corpus/examples/vm-details-tcp.grpc")))
        var requests: [ResolvedRequest] = []
        InputDecoder(diagnostics: .withMixer).decode(bytes, inputName: "vm-details-tcp.grpc") { requests.append($0) }

        var tcpOnly: [String] = []
        for request in requests where request.message == .report {
            for record in request.records where record.value(of: "context.protocol") == .string("tcp") {
                tcpOnly.append(Destination(record).description)
            }
        }
        #expect(Set(tcpOnly) == ["details.default.svc.cluster.local (10.244.3.0:9080)"])

        let findings = requests.flatMap(\.allFindings).filter { $0.code == .tcpProtocol }
        #expect(!findings.isEmpty && findings.allSatisfy { $0.fix?.contains("http:9080") == true })

        var summary = ServiceSummary()
        requests.forEach { summary.add($0) }
        let missing = summary.rows.filter(\.missesRequestMetrics)
        #expect(Set(missing.map(\.destination)) == ["details.default.svc.cluster.local"])
        #expect(SummaryRenderer().text(summary).contains("details.default.svc.cluster.local"))
    }

    @Test func theLogOfTheArticleIsReadInChunks() throws {
        let path = repositoryFile("Corpus/logs/vm-scenario.log")
        var logs = InputStreamDecoder(inputName: "istio-proxy.log", settings: .init(diagnostics: .withMixer))
        var summary = ServiceSummary()
        let handle = try FileHandle(forReadingFrom: path)
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            logs.feed(Array(chunk)[...]) { summary.add($0) }
        }
        logs.finish { summary.add($0) }
        #expect(summary.rows.contains { $0.destination == "details.default.svc.cluster.local" && $0.missesRequestMetrics })
    }
}
