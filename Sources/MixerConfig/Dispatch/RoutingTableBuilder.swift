import MixerDecode

/// Builds a ``RoutingTable``: routes for rules, instances found once, metric
/// fields and label sets shared by text.
struct RoutingTableBuilder {
    let handlers: [String: HandlerConfig]
    let instances: [String: InstanceConfig]
    let names: AttributeNames
    private let generatorHandlers: Set<String>
    private(set) var fields: [CompiledExpression] = []
    private(set) var fieldTexts: [String] = []
    private var fieldOfText: [String: Int] = [:]
    private(set) var labelSets: [RoutingTable.LabelSet] = []
    private(set) var handlerNames: [String] = []
    private var handlerIndex: [String: Int] = [:]
    private var labelSetIndex: [RoutingTable.LabelSet: Int] = [:]
    private var routes = 0

    init(handlers: [String: HandlerConfig], instances: [String: InstanceConfig], names: AttributeNames) {
        self.handlers = handlers
        self.instances = instances
        self.names = names
        generatorHandlers = Set(handlers.filter { $0.value.adapter == "kubernetesenv" }.keys)
    }

    /// `rules` in order: those whose actions reach a kubernetesenv handler
    /// apart, as preprocessing.
    mutating func ruleSet(_ rules: [RuleConfig]) -> RoutingTable.RuleSet {
        var set = RoutingTable.RuleSet()
        for rule in rules {
            if rule.actions.contains(where: { generatorHandlers.contains($0.handler) }) {
                set.preprocessing.append(route(rule))
            } else {
                set.report.append(route(rule))
            }
        }
        return set
    }

    private mutating func route(_ rule: RuleConfig) -> RoutingTable.Route {
        routes += 1
        // 0.8's protocol split reads `context.protocol` besides the condition.
        let read = (rule.explanation?.attributes ?? []) + (rule.tcpOnly != nil ? ["context.protocol"] : [])
        var actions: [RoutingTable.Action] = []
        for action in rule.actions {
            let params: PrometheusParams? = if case .prometheus(let params)? = handlers[action.handler]?.body { params } else { nil }
            var routed: [RoutingTable.RoutedInstance] = []
            for name in action.instances { routed.append(instance(name, params: params)) }
            actions.append(RoutingTable.Action(handler: action.handler, handlerIndex: index(ofHandler: action.handler), instances: routed))
        }
        return RoutingTable.Route(rule: rule, actions: actions, index: routes - 1, reads: read.map { ($0, names.slot(of: $0)) })
    }

    private mutating func instance(_ name: String, params: PrometheusParams?) -> RoutingTable.RoutedInstance {
        let body = instances[name]?.body
        guard case .metric(let metric)? = body else {
            return RoutingTable.RoutedInstance(name: name, body: body, fields: nil, prometheus: nil, labelSet: nil)
        }
        var dimensions: [Int] = []
        for dimension in metric.dimensions { dimensions.append(field(dimension.expression)) }
        let metricFields = (value: field(metric.value), dimensions: dimensions)
        guard let params else { return RoutingTable.RoutedInstance(name: name, body: body, fields: metricFields, prometheus: nil, labelSet: nil) }
        let prometheus = PrometheusRoute(params, instance: name, metric)
        var labelSet: Int?
        if let index = prometheus.metric, case .success(let positions) = prometheus.labels {
            var byPosition = [Int](repeating: 0, count: positions.count)
            for (dimension, position) in positions.enumerated() { byPosition[position] = dimensions[dimension] }
            labelSet = self.labelSet(RoutingTable.LabelSet(names: params.metrics[index].exposedLabels.names, fields: byPosition))
        }
        return RoutingTable.RoutedInstance(name: name, body: body, fields: metricFields, prometheus: prometheus, labelSet: labelSet)
    }

    private mutating func index(ofHandler name: String) -> Int {
        if let index = handlerIndex[name] { return index }
        handlerNames.append(name)
        handlerIndex[name] = handlerNames.count - 1
        return handlerNames.count - 1
    }

    /// The field of `expression`: one per text.
    private mutating func field(_ expression: ConfigExpression) -> Int {
        if let index = fieldOfText[expression.text] { return index }
        fieldOfText[expression.text] = fields.count
        fields.append(expression.compiled)
        fieldTexts.append(expression.text)
        return fields.count - 1
    }

    private mutating func labelSet(_ set: RoutingTable.LabelSet) -> Int {
        if let index = labelSetIndex[set] { return index }
        labelSets.append(set)
        labelSetIndex[set] = labelSets.count - 1
        return labelSets.count - 1
    }

    /// Every attribute dispatch can read, in two parts: what decides how a
    /// record dispatches (rule conditions, metric dimensions, the
    /// kubernetesenv inputs and bindings, and what ``RecordBag`` reads but
    /// the time), and what only metric values and the time samples carry
    /// read. Records that differ only in the second part dispatch alike
    /// (``DispatchShapes``).
    static func attributesRead(rules: [RuleConfig], instances: [String: InstanceConfig]) -> (all: Set<String>, valuesOnly: Set<String>) {
        var decides = Set(RecordBag.Field.allCases.filter { !$0.isTime }.map(\.name))
        var values = Set(RecordBag.Field.allCases.filter(\.isTime).map(\.name))
        for rule in rules { decides.formUnion(rule.explanation?.attributes ?? []) }
        if rules.contains(where: { $0.tcpOnly != nil }) { decides.insert("context.protocol") }
        for instance in instances.values {
            switch instance.body {
            case .metric(let metric):
                values.formUnion(metric.value.expression.attributeNames)
                for dimension in metric.dimensions { decides.formUnion(dimension.expression.expression.attributeNames) }
            case .kubernetes(let kubernetes):
                for (_, expression) in kubernetes.inputs { decides.formUnion(expression.expression.attributeNames) }
                for (attribute, expression) in kubernetes.bindings {
                    decides.insert(attribute)
                    decides.formUnion(expression.expression.attributeNames)
                }
            case .unmodelled:
                break
            }
        }
        return (decides.union(values), values.subtracting(decides))
    }
}
