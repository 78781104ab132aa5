@testable import MixerConfig
import MixerDecode
import Testing

/// The two formats the series are written in, on one small histogram.
struct ExpositionWriterTests {
    /// What Prometheus 2.42's parser lets pass but OpenMetrics 1.0 asks for
    /// (canonical `le`, `"` escaped in HELP), and times before 1970 signed
    /// as a whole; the text format stays as Mixer's `expfmt` writes it.
    @Test func openMetricsAndTextDialects() {
        var store = SeriesStore()
        let metric = PrometheusMetric(
            exposedName: "t", name: "t", instanceName: "t", kind: .distribution, labelNames: [], buckets: [1, 1e6], description: #"a "b""#)
        store.add(SeriesKey(metric: "t", labels: []), metric: metric, amount: 5, time: ProtoTimestamp(seconds: -2, nanos: 500_000_000))
        #expect(ExpositionWriter.openMetrics(store).text == #"""
            # TYPE t histogram
            # HELP t a \"b\"
            t_bucket{le="1.0"} 0 -1.500
            t_bucket{le="1e+06"} 1 -1.500
            t_bucket{le="+Inf"} 1 -1.500
            t_sum 5 -1.500
            t_count 1 -1.500
            # EOF

            """#)
        #expect(ExpositionWriter.prometheusText(store) == #"""
            # HELP t a "b"
            # TYPE t histogram
            t_bucket{le="1"} 0
            t_bucket{le="1e+06"} 1
            t_bucket{le="+Inf"} 1
            t_sum 5
            t_count 1

            """#)
    }
}
