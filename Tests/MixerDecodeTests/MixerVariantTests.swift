import Foundation
import MixerConfig
import MixerDecode
import Testing
import Yams

/// Every bundled variant of Istio's defaults on the scenarios users ask
/// about. Each row is written from that release's
/// `mixer/templates/config.yaml` (istio/istio, at the tags named), not from
/// this code: the request metric and its labels, whether probes and
/// scrapes count, the TCP connection metrics, and what the TCP open/close
/// metrics' `destination_service` reads.
struct MixerVariantTests {
    typealias S = MixerModelSupport

    struct Variant: CustomTestStringConvertible, Sendable {
        var release: String
        var requestMetric: String
        var httpLabels: Set<String>
        var countsKubeProbe: Bool
        var countsPrometheus: Bool
        var hasConnectionMetrics: Bool
        /// `destination_service` of istio_tcp_connections_opened_total: "host" or "name".
        var openedService: String?
        var testDescription: String { release }
    }

    /// 1.0.0 `requestcount` dimensions.
    static let labels10: Set<String> = [
        "reporter", "source_app", "source_principal", "source_workload", "source_workload_namespace", "source_version",
        "destination_app", "destination_principal", "destination_workload", "destination_workload_namespace",
        "destination_version", "destination_service", "destination_service_name", "destination_service_namespace",
        "request_protocol", "response_code", "connection_security_policy",
    ]
    /// 1.1.0 added response_flags and the two permissive_* labels.
    static let labels11 = labels10.union(["response_flags", "permissive_response_code", "permissive_response_policyid"])
    /// 1.5.0 (50d937d38d4) added grpc_response_status and removed permissive_*.
    static let labels15 = labels11.subtracting(["permissive_response_code", "permissive_response_policyid"]).union(["grpc_response_status"])

    static let variants: [Variant] = [
        Variant(release: "0.8.0", requestMetric: "istio_request_count",
                httpLabels: ["source_service", "source_version", "destination_service", "destination_version", "response_code", "connection_mtls"],
                countsKubeProbe: true, countsPrometheus: true, hasConnectionMetrics: false, openedService: nil),
        Variant(release: "1.0.0", requestMetric: "istio_requests_total", httpLabels: labels10, countsKubeProbe: true, countsPrometheus: true, hasConnectionMetrics: false, openedService: nil),
        Variant(release: "1.0.9", requestMetric: "istio_requests_total", httpLabels: labels10, countsKubeProbe: true, countsPrometheus: true, hasConnectionMetrics: false, openedService: nil),
        Variant(release: "1.1.2", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: true, hasConnectionMetrics: true, openedService: "name"),
        Variant(release: "1.1.17", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: true, hasConnectionMetrics: true, openedService: "name"),
        Variant(release: "1.2.7", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "name"),
        Variant(release: "1.2.10", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "host"),
        Variant(release: "1.3.0", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "name"),
        Variant(release: "1.3.5", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "host"),
        Variant(release: "1.4.10", requestMetric: "istio_requests_total", httpLabels: labels11, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "host"),
        Variant(release: "1.6.14", requestMetric: "istio_requests_total", httpLabels: labels15, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "host"),
        Variant(release: "1.7.8", requestMetric: "istio_requests_total", httpLabels: labels15, countsKubeProbe: false, countsPrometheus: false, hasConnectionMetrics: true, openedService: "host"),
    ]

    /// 0.8's record names its service in `destination.service`; the others in `destination.service.*`.
    static func http(_ variant: Variant, agent: String = "curl/7.58") -> [Attribute] {
        let base = S.replacing(S.inboundHTTP, [S.string("request.useragent", agent)])
        return variant.release == "0.8.0" ? base + [S.string("destination.service", "reviews.default.svc.cluster.local")] : base
    }

    @Test(arguments: variants) func healthyHTTPHasTheRequestMetricWithItsReleasesLabels(_ variant: Variant) throws {
        var mixer = S.mixer(variant.release)
        _ = mixer.receive(S.report([Self.http(variant)]))
        let key = try #require(mixer.series.series.keys.first { $0.metric == variant.requestMetric })
        #expect(Set(key.labels.map(\.name)) == variant.httpLabels)
        #expect(mixer.series.series[key]?.value == 1)
    }

    @Test(arguments: variants) func probesAndScrapesCountAsTheReleaseSays(_ variant: Variant) {
        for (agent, counted) in [("kube-probe/1.15", variant.countsKubeProbe), ("Prometheus/2.8.0", variant.countsPrometheus)] {
            var mixer = S.mixer(variant.release)
            _ = mixer.receive(S.report([Self.http(variant, agent: agent)]))
            #expect((S.metrics(mixer.series)[variant.requestMetric] == 1) == counted, "\(agent)")
        }
    }

    @Test(arguments: variants) func aTCPOpenEventMovesTheReleasesTCPMetrics(_ variant: Variant) {
        let open: [Attribute] = [
            S.string("context.protocol", "tcp"), S.string("context.reporter.kind", "inbound"),
            S.string("destination.service.host", "details.default.svc.cluster.local"), S.string("destination.service.name", "details"),
            S.int("connection.sent.bytes", 10), S.int("connection.received.bytes", 20), S.string("connection.event", "open"),
        ]
        var mixer = S.mixer(variant.release)
        _ = mixer.receive(S.report([open]))
        let sent = variant.release == "0.8.0" ? "istio_tcp_bytes_sent" : "istio_tcp_sent_bytes_total"
        #expect(S.metrics(mixer.series)[sent] == 10)
        let opened = mixer.series.series.keys.first { $0.metric == "istio_tcp_connections_opened_total" }
        #expect((opened != nil) == variant.hasConnectionMetrics)
        if let service = variant.openedService {
            #expect(opened?.value(of: "destination_service") == (service == "host" ? "details.default.svc.cluster.local" : "details"))
        }
    }
}

/// The bundled defaults are the committed renderings
/// (Scripts/data/mixer-defaults/<variant>.yaml, from Istio's charts):
/// `python3 Scripts/defaults/render-defaults.py --table-only` was run after
/// the data last changed.
struct DefaultConfigurationTableTests {
    @Test func eachVariantIsItsDataFile() throws {
        let variants = DefaultConfigurations.variants
        #expect(variants.map(\.name) == ["0.8.0", "1.0.0", "1.0.1", "1.1.0", "1.1.3", "1.2.0", "1.2.8", "1.3.0", "1.3.1", "1.3.6", "1.5.0", "1.7.0"])
        for variant in variants {
            let file = try String(contentsOf: repositoryFile("Scripts/data/mixer-defaults/\(variant.name).yaml"), encoding: .utf8)
            // The file's provenance header ends at its first `---` line.
            let body = try #require(file.range(of: "\n---\n")).upperBound
            let documents = file[body...].components(separatedBy: "\n---\n").map { $0.trimmingCharacters(in: .newlines) }
            #expect(variant.yaml.components(separatedBy: "\n---\n") == documents, "\(variant.name)")
        }
    }

    /// The bundled defaults are read with their scalars' tags as written
    /// (`ConfigDocuments.ScalarTags.asWritten`), which no reader looks at:
    /// every variant gives the same resources, problems and configuration
    /// as when YAML 1.1 resolves every tag, as it does for users' files.
    @Test(arguments: DefaultConfigurations.variants.map(\.name))
    func eachVariantReadsTheSameWithTagsAsWritten(variant name: String) throws {
        let variant = try #require(DefaultConfigurations.variants.first { $0.name == name })
        let resolved = ConfigDocuments.resources(in: variant.yaml, file: name, tags: .resolved)
        let asWritten = ConfigDocuments.resources(in: variant.yaml, file: name, tags: .asWritten)
        #expect(resolved.resources.count > 10)
        #expect(asWritten.problems == resolved.problems)
        func described(_ resource: ConfigResource) -> String {
            "\(resource.kind) \(resource.namespace)/\(resource.name) \(resource.file):\(resource.line ?? -1) "
                + "\(resource.labels.sorted { $0.key < $1.key }) \(resource.annotations.sorted { $0.key < $1.key }) "
                + (resource.spec.map(Self.written) ?? "-")
        }
        #expect(asWritten.resources.map(described) == resolved.resources.map(described))
        let server = MixerServer(release: variant.firstRelease)
        let built = (MixerConfiguration(resolved.resources, server: server), MixerConfiguration(asWritten.resources, server: server))
        #expect(built.1.problems == built.0.problems)
        #expect(built.1.rules.map { "\($0.fullName) \($0.matchText)" } == built.0.rules.map { "\($0.fullName) \($0.matchText)" })
        #expect(built.1.instances.keys.sorted() == built.0.instances.keys.sorted())
        #expect(built.1.handlers.keys.sorted() == built.0.handlers.keys.sorted())
        #expect(built.1.manifest.types == built.0.manifest.types)
        // And a Report goes through both alike: the same series, the same sums.
        let bytes = [UInt8](try Data(contentsOf: repositoryFile("Corpus/binary/report-1.1-http.bin")))
        var requests: [ResolvedRequest] = []
        InputDecoder().decode(bytes, inputName: "report-1.1-http.bin") { requests.append($0) }
        func series(_ configuration: MixerConfiguration) -> [String] {
            var mixer = MixerModel(configuration: configuration, cluster: nil)
            for request in requests { _ = mixer.receive(request) }
            return mixer.series.sortedKeys.map { "\($0) \(mixer.series.series[$0]!.value) \(mixer.series.series[$0]!.count)" }
        }
        let dispatched = (series(built.0), series(built.1))
        if variant.firstRelease >= IstioRelease(major: 1, minor: 1, patch: 0) { #expect(!dispatched.0.isEmpty) }
        #expect(dispatched.1 == dispatched.0)
    }

    /// A node as written: every scalar's text and style, in order, without its tag.
    static func written(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\(scalar.style):\(scalar.string)"
        case .mapping(let mapping): "{" + mapping.map { written($0.key) + "=" + written($0.value) }.joined(separator: ",") + "}"
        case .sequence(let sequence): "[" + sequence.map(written).joined(separator: ",") + "]"
        case .alias: "*"
        }
    }
}
