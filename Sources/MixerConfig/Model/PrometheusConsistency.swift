/// What Mixer's Prometheus adapter will do with the instances rules send
/// it, known from the configuration alone (istio/istio
/// `mixer/adapter/prometheus/prometheus.go`, `HandleMetric`).
enum PrometheusConsistency {
    static func problems(handlers: [String: HandlerConfig], instances: [String: InstanceConfig], rules: [RuleConfig]) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        var checked: Set<String> = []
        for rule in rules {
            for action in rule.actions {
                guard let handler = handlers[action.handler], case .prometheus(let params) = handler.body else { continue }
                for name in action.instances where checked.insert(action.handler + "\u{0}" + name).inserted {
                    guard case .metric(let metric)? = instances[name]?.body else { continue }
                    problems += check(name, metric, params, handler)
                }
            }
        }
        return problems
    }

    private static func check(_ name: String, _ metric: MetricInstance, _ params: PrometheusParams, _ handler: HandlerConfig) -> [ConfigProblem] {
        guard let (index, info) = params.metrics.enumerated().first(where: { $0.element.instanceName == name }) else {
            let near = params.metrics.map(\.instanceName).first { $0.split(separator: ".").first == name.split(separator: ".").first }
            let hint = near.map { " (a metric names '\($0)': instance_name must be the instance's full name)" } ?? ""
            return [handler.place.problem(
                "spec.params.metrics", "no metric has instance_name '\(name)'\(hint): every record gives 'could not find metric info from adapter config for \(name)' and no series")]
        }
        let labels = Set(info.labelNames.map(PrometheusParamsReader.safeName))
        let dimensions = Set(metric.dimensions.map(\.name))
        guard labels != dimensions else { return [] }
        let missing = labels.subtracting(dimensions).sorted()
        let extra = dimensions.subtracting(labels).sorted()
        var parts: [String] = []
        if !missing.isEmpty { parts.append("labels without a dimension: \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { parts.append("dimensions without a label: \(extra.joined(separator: ", "))") }
        return [handler.place.problem(
            "spec.params.metrics[\(index)].label_names",
            "\(info.exposedName) and instance \(name) disagree (\(parts.joined(separator: "; "))): the Prometheus client panics on the first record, and Mixer loses the rest of that Report's instances for this handler")]
    }
}
