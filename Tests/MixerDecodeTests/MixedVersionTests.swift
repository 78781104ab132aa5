import MixerConfig
import MixerDecode
import Testing

/// Proxies and Mixer of different releases, as during an upgrade: what
/// the receiving Mixer's `Report` does (istio/istio `mixer/pkg/api/grpcServer.go`).
struct MixedVersionTests {
    typealias S = MixerModelSupport

    /// 1.1.6 `Report`: `req.GlobalWordCount > len(s.globalWordList)` refuses the
    /// whole Report with `inconsistent global dictionary versions used`.
    @Test func testA1_3ProxysReportIsRefusedWholeByA1_1Mixer() {
        var mixer = S.mixer("1.1.6")
        let outcome = mixer.receive(S.report([S.inboundHTTP, S.inboundHTTP], wordCount: 222))
        #expect(outcome.rejected?.hasPrefix("inconsistent global dictionary versions used: mixer knows 221 words, caller knows 222") == true)
        #expect(mixer.series.series.isEmpty)
    }

    /// 1.0.0 has no such check and no `repeated_attributes_semantics`: an
    /// independent batch is replayed as delta, so what record 0 sent and
    /// record 1 does not stays (here `response.code` 503 carries into record 1).
    @Test func testA1_0MixerReplaysAnIndependentBatchAsDelta() {
        let first = S.replacing(S.inboundHTTP, [S.int("response.code", 503)])
        let second = S.replacing(S.inboundHTTP, [], removing: ["response.code"])
        var old = S.mixer("1.0.9")
        _ = old.receive(S.report([first, second], wordCount: 221, semantics: .independent))
        let codes = old.series.series.filter { $0.key.metric == "istio_requests_total" }.map { ($0.key.value(of: "response_code")!, $0.value.value) }
        #expect(codes.map(\.0) == ["503"])
        #expect(codes.map(\.1) == [2])
        var new = S.mixer("1.1.6")
        _ = new.receive(S.report([first, second], wordCount: 221, semantics: .independent))
        // 1.1 reads each record alone: the second falls back to `response.code | 200`.
        #expect(Set(new.series.series.keys.filter { $0.metric == "istio_requests_total" }.map { $0.value(of: "response_code")! }) == ["503", "200"])
    }
}
