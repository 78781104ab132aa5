import MixerDecode
import Yams

/// Rules as Mixer reads them (istio/istio
/// `1.1.6:mixer/pkg/runtime/config/ephemeral.go`, `processRuleConfigs`):
/// each action keeps the handler and instances its references find; an
/// action with no instance left, and a rule with no action left, are
/// dropped, each with Mixer's message.
struct RuleReader {
    let server: MixerServer
    let manifest: AttributeManifest
    let handlers: [String: HandlerConfig]
    let instances: [String: InstanceConfig]

    func rules(from resources: [ConfigResource], problems: inout [ConfigProblem]) -> [RuleConfig] {
        var rules: [RuleConfig] = []
        for resource in resources where resource.kind == ConfigKinds.rule {
            // `selector` is the deprecated name of `match` (`1.1.6:mixer/pkg/config/store/convert.go`).
            let matchNode = resource.spec?.field("match") ?? resource.spec?.field("selector")
            let matchText = matchNode?.text ?? ""
            var rule = RuleConfig(
                fullName: resource.fullName, namespace: resource.namespace, matchText: matchText, match: nil, actions: [],
                unusable: nil, tcpOnly: nil, place: resource.place)
            if matchNode != nil && matchNode?.text == nil {
                rule.unusable = "spec.match is not a string"
            } else if !matchText.isEmpty {
                compileMatch(&rule, resource, at: matchNode, problems: &problems)
            }
            for (index, action) in (resource.spec?.field("actions")?.sequence.map(Array.init) ?? []).enumerated() {
                if let read = self.action(action, index: index, of: resource, problems: &problems) { rule.actions.append(read) }
            }
            guard !rule.actions.isEmpty else {
                problems.append(resource.problem("spec.actions", "No valid actions found in rule: Mixer drops the rule"))
                continue
            }
            if server.splitsRulesByProtocol { rule.tcpOnly = Self.isTCPRule(rule, labels: resource) }
            rules.append(rule)
        }
        return rules.sorted { $0.fullName < $1.fullName }
    }

    /// `AssertType(match, BOOL)`; a condition that fails is recorded and
    /// routing then cannot compile it (`1.1.6:mixer/pkg/runtime/routing/builder.go`,
    /// `Unable to compile match condition expression`): the rule never matches.
    private func compileMatch(_ rule: inout RuleConfig, _ resource: ConfigResource, at node: Node?, problems: inout [ConfigProblem]) {
        switch ConfigExpression.compile(rule.matchText, checker: server.checker(manifest)) {
        case .success(let compiled) where compiled.type == .bool:
            rule.match = compiled
        case .success(let compiled):
            rule.unusable = "the condition is \(compiled.type?.rawValue ?? "of no type"), not BOOL"
        case .failure(let error):
            rule.unusable = error.message + (error.column.map { " (column \($0))" } ?? "")
        }
        if let reason = rule.unusable {
            problems.append(resource.problem("spec.match", "\(reason): Mixer cannot compile the condition and the rule never matches", at: node))
        }
    }

    private func action(_ node: Node, index: Int, of rule: ConfigResource, problems: inout [ConfigProblem]) -> RuleConfig.Action? {
        let field = "spec.actions[\(index)]"
        let reference = node.field("handler")?.text ?? ""
        guard let handler = Self.resolve(reference, kind: "handler", namespace: rule.namespace, in: handlers) else {
            problems.append(rule.problem(field + ".handler", "Handler not found: handler='\(reference)': Mixer skips the action", at: node))
            return nil
        }
        var names: [String] = []
        for instanceNode in node.field("instances")?.sequence.map(Array.init) ?? [] {
            let reference = instanceNode.text ?? ""
            guard let name = Self.resolve(reference, kind: "instance", namespace: rule.namespace, in: instances) else {
                problems.append(rule.problem(field + ".instances", "Instance not found: instance='\(reference)': Mixer leaves it out of the action", at: instanceNode))
                continue
            }
            guard !names.contains(name) else {
                problems.append(rule.problem(field + ".instances", "action specified the same instance multiple times: instance='\(name)'", at: instanceNode))
                continue
            }
            let template = instances[name]!.template
            let adapter = handlers[handler]!.adapter
            if let supported = HandlerConfig.supportedTemplates(of: adapter), !supported.contains(template) {
                problems.append(rule.problem(
                    field + ".instances", "instance '\(name)' is of template '\(template)' which is not supported by handler '\(handler)'", at: instanceNode))
                continue
            }
            names.append(name)
        }
        guard !names.isEmpty else {
            problems.append(rule.problem(field, "No valid instances found: Mixer skips the action", at: node))
            return nil
        }
        return RuleConfig.Action(handler: handler, instances: names)
    }

    /// `canonicalize` and `getCanonicalRef` (`1.1.6:mixer/pkg/runtime/config/util.go`,
    /// `ephemeral.go`): three parts is a full name; one is `name.kind.<rule's
    /// namespace>`; two is tried as `name.kind.<rule's namespace>` (the old
    /// `handler.prometheus` form) and then as `name.<kind>.namespace`.
    static func resolve<T>(_ reference: String, kind: String, namespace: String, in known: [String: T]) -> String? {
        let parts = reference.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let candidates: [String]
        switch parts.count {
        case 1: candidates = ["\(reference).\(kind).\(namespace)"]
        case 2: candidates = ["\(parts[0]).\(parts[1]).\(namespace)", "\(parts[0]).\(kind).\(parts[1])"]
        default: candidates = [reference]
        }
        return candidates.first { known[$0] != nil }
    }

    /// Mixer 0.8's split (`0.8.0:mixer/pkg/runtime/config/ephemeral.go`,
    /// the `resourceType` block): a rule is TCP when labelled
    /// `istio-protocol: tcp` or when its condition has a top-level
    /// `context.protocol == "tcp"` (through `&&`, `ast.ExtractEQMatches`).
    static func isTCPRule(_ rule: RuleConfig, labels resource: ConfigResource) -> Bool {
        if resource.labels["istio-protocol"] == "tcp" { return true }
        guard let match = rule.match?.expression else { return false }
        return equalities(match).contains { $0 == ("context.protocol", "tcp") }
    }

    private static func equalities(_ expression: MixerExpression) -> [(String, String)] {
        guard case .function(let name, nil, let arguments) = expression, arguments.count == 2 else { return [] }
        if name == "LAND" { return equalities(arguments[0]) + equalities(arguments[1]) }
        guard name == "EQ" else { return [] }
        switch (arguments[0], arguments[1]) {
        case (.attribute(let attribute), .constant(let constant)), (.constant(let constant), .attribute(let attribute)):
            if case .string(let text) = constant.value { return [(attribute, text)] }
            return []
        default: return []
        }
    }
}
