import MixerDecode

/// Mixer's Prometheus adapter receiving one Report's metric instances
/// (istio/istio `1.1.6:mixer/adapter/prometheus/prometheus.go`,
/// `HandleMetric`): the metric whose `instance_name` is the instance's full
/// name, its labels from the dimensions stringified, its value as a number.
struct PrometheusAdapter {
    let handler: String
    let params: PrometheusParams

    /// The updates of one batch, in order. A panic of the Prometheus client
    /// (labels that differ from the metric's) loses the rest of the batch:
    /// Mixer recovers from it for the whole `HandleMetric` call
    /// (`dispatcher/dispatchstate.go`, `panic during handler dispatch`).
    func handle(_ batch: [(instance: String, metric: BuiltMetric)]) -> [SeriesUpdate] {
        var updates: [SeriesUpdate] = []
        var panicked: String?
        for (instance, built) in batch {
            var update = SeriesUpdate(handler: handler, instance: instance, series: nil, amount: 0, error: nil)
            defer { updates.append(update) }
            if let panicked {
                update.error = "lost: the adapter panicked earlier in this Report (\(panicked))"
                continue
            }
            guard let metric = params.metrics.first(where: { $0.instanceName == instance }) else {
                update.error = "could not find metric info from adapter config for \(instance)"
                continue
            }
            guard let amount = Self.promValue(built.value) else {
                update.error = "could not get value for metric \(instance): could not extract numeric value for \(Stringify.text(built.value))"
                continue
            }
            switch labels(metric, built) {
            case .failure(let reason):
                panicked = reason.text
                update.error = "panic during handler dispatch: \(reason)"
            case .success(let labels):
                if metric.kind == .counter && amount < 0 {
                    panicked = "counter cannot decrease in value"
                    update.error = "panic during handler dispatch: counter cannot decrease in value"
                    continue
                }
                update.series = SeriesKey(metric: metric.exposedName, labels: labels)
                update.amount = amount
            }
        }
        return updates
    }

    /// `vec.With(labels)`: the dimension names must be exactly the metric's
    /// label names after `safeName`, and each value valid UTF-8 (Swift
    /// strings always are). The dimensions come sorted by name, so one walk
    /// over both lists in name order pairs them.
    private func labels(_ metric: PrometheusMetric, _ built: BuiltMetric) -> Result<[SeriesKey.Label], Reason> {
        let exposed = metric.exposedLabels
        guard exposed.names.count == built.dimensions.count else {
            return .failure(Reason(text: "inconsistent label cardinality: expected \(exposed.names.count) label values but got \(built.dimensions.count)"))
        }
        var values = [String](repeating: "", count: exposed.names.count)
        for (position, dimension) in zip(exposed.byName, built.dimensions) {
            guard exposed.names[position] == dimension.name else {
                return .failure(Reason(text: "label name \"\(exposed.names[position])\" missing in label map"))
            }
            values[position] = Stringify.text(dimension.value)
        }
        return .success(zip(exposed.names, values).map { SeriesKey.Label(name: $0.0, value: $0.1) })
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
