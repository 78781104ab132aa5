import MixerConfig
import MixerDecode
import Testing

/// Each release's default configuration on the scenarios users ask about.
/// The expectations are read from the Istio sources named in each test
/// (the rendered `mixer/templates/config.yaml` of that release), not from
/// this code's output.
struct MixerDefaultsTests {
    typealias S = MixerModelSupport

    /// 1.1.6 config.yaml: `promhttp` matches http; `requestcount` dimensions as
    /// listed there; the APA leaves every workload label "unknown" without a pod.
    @Test func testHealthyInboundHTTPIn1_1MovesTheRequestSeriesWithEveryDefaultLabel() throws {
        var mixer = S.mixer("1.1.6")
        let outcome = mixer.receive(S.report([S.inboundHTTP]))
        let record = try #require(outcome.records.first)
        #expect(record.rules.first { $0.rule == "promhttp.rule.istio-system" }?.result == .matched)
        #expect(record.rules.first { $0.rule == "promtcp.rule.istio-system" }?.result == .notMatched(because: #"(context.protocol == "tcp") (context.protocol = "http") is false"#))
        let requests = try #require(mixer.series.series.keys.first { $0.metric == "istio_requests_total" })
        #expect(S.labels(requests) == [
            "connection_security_policy": "none", "destination_app": "unknown", "destination_principal": "unknown",
            "destination_service": "reviews.default.svc.cluster.local", "destination_service_name": "reviews",
            "destination_service_namespace": "default", "destination_version": "unknown", "destination_workload": "unknown",
            "destination_workload_namespace": "unknown", "permissive_response_code": "none", "permissive_response_policyid": "none",
            "reporter": "destination", "request_protocol": "http", "response_code": "200", "response_flags": "-",
            "source_app": "unknown", "source_principal": "unknown", "source_version": "unknown", "source_workload": "unknown",
            "source_workload_namespace": "unknown",
        ])
        #expect(mixer.series.series[requests]?.value == 1)
        // requestduration: `response.duration | "0ms"`, seconds; buckets 0.005 ... 10 (explicit).
        let duration = try #require(mixer.series.series.first { $0.key.metric == "istio_request_duration_seconds" }?.value)
        #expect(duration.bounds.first == 0.005)
        #expect(duration.bucketCounts.first == 1, "5 ms is within le=0.005")
        #expect(duration.value == 0.005)
        #expect(S.metrics(mixer.series).keys.sorted() == ["istio_request_bytes", "istio_request_duration_seconds", "istio_requests_total", "istio_response_bytes"])
    }

    /// kube-probe: 1.0's promhttp has no user-agent test; 1.1 added
    /// `match((request.useragent | "-"), "kube-probe*") == false` (#10480).
    @Test func testKubeProbeIsCountedBy1_0AndLeftOutFrom1_1() throws {
        let probe = S.replacing(S.inboundHTTP, [S.string("request.useragent", "kube-probe/1.12")])
        var old = S.mixer("1.0.9")
        _ = old.receive(S.report([probe]))
        #expect(S.metrics(old.series)["istio_requests_total"] == 1)
        var new = S.mixer("1.1.17")
        let outcome = new.receive(S.report([probe]))
        #expect(S.metrics(new.series)["istio_requests_total"] == nil)
        guard case .notMatched(let because)? = outcome.records[0].rules.first(where: { $0.rule == "promhttp.rule.istio-system" })?.result else {
            Issue.record("promhttp should not match a probe")
            return
        }
        #expect(because.contains("kube-probe*"), "\(because)")
    }

    /// Prometheus scrapes: excluded only from 1.2.0 (e9bb955d764, #12251); 1.1.17 still counts them.
    @Test func testPrometheusScrapeIsCountedBy1_1AndLeftOutFrom1_2() {
        let scrape = S.replacing(S.inboundHTTP, [S.string("request.useragent", "Prometheus/2.8.0")])
        var v11 = S.mixer("1.1")
        _ = v11.receive(S.report([scrape]))
        #expect(S.metrics(v11.series)["istio_requests_total"] == 1)
        var v12 = S.mixer("1.2.0")
        _ = v12.receive(S.report([scrape]))
        #expect(S.metrics(v12.series)["istio_requests_total"] == nil)
    }

    /// Without `context.protocol` every prom rule fails to evaluate (no `|`
    /// default in their matches): no istio_ series at all.
    @Test func testMissingProtocolMovesNoSeriesAndSaysWhy() {
        var mixer = S.mixer("1.3.6")
        let outcome = mixer.receive(S.report([S.replacing(S.inboundHTTP, [], removing: ["context.protocol"])]))
        #expect(mixer.series.series.isEmpty)
        let promhttp = outcome.records[0].rules.first { $0.rule == "promhttp.rule.istio-system" }
        #expect(promhttp?.result == .failed("input set condition evaluation error: lookup failed: 'context.protocol'"))
    }

    /// A VM's port without a protocol: `context.protocol` "tcp", so 1.1+
    /// counts `istio_tcp_*` (promtcp, and open or close by `connection.event`) and no requests.
    @Test func testVMOverTCPMovesOnlyTCPSeries() {
        let tcp: [Attribute] = [
            S.string("context.protocol", "tcp"), S.string("context.reporter.kind", "inbound"),
            S.string("destination.service.host", "details.default.svc.cluster.local"), S.string("destination.service.name", "details"),
            S.int("connection.sent.bytes", 358), S.int("connection.received.bytes", 312), S.string("connection.event", "close"),
        ]
        var mixer = S.mixer("1.1.6")
        _ = mixer.receive(S.report([tcp]))
        #expect(S.metrics(mixer.series) == [
            "istio_tcp_sent_bytes_total": 358, "istio_tcp_received_bytes_total": 312, "istio_tcp_connections_closed_total": 1,
        ])
    }

    /// 1.3.6's HTTP `destination_service` (4b6fe07dc79, #18823):
    /// `destination.service.host | conditional((destination.service.name | "unknown") == "unknown", "unknown", request.host)`:
    /// host absent and name present reads `request.host`, which, absent, is
    /// an error that drops the instance. 1.3.1 (`| request.host | "unknown"`) says "unknown".
    @Test func testPatchReleasesDifferOnAnAbsentHost() {
        let noHost = S.replacing(S.inboundHTTP, [], removing: ["destination.service.host"])
        var v136 = S.mixer("1.3.6")
        let outcome = v136.receive(S.report([noHost]))
        #expect(S.metrics(v136.series)["istio_requests_total"] == nil)
        let errors = outcome.records[0].rules.flatMap(\.instances).compactMap(\.error)
        #expect(errors.contains("evaluation failed at [requestcount.instance.istio-system]'Dimensions[destination_service]': 'lookup failed: 'request.host''"), "\(errors)")
        var v131 = S.mixer("1.3.1")
        _ = v131.receive(S.report([noHost]))
        let key = v131.series.series.keys.first { $0.metric == "istio_requests_total" }
        #expect(key?.value(of: "destination_service") == "unknown")
    }

    /// 0.8.0: `promhttp` has no match and runs for every non-tcp record,
    /// `istio_request_count` with 0.8's dimensions (`source_service` ...).
    @Test func testMixer0_8CountsEveryNonTCPRecordAsARequest() {
        let record: [Attribute] = [S.string("destination.service", "reviews.default.svc.cluster.local"), S.int("response.code", 404)]
        var mixer = S.mixer("0.8")
        _ = mixer.receive(S.report([record]))
        let key = mixer.series.series.keys.first { $0.metric == "istio_request_count" }
        #expect(key?.value(of: "destination_service") == "reviews.default.svc.cluster.local")
        #expect(key?.value(of: "response_code") == "404")
        #expect(key?.value(of: "source_service") == "unknown")
        #expect(S.metrics(mixer.series)["istio_tcp_bytes_sent"] == nil)
    }

    /// Every variant's defaults read without a problem: what Mixer itself
    /// accepts must not be flagged.
    @Test func testEveryBundledVariantLoadsCleanly() {
        #expect(DefaultConfigurations.variants.count == 12)
        for variant in DefaultConfigurations.variants {
            let server = MixerServer(release: variant.lastRelease)
            let set = ConfigSet.defaults(of: variant.lastRelease)!
            let configuration = MixerConfiguration(set.resources, server: server)
            #expect((set.problems + configuration.problems).map(\.description) == [], "variant \(variant.name)")
            #expect(!(configuration.rules.isEmpty), "variant \(variant.name)")
        }
    }
}
