import Foundation
import MixerConfig
import MixerDecode
import Testing

/// `mixerdecode metrics` against series real Mixers exported for the same
/// captures (Tests/Fixtures/real-mixer, recorded from Mixer 1.0.6, 1.1.6
/// and 1.3.6 built from Istio's sources; see its README). Those Mixers ran
/// their release's defaults without the kubernetesenv documents (they need
/// a cluster), so the model gets the same configuration through --config.
struct RealMixerTests {
    static let root = "Tests/Fixtures/real-mixer"

    struct Case: CustomTestStringConvertible, Sendable {
        var release: String
        var capture: String
        var testDescription: String { "\(release) \(capture)" }
    }

    static let cases: [Case] = ["1.0.6", "1.1.6", "1.3.6"].flatMap { release in
        let folder = repositoryFile("\(root)/\(release)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".prom") }.sorted().map { Case(release: release, capture: String($0.dropLast(5))) }
    }

    /// The release's defaults less what the recorded Mixers ran without:
    /// the kubernetesenv handler, its two rules and the kubernetes instance.
    static func configWithoutKubernetesEnv(_ release: String) throws -> String {
        let parsed = try #require(IstioRelease(release))
        let variant = try #require(DefaultConfigurations.variant(for: parsed))
        let kept = variant.yaml.components(separatedBy: "\n---").filter { document in
            let kubernetesEnv = document.contains("kind: kubernetesenv") || document.contains("compiledAdapter: kubernetesenv")
                || document.contains("kind: kubernetes\n") || document.contains("compiledTemplate: kubernetes")
                || document.contains("name: kubeattrgenrulerule") || document.contains("name: tcpkubeattrgenrulerule")
            return !kubernetesEnv
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("real-mixer-\(release)-\(UUID().uuidString).yaml")
        try kept.joined(separator: "\n---").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Sample lines, each with its labels in name order, sorted: what both
    /// expositions hold, whatever order the series were written in.
    static func samples(_ exposition: String) -> [String] {
        exposition.split(separator: "\n").filter { $0.hasPrefix("istio_") }.map(String.init).sorted()
    }

    static func input(_ capture: String) -> String {
        capture == "vm-details-tcp" ? "Corpus/examples/vm-details-tcp.grpc" : "Corpus/binary/\(capture).bin"
    }

    /// 18 captures (every Corpus Report and the VM example) per Mixer: an
    /// empty list would make the comparison below pass without comparing.
    @Test func everyRecordingIsCompared() {
        #expect(Self.cases.count == 54)
    }

    @Test(arguments: cases) func theSeriesAreTheRealMixers(_ test: Case) throws {
        let config = try Self.configWithoutKubernetesEnv(test.release)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let run = try runCommand(["metrics", "-o", "prom", "--release", test.release, "--config", config, repositoryFile(Self.input(test.capture)).path])
        let recorded = try String(contentsOf: repositoryFile("\(Self.root)/\(test.release)/\(test.capture).prom"), encoding: .utf8)
        let expected = Self.samples(recorded), got = Self.samples(run.stdout)
        #expect(got == expected, "\(test): \(Set(got).subtracting(expected).sorted().prefix(3)) extra, \(Set(expected).subtracting(got).sorted().prefix(3)) missing")
    }
}
