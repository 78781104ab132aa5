import MixerDecode

/// An instance as Mixer builds it for each record: a template and the
/// expressions of its fields.
public struct InstanceConfig: Sendable {
    /// `name.instance.namespace` (1.2+), or `name.metric.namespace` for the
    /// legacy kinds: the name Prometheus' `instance_name` must equal.
    public var fullName: String
    /// The template: `metric`, `kubernetes`, `logentry`, ...
    public var template: String
    public var body: Body
    public var place: ResourcePlace

    public enum Body: Sendable {
        case metric(MetricInstance)
        case kubernetes(KubernetesInstance)
        /// A template whose fields this tool does not evaluate (access logs,
        /// checks, quotas): rules naming it are still shown as matched.
        case unmodelled
    }
}

/// The `metric` template's fields (istio/istio
/// `mixer/template/metric/template.proto`): a value and named dimensions.
public struct MetricInstance: Sendable {
    public var value: ConfigExpression
    /// In name order (Mixer's map keeps none); label order in output comes
    /// from the handler.
    public var dimensions: [(name: String, expression: ConfigExpression)]
}

/// The `kubernetes` template of the kubernetesenv attribute generator
/// (`mixer/adapter/kubernetesenv/template/template.proto`): its inputs and
/// the attribute bindings of its outputs.
public struct KubernetesInstance: Sendable {
    /// `source_uid`, `source_ip`, `destination_uid`, `destination_ip`,
    /// `destination_port` (0.8: `origin_uid`, `origin_ip`).
    public var inputs: [(field: String, expression: ConfigExpression)]
    /// Attribute name to expression over `$out` fields, `$out.` already
    /// replaced by `adapter_template_kubernetes.output.`.
    public var bindings: [(attribute: String, expression: ConfigExpression)]
    /// What the bindings give when the adapter sets no output (no pod
    /// found, no cluster state): the same for every record when they read
    /// `$out` fields only, as the defaults' do; nil otherwise.
    public var bindingsWithoutOutputs: [Binding]?
    /// Each binding's attribute slot in the manifest's names (the first
    /// slots of `bindingNames`); nil for one outside them.
    public var bindingSlots: [Int?]

    /// An attribute a binding gives.
    public struct Binding: Sendable {
        public var name: String
        public var slot: Int?
        public var value: ExpressionValue
    }
    /// The names the bindings are compiled against: the manifest's, then
    /// the `$out` fields.
    public var bindingNames: AttributeNames

    init(inputs: [(field: String, expression: ConfigExpression)], bindings: [(attribute: String, expression: ConfigExpression)], bindingNames: AttributeNames) {
        self.inputs = inputs
        // By attribute name: what they generate is then listed in order.
        self.bindings = bindings.sorted { $0.attribute < $1.attribute }
        self.bindingNames = bindingNames
        let slots = self.bindings.map { bindingNames.slot(of: $0.attribute) }
        self.bindingSlots = slots
        self.bindingsWithoutOutputs = Self.constantBindings(self.bindings, slots, bindingNames)
    }

    private static func constantBindings(_ bindings: [(attribute: String, expression: ConfigExpression)], _ slots: [Int?], _ names: AttributeNames) -> [Binding]? {
        var values: [Binding] = []
        for ((attribute, compiled), slot) in zip(bindings, slots) {
            guard Self.readsOutputsOnly(compiled.expression),
                  case .success(let value) = ExpressionEvaluator().evaluate(compiled.compiled, in: AttributeBag(names: names)) else { return nil }
            values.append(Binding(name: attribute, slot: slot, value: value))
        }
        return values
    }

    private static func readsOutputsOnly(_ expression: MixerExpression) -> Bool {
        expression.attributeNames.allSatisfy { $0.hasPrefix(KubernetesTemplate.outputPrefix) }
    }
}
