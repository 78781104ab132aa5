import MixerDecode
import Yams

/// Instances as Mixer reads them (istio/istio
/// `1.1.6:mixer/pkg/runtime/config/ephemeral.go`, `processInstanceConfigs`):
/// `kind: instance` with a `compiledTemplate` (1.1+), or a legacy kind that
/// names its template (0.8-1.1). Every expression is parsed and checked
/// when the configuration is read; an instance with one that fails is left
/// out, so rules naming it get `Instance not found`.
struct InstanceReader {
    let server: MixerServer
    let manifest: AttributeManifest

    func instances(from resources: [ConfigResource], problems: inout [ConfigProblem]) -> [String: InstanceConfig] {
        var instances: [String: InstanceConfig] = [:]
        for resource in resources {
            let template: String
            var spec = resource.spec
            if resource.kind == ConfigKinds.instance && server.minor >= 11 {
                guard let compiled = spec?.field("compiled_template")?.text, !compiled.isEmpty else { continue }
                template = compiled
                // 1.2+ writes the kubernetes bindings beside `params`; Mixer
                // moves them into the params (`attribute_bindings`).
                spec = Self.paramsWithBindings(spec)
            } else if ConfigKinds.legacyTemplates.contains(resource.kind) && server.readsLegacyKinds {
                template = resource.kind
            } else {
                continue
            }
            switch body(template, spec, resource) {
            case .success(let body):
                instances[resource.fullName] = InstanceConfig(fullName: resource.fullName, template: template, body: body, place: resource.place)
            case .failure(let problem):
                problems.append(problem)
            }
        }
        return instances
    }

    private func body(_ template: String, _ params: Node?, _ resource: ConfigResource) -> Result<InstanceConfig.Body, ConfigProblem> {
        switch template {
        case "metric": return metric(params, resource).map(InstanceConfig.Body.metric)
        case "kubernetes": return kubernetes(params, resource).map(InstanceConfig.Body.kubernetes)
        default: return .success(.unmodelled)
        }
    }

    private func metric(_ params: Node?, _ resource: ConfigResource) -> Result<MetricInstance, ConfigProblem> {
        let checker = server.checker(manifest)
        let value: ConfigExpression
        switch compile(params?.field("value"), "value", resource, checker) {
        case .success(let compiled): value = compiled
        case .failure(let problem): return .failure(problem)
        }
        var dimensions: [(String, ConfigExpression)] = []
        for (key, node) in params?.field("dimensions")?.mapping ?? [:] {
            let name = key.string ?? ""
            switch compile(node, "dimensions.\(name)", resource, checker) {
            case .success(let compiled): dimensions.append((name, compiled))
            case .failure(let problem): return .failure(problem)
            }
        }
        // In name order: the adapter pairs them with its labels in one walk.
        return .success(MetricInstance(value: value, dimensions: dimensions.sorted { $0.0 < $1.0 }))
    }

    private func kubernetes(_ params: Node?, _ resource: ConfigResource) -> Result<KubernetesInstance, ConfigProblem> {
        let checker = server.checker(manifest)
        var inputs: [(String, ConfigExpression)] = []
        for (key, node) in params?.mapping ?? [:] {
            guard let field = key.string, let wanted = KubernetesTemplate.inputTypes[field] else { continue }
            switch compile(node, field, resource, checker) {
            case .success(let compiled) where compiled.type == nil || compiled.type == wanted:
                inputs.append((field, compiled))
            case .success(let compiled):
                return .failure(resource.problem(
                    "spec.params.\(field)", "\(compiled.text) is \(compiled.type!.rawValue), the field is \(wanted.rawValue): Mixer drops the instance", at: node))
            case .failure(let problem): return .failure(problem)
            }
        }
        var bindings: [(String, ConfigExpression)] = []
        let bindingChecker = server.checker(KubernetesTemplate.bindingManifest(manifest))
        for (key, node) in params?.field("attribute_bindings")?.mapping ?? [:] {
            guard let attribute = key.string else { continue }
            let field = "attributeBindings.\(attribute)"
            // `CreateOutputExpressions`: a binding to an attribute no manifest
            // declares is skipped with a warning; the instance stays.
            guard manifest.type(of: attribute) != nil else { continue }
            guard let text = node.text else { return .failure(resource.problem(field, "not a string", at: node)) }
            let replaced = text.replacingOccurrences(of: "$out.", with: KubernetesTemplate.outputPrefix)
            switch ConfigExpression.compile(replaced, checker: bindingChecker) {
            case .success(var compiled):
                compiled.text = text
                bindings.append((attribute, compiled))
            case .failure(let error):
                return .failure(resource.problem(field, "\(error.message): Mixer drops the instance", at: node))
            }
        }
        return .success(KubernetesInstance(inputs: inputs, bindings: bindings, bindingNames: bindingChecker.manifest.names))
    }

    private func compile(_ node: Node?, _ field: String, _ resource: ConfigResource, _ checker: ExpressionChecker) -> Result<ConfigExpression, ConfigProblem> {
        let path = "spec.params.\(field)"
        guard let node else { return .failure(resource.problem(path, "missing: Mixer drops the instance")) }
        guard let text = node.text else {
            return .failure(resource.problem(path, "not a string (quote it: Mixer reads expressions as JSON strings): Mixer drops the instance", at: node))
        }
        return ConfigExpression.compile(text, checker: checker).mapError { error in
            let column = error.column.map { " (column \($0))" } ?? ""
            return resource.problem(path, "\(error.message)\(column): Mixer drops the instance", at: node)
        }
    }

    /// A `kind: instance` spec's `params`, with `attributeBindings` moved in.
    static func paramsWithBindings(_ spec: Node?) -> Node? {
        guard var params = spec?.field("params")?.mapping ?? spec.map({ _ in Node.Mapping([]) }) else { return nil }
        if let bindings = spec?.field("attribute_bindings") { params["attribute_bindings"] = bindings }
        return .mapping(params)
    }
}
