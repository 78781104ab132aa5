import MixerDecode

/// The `kubernetes` template of the kubernetesenv attribute generator:
/// its input fields and the types of its output (`$out`) fields
/// (istio/istio `mixer/adapter/kubernetesenv/template/template.proto`, 1.1.6;
/// 0.8.0 has `origin_*` and `*_service` instead of the workload fields).
enum KubernetesTemplate {
    /// `$out.` becomes this prefix before the binding is parsed
    /// (`1.1.6:mixer/template/template.gen.go`, `CreateOutputExpressions`).
    static let outputPrefix = "adapter_template_kubernetes.output."

    static let inputTypes: [String: AttributeType] = [
        "source_uid": .string, "source_ip": .ipAddress, "destination_uid": .string, "destination_ip": .ipAddress,
        "destination_port": .int64, "origin_uid": .string, "origin_ip": .ipAddress,
    ]

    static let outputTypes: [String: AttributeType] = {
        var types: [String: AttributeType] = ["destination_container_name": .string]
        for side in ["source", "destination", "origin"] {
            for field in ["pod_uid", "pod_name", "namespace", "service", "service_account_name", "workload_uid", "workload_name", "workload_namespace", "owner"] {
                types["\(side)_\(field)"] = .string
            }
            types["\(side)_pod_ip"] = .ipAddress
            types["\(side)_host_ip"] = .ipAddress
            types["\(side)_labels"] = .stringMap
        }
        return types
    }()

    /// The manifest bindings are checked against: the configuration's, and
    /// the output fields as attributes (`processAttributeManifests` adds them).
    static func bindingManifest(_ manifest: AttributeManifest) -> AttributeManifest {
        manifest.adding(Dictionary(uniqueKeysWithValues: outputTypes.map { (outputPrefix + $0.key, $0.value) }))
    }
}
