import Foundation
import Testing

/// `mixerdecode metrics` on the Corpus VM capture, as a user runs it. The
/// expectations follow 1.1.6's default `promhttp` and `promtcp*` rules
/// (`1.1.6:install/kubernetes/helm/istio/charts/mixer/templates/config.yaml`).
struct MetricsCommandTests {
    @Test func theVMCaptureHasTCPSeriesAndSaysWhyNoRequestSeries() throws {
        let run = try runCommand(["metrics", "--release", "1.1.6", repositoryFile("Corpus/binary/report-1.1-vm-tcp.bin").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("istio_tcp_sent_bytes_total{reporter=\"destination\""))
        #expect(!run.stdout.contains("istio_requests_total"))
        #expect(run.stdout.contains("rule promhttp.rule.istio-system matched none of the 2 records:"))
        #expect(run.stdout.contains(#"(context.protocol = "tcp") is false"#))
    }

    @Test func theExpositionTextHasEachFamilyOnce() throws {
        let run = try runCommand(["metrics", "-o", "prom", "--release", "1.1.6", repositoryFile("Corpus/binary/report-1.1-healthy-http.bin").path])
        #expect(run.stdout.components(separatedBy: "# TYPE istio_requests_total counter\n").count == 2)
        #expect(run.stdout.contains("# TYPE istio_request_duration_seconds histogram\n"))
        #expect(run.stdout.contains(#"le="+Inf""#))
    }

    @Test func theGraphHasTheVMAsANodeOfItsOwn() throws {
        let run = try runCommand(["metrics", "--graph", "dot", "--release", "1.1.6", repositoryFile("Corpus/binary/report-1.1-vm-tcp.bin").path])
        #expect(run.stdout.hasPrefix("digraph traffic {"))
        #expect(run.stdout.contains(#""unknown" -> "details.default.svc.cluster.local""#))
    }

    /// A 1.0 Mixer knows 203 global words; the 1.1 proxy sends
    /// context.reporter.kind "inbound" as index 219. The real Mixer 1.0.6
    /// counted the first record and refused the rest of the Report
    /// (Tests/Fixtures/real-mixer/1.0.6/report-1.1-healthy-http.*): both
    /// commands read the capture as that Mixer does.
    @Test func aMixerOlderThanTheProxyReadsItsLaterWordsAsUndefinedInBothCommands() throws {
        let capture = repositoryFile("Corpus/binary/report-1.1-healthy-http.bin").path
        let metrics = try runCommand(["metrics", "-o", "prom", "--release", "1.0.9", capture])
        let requests = metrics.stdout.split(separator: "\n").filter { $0.hasPrefix("istio_requests_total{") }
        #expect(requests.count == 1 && requests.first?.hasSuffix("} 1") == true)
        let decode = try runCommand(["-o", "ndjson", "--release", "1.0.9", capture])
        let records = decode.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }.filter { $0["record"] != nil }
        let mixer = records.map { $0["mixer"] as? [String: Any] ?? [:] }
        #expect(mixer.count == 2)
        #expect((mixer[0]["series"] as? [Any])?.count == 1)
        #expect(mixer[0]["notDispatched"] == nil)
        #expect((mixer[1]["notDispatched"] as? String)?.contains("global index 219 (\"inbound\") is past the reading Mixer's list") == true)
        #expect((mixer[1]["series"] as? [Any])?.isEmpty == true)
    }

    @Test func anUnknownReleaseIsRefused() throws {
        let run = try runCommand(["metrics", "--release", "2.0", repositoryFile("Corpus/binary/report-1.1-vm-tcp.bin").path])
        #expect(run.status == 64)
    }
}
