import MixerDecode
import Yams

/// Handlers as Mixer reads them (istio/istio
/// `1.1.6:mixer/pkg/runtime/config/ephemeral.go`,
/// `processStaticAdapterHandlerConfigs`): `kind: handler` with a
/// `compiledAdapter` (1.1+), keyed `name.handler.namespace`, or a legacy
/// kind that names its adapter (0.8-1.1), keyed `name.prometheus.namespace`.
struct HandlerReader {
    let server: MixerServer

    func handlers(from resources: [ConfigResource], problems: inout [ConfigProblem]) -> [String: HandlerConfig] {
        var handlers: [String: HandlerConfig] = [:]
        for resource in resources {
            let adapter: String
            let params: Node?
            if resource.kind == ConfigKinds.handler && server.minor >= 11 {
                // A handler of an adapter Mixer does not have is passed over
                // (`continue`): rules naming it get `Handler not found`.
                guard let compiled = resource.spec?.field("compiled_adapter")?.text, !compiled.isEmpty else { continue }
                adapter = compiled
                params = resource.spec?.field("params")
            } else if ConfigKinds.legacyAdapters.contains(resource.kind) && server.readsLegacyKinds {
                adapter = resource.kind
                params = resource.spec
            } else {
                continue
            }
            let body: HandlerConfig.Body
            switch adapter {
            case "prometheus": body = .prometheus(PrometheusParamsReader.read(params, resource, problems: &problems))
            case "kubernetesenv": body = .kubernetesenv
            default: body = .unmodelled
            }
            handlers[resource.fullName] = HandlerConfig(fullName: resource.fullName, adapter: adapter, body: body, place: resource.place)
        }
        return handlers
    }
}

/// The Prometheus adapter's parameters (`mixer/adapter/prometheus/config/
/// config.proto`) and the names and buckets its `Build` gives them
/// (`mixer/adapter/prometheus/prometheus.go`).
enum PrometheusParamsReader {
    static func read(_ params: Node?, _ resource: ConfigResource, problems: inout [ConfigProblem]) -> PrometheusParams {
        var metrics: [PrometheusMetric] = []
        for (index, node) in (params?.field("metrics")?.sequence.map(Array.init) ?? []).enumerated() {
            let field = "spec.params.metrics[\(index)]"
            guard let instanceName = node.field("instance_name")?.text, !instanceName.isEmpty else {
                problems.append(resource.problem(field + ".instance_name", "missing: the metric takes no instance's values", at: node))
                continue
            }
            let name = node.field("name")?.text ?? ""
            let namespace = node.field("namespace")?.text ?? ""
            let kindText = node.field("kind")?.text ?? "METRIC_KIND_UNSPECIFIED"
            guard let kind = PrometheusMetric.Kind(rawValue: kindText) else {
                problems.append(resource.problem(field + ".kind", "'\(kindText)': unknown metric kind; could not register metric (the adapter leaves it out)", at: node))
                continue
            }
            let labels = node.field("label_names")?.sequence.map { $0.compactMap(\.text) } ?? []
            let exposed = (namespace.isEmpty ? "istio" : safeName(namespace)) + "_" + safeName(name.isEmpty ? instanceName : name)
            metrics.append(PrometheusMetric(
                exposedName: exposed, name: name.isEmpty ? instanceName : name, instanceName: instanceName, kind: kind, labelNames: labels,
                buckets: kind == .distribution ? buckets(node.field("buckets")) : [],
                description: node.field("description")?.text ?? ""))
        }
        let expiry = params?.field("metrics_expiration_policy")?.field("metrics_expiry_duration")?.text.flatMap(GoDuration.nanoseconds)
        return PrometheusParams(metrics: metrics, expiryNanoseconds: expiry)
    }

    /// `safeName`: a leading `/` trimmed, `/ . space` to `_`, `-` deleted.
    static func safeName(_ name: String) -> String {
        var trimmed = Substring(name)
        if trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        var out = ""
        for character in trimmed {
            switch character {
            case "/", ".", " ": out.append("_")
            case "-": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// `buckets()`: explicit bounds, `LinearBuckets(offset, width, n+1)`,
    /// `ExponentialBuckets(scale, factor, n+1)`, else `prometheus.DefBuckets`.
    static func buckets(_ node: Node?) -> [Double] {
        if let explicit = node?.field("explicit_buckets") {
            return explicit.field("bounds")?.sequence?.compactMap { $0.string.flatMap(Double.init) } ?? []
        }
        if let linear = node?.field("linear_buckets") {
            let count = number(linear.field("num_finite_buckets")).map(Int.init) ?? 0
            let offset = number(linear.field("offset")) ?? 0
            let width = number(linear.field("width")) ?? 0
            return (0..<(count + 1)).map { offset + Double($0) * width }
        }
        if let exponential = node?.field("exponential_buckets") {
            let count = number(exponential.field("num_finite_buckets")).map(Int.init) ?? 0
            let scale = number(exponential.field("scale")) ?? 0
            let factor = number(exponential.field("growth_factor")) ?? 0
            var bounds: [Double] = []
            var bound = scale
            for _ in 0..<(count + 1) {
                bounds.append(bound)
                bound *= factor
            }
            return bounds
        }
        return [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    }

    private static func number(_ node: Node?) -> Double? { node?.string.flatMap(Double.init) }
}

/// Go's `time.ParseDuration`, through the expression language's reader.
enum GoDuration {
    static func nanoseconds(_ text: String) -> Int64? {
        guard case .success(.constant(let constant)) = MixerExpression.parse("\"\(text)\""),
              case .duration(let nanos) = constant.value else { return nil }
        return nanos
    }
}
