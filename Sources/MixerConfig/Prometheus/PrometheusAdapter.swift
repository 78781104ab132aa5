import MixerDecode

/// Mixer's Prometheus adapter receiving one Report's metric instances
/// (istio/istio `1.1.6:mixer/adapter/prometheus/prometheus.go`,
/// `HandleMetric`): the metric whose `instance_name` is the instance's full
/// name, its labels from the dimensions stringified, its value as a number.
/// Which metric and which labels were worked out once (``PrometheusRoute``),
/// and the labels' values made with the instance (``BuiltMetric``).
struct PrometheusAdapter {
    let handler: String
    let params: PrometheusParams

    /// The updates of one batch, in order. A panic of the Prometheus client
    /// (labels that differ from the metric's) loses the rest of the batch:
    /// Mixer recovers from it for the whole `HandleMetric` call
    /// (`dispatcher/dispatchstate.go`, `panic during handler dispatch`).
    func handle(_ batch: [RecordDispatcher.Built]) -> [SeriesUpdate] {
        var updates: [SeriesUpdate] = []
        updates.reserveCapacity(batch.count)
        var panicked: String?
        for built in batch {
            let instance = built.instance.name
            var update = SeriesUpdate(handler: handler, instance: instance, series: nil, amount: 0, error: nil)
            defer { updates.append(update) }
            if let panicked {
                update.error = "lost: the adapter panicked earlier in this Report (\(panicked))"
                continue
            }
            guard let route = built.instance.prometheus, let index = route.metric else {
                update.error = "could not find metric info from adapter config for \(instance)"
                continue
            }
            let metric = params.metrics[index]
            guard let amount = Self.promValue(built.metric.value) else {
                update.error = "could not get value for metric \(instance): could not extract numeric value for \(Stringify.text(built.metric.value))"
                continue
            }
            switch route.labels {
            case .failure(let reason):
                panicked = reason.text
                update.error = "panic during handler dispatch: \(reason)"
            case .success:
                if metric.kind == .counter && amount < 0 {
                    panicked = "counter cannot decrease in value"
                    update.error = "panic during handler dispatch: counter cannot decrease in value"
                    continue
                }
                update.series = SeriesKey(metric: metric.exposedName, labels: built.metric.labels ?? [])
                update.labelSet = built.instance.labelSet
                update.amount = amount
            }
        }
        return updates
    }

    struct Reason: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }

    /// `promValue`: float64, int64, a duration in seconds, a string read as
    /// a float; nothing else.
    static func promValue(_ value: ExpressionValue) -> Double? {
        switch value {
        case .double(let number): return number
        case .int64(let number): return Double(number)
        // `Duration.Seconds`: whole seconds plus the rest, as Go adds them.
        case .duration(let nanos): return Double(nanos / 1_000_000_000) + Double(nanos % 1_000_000_000) / 1e9
        case .string(let text): return Double(text)
        default: return nil
        }
    }
}
