/// A handler: an adapter and its parameters.
public struct HandlerConfig: Sendable {
    /// `prometheus.handler.istio-system` (1.1+), `handler.prometheus.istio-system` (legacy kinds).
    public var fullName: String
    /// The adapter: `prometheus`, `kubernetesenv`, `stdio`, ...
    public var adapter: String
    public var body: Body
    public var place: ResourcePlace

    public enum Body: Sendable {
        case prometheus(PrometheusParams)
        case kubernetesenv
        /// An adapter whose output this tool does not model.
        case unmodelled
    }

    /// The templates an adapter accepts instances of (each adapter's
    /// `SupportedTemplates`: `mixer/adapter/prometheus/prometheus.go`,
    /// `kubernetesenv/kubernetesenv.go`, `stdio/stdio.go`); nil when unknown.
    static func supportedTemplates(of adapter: String) -> Set<String>? {
        switch adapter {
        case "prometheus": ["metric"]
        case "kubernetesenv": ["kubernetes"]
        case "stdio": ["logentry", "metric"]
        default: nil
        }
    }
}

/// The Prometheus adapter's configuration (istio/istio
/// `mixer/adapter/prometheus/config/config.proto`).
public struct PrometheusParams: Sendable {
    public var metrics: [PrometheusMetric]
    /// `metricsExpirationPolicy.metricsExpiryDuration` in nanoseconds, when set.
    public var expiryNanoseconds: Int64?
}

public struct PrometheusMetric: Sendable {
    public enum Kind: String, Sendable { case gauge = "GAUGE", counter = "COUNTER", distribution = "DISTRIBUTION" }

    /// The exposed name: `istio_requests_total` (namespace, `_`, name, both
    /// through the adapter's `safeName`).
    public var exposedName: String
    /// As configured (`name`, else the instance name): the help text's default.
    public var name: String
    /// The instance full name whose values it takes.
    public var instanceName: String
    public var kind: Kind
    /// As configured; the exposed label names are these through `safeName`.
    public var labelNames: [String] {
        didSet { exposedLabels = ExposedLabels(labelNames) }
    }
    /// `labelNames` through `safeName`, with their order by name: worked out
    /// once, as the adapter's `Build` does, not for every instance.
    var exposedLabels: ExposedLabels
    /// Histogram upper bounds (DISTRIBUTION only).
    public var buckets: [Double]
    public var description: String

    public init(
        exposedName: String, name: String, instanceName: String, kind: Kind, labelNames: [String], buckets: [Double], description: String
    ) {
        self.exposedName = exposedName
        self.name = name
        self.instanceName = instanceName
        self.kind = kind
        self.labelNames = labelNames
        self.exposedLabels = ExposedLabels(labelNames)
        self.buckets = buckets
        self.description = description
    }
}

/// A metric's label names as the Prometheus client has them (`safeName`),
/// and their positions in name order, to match a dimension list sorted by
/// name in one pass.
struct ExposedLabels: Sendable {
    let names: [String]
    /// Positions in `names`, ordered by name.
    let byName: [Int]

    init(_ configured: [String]) {
        let safe = configured.map(PrometheusParamsReader.safeName)
        names = safe
        byName = safe.indices.sorted { safe[$0] < safe[$1] }
    }
}
