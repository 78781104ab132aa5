import MixerDecode

/// The configuration arranged for dispatch once, as Mixer builds its
/// routing table whenever its configuration changes (istio/istio
/// `1.1.6:mixer/pkg/runtime/routing/builder.go`): for each namespace the
/// rules that run there, the default namespace's first; the kubernetesenv
/// rules apart, since they run first (`Preprocess`); every action's
/// instances found, and for a Prometheus handler the metric each feeds and
/// how its dimensions pair with the metric's labels (the adapter's
/// `Build`). A record then costs lookups by position, not by name.
///
/// Metric fields written alike are one expression here, evaluated once per
/// record (the request count, duration and sizes read the same twenty
/// dimensions); so are the label sets they make. An expression's value
/// depends on the record alone, so each instance still gets exactly what
/// Mixer's own evaluation of it gives, errors included.
struct RoutingTable: Sendable {
    struct RuleSet: Sendable {
        /// Rules whose actions go to a kubernetesenv handler.
        var preprocessing: [Route] = []
        /// The others, in order.
        var report: [Route] = []
    }

    /// A class: records walk the routes, and a copy of a reference is one count.
    final class Route: Sendable {
        let rule: RuleConfig
        let actions: [Action]
        /// Unique among the table's routes.
        let index: Int
        /// The attributes its condition reads (name, and slot in the
        /// manifest's names when it has one): the condition's outcome is a
        /// function of their values.
        let reads: [(name: String, slot: Int?)]

        init(rule: RuleConfig, actions: [Action], index: Int, reads: [(name: String, slot: Int?)]) {
            self.rule = rule
            self.actions = actions
            self.index = index
            self.reads = reads
        }
    }

    struct Action: Sendable {
        let handler: String
        /// The handler's place in ``handlerNames``: a Report's instances are
        /// batched per handler by it, not by name.
        let handlerIndex: Int
        let instances: [RoutedInstance]
    }

    final class RoutedInstance: Sendable {
        let name: String
        /// Nil when no instance has the name.
        let body: InstanceConfig.Body?
        /// A metric's value and dimensions (in name order), as indices in ``fields``.
        let fields: (value: Int, dimensions: [Int])?
        /// When the handler is Prometheus and the instance a metric.
        let prometheus: PrometheusRoute?
        /// The label set its series get, as an index in ``labelSets``.
        let labelSet: Int?

        init(name: String, body: InstanceConfig.Body?, fields: (value: Int, dimensions: [Int])?, prometheus: PrometheusRoute?, labelSet: Int?) {
            self.name = name
            self.body = body
            self.fields = fields
            self.prometheus = prometheus
            self.labelSet = labelSet
        }
    }

    /// A metric's labels: their names, and the field each one's value comes from.
    struct LabelSet: Sendable, Hashable {
        let names: [String]
        let fields: [Int]
    }

    /// The handlers the actions name, each once.
    let handlerNames: [String]
    /// Every distinct metric field expression, and its text.
    let fields: [CompiledExpression]
    let fieldTexts: [String]
    let labelSets: [LabelSet]

    let defaultRules: RuleSet
    let namespaceRules: [String: RuleSet]
    /// The attributes dispatch itself reads, by slot.
    let recordBag: RecordBag
    /// Every attribute dispatch can read: rule conditions, instance fields,
    /// the kubernetesenv bindings' attributes, and what ``RecordBag`` reads.
    let reads: AttributeSelection
    /// The attributes that decide how a record dispatches: all it reads but
    /// those only metric values and the time read (``DispatchShapes``), by
    /// name, and the slots of those the manifest has.
    let shapeNames: Set<String>
    let shapeSlots: [Int]

    init(rules: [RuleConfig], handlers: [String: HandlerConfig], instances: [String: InstanceConfig], defaultNamespace: String, names: AttributeNames) {
        var builder = RoutingTableBuilder(handlers: handlers, instances: instances, names: names)
        // `1.1.6:mixer/pkg/runtime/routing/builder.go`: a namespace without
        // rules of its own gets the default namespace's.
        let defaults = rules.filter { $0.namespace == defaultNamespace }
        defaultRules = builder.ruleSet(defaults)
        var namespaced: [String: RuleSet] = [:]
        for namespace in Set(rules.map(\.namespace)) where namespace != defaultNamespace {
            namespaced[namespace] = builder.ruleSet(defaults + rules.filter { $0.namespace == namespace })
        }
        namespaceRules = namespaced
        handlerNames = builder.handlerNames
        fields = builder.fields
        fieldTexts = builder.fieldTexts
        labelSets = builder.labelSets
        recordBag = RecordBag(names: names)
        let read = RoutingTableBuilder.attributesRead(rules: rules, instances: instances)
        reads = AttributeSelection(read.all, names: names)
        shapeNames = read.all.subtracting(read.valuesOnly)
        shapeSlots = AttributeSelection(shapeNames, names: names).keptSlots
    }

    func rules(for namespace: String) -> RuleSet {
        namespaceRules[namespace] ?? defaultRules
    }
}

/// Where a metric instance goes in a Prometheus handler: the metric whose
/// `instance_name` is the instance's full name, and the label each of the
/// instance's dimensions (in name order) fills, or the panic that pairing
/// them gives (`vec.With(labels)` with other label names).
struct PrometheusRoute: Sendable {
    /// Index in the handler's metrics; nil when none takes the instance.
    let metric: Int?
    /// For each dimension in name order, its label's position.
    let labels: Result<[Int], PrometheusAdapter.Reason>

    init(_ params: PrometheusParams, instance: String, _ template: MetricInstance) {
        metric = params.metrics.firstIndex { $0.instanceName == instance }
        guard let metric else {
            labels = .success([])
            return
        }
        labels = Self.pairing(params.metrics[metric].exposedLabels, template.dimensions.map(\.name))
    }

    /// The dimension names must be exactly the metric's label names after
    /// `safeName`. Both come sorted by name, so one walk pairs them.
    private static func pairing(_ exposed: ExposedLabels, _ dimensions: [String]) -> Result<[Int], PrometheusAdapter.Reason> {
        guard exposed.names.count == dimensions.count else {
            return .failure(PrometheusAdapter.Reason(
                text: "inconsistent label cardinality: expected \(exposed.names.count) label values but got \(dimensions.count)"))
        }
        for (position, dimension) in zip(exposed.byName, dimensions) where exposed.names[position] != dimension {
            return .failure(PrometheusAdapter.Reason(text: "label name \"\(exposed.names[position])\" missing in label map"))
        }
        return .success(exposed.byName)
    }
}
