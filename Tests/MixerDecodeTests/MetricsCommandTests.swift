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

    @Test func anUnknownReleaseIsRefused() throws {
        let run = try runCommand(["metrics", "--release", "2.0", repositoryFile("Corpus/binary/report-1.1-vm-tcp.bin").path])
        #expect(run.status == 64)
    }
}
