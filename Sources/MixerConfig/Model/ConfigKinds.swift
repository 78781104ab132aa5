/// The resource kinds Mixer reads (istio/istio `mixer/pkg/config/store`,
/// the kinds of `1.1.6:install/kubernetes/helm/istio-init/files/crd-10.yaml`).
enum ConfigKinds {
    static let rule = "rule"
    static let attributeManifest = "attributemanifest"
    static let instance = "instance"
    static let handler = "handler"

    /// Per-template kinds (0.8-1.1): the kind is the template.
    static let legacyTemplates: Set<String> = [
        "metric", "kubernetes", "logentry", "checknothing", "listentry", "reportnothing", "quota", "tracespan",
        "authorization", "apikey", "edge",
    ]

    /// Per-adapter kinds (0.8-1.1): the kind is the adapter.
    static let legacyAdapters: Set<String> = [
        "prometheus", "kubernetesenv", "stdio", "denier", "listchecker", "memquota", "noop", "statsd", "fluentd",
        "stackdriver", "circonus", "cloudwatch", "dogstatsd", "opa", "rbac", "redisquota", "signalfx", "solarwinds",
        "zipkin", "bypass", "servicecontrol", "apigee",
    ]

    /// Out-of-process adapters and templates (1.1+): read by Mixer, not modelled here.
    static let outOfProcess: Set<String> = ["adapter", "template"]
}
