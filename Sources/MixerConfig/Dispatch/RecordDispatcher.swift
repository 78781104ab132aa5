import MixerDecode

/// One record through Mixer's dispatch (istio/istio
/// `1.1.6:mixer/pkg/api/grpcServer.go`, `dispatchSingleReport`, and
/// `mixer/pkg/runtime/dispatcher/session.go`): the kubernetesenv attribute
/// generation first, then every rule of the record's namespace, and the
/// instances of the rules that match.
struct RecordDispatcher {
    let config: MixerConfiguration
    let cluster: ClusterState?
    /// Without cluster state: the pod each uid seen names (`pod.namespace`),
    /// inferred once per uid.
    private var podOfUID: [String: String?] = [:]
    private var ruleOutcomes = RuleOutcomes()
    private var shapes = DispatchShapes()

    init(config: MixerConfiguration, cluster: ClusterState?) {
        self.config = config
        self.cluster = cluster
    }

    /// A metric instance built for a handler.
    struct Built {
        let handler: String
        /// Its place in the routing table's ``RoutingTable/handlerNames``.
        let handlerIndex: Int
        let instance: RoutingTable.RoutedInstance
        let metric: BuiltMetric
    }

    /// The outcome, the metric instances for each handler in rule order,
    /// and the bag the rules ran on (with the generated attributes).
    mutating func dispatch(_ sent: consuming AttributeBag, index: Int) -> (RecordDispatch, [Built], AttributeBag) {
        var bag = sent
        let key = DispatchShapes.key(of: bag, config.routing, names: config.manifest.names)
        if let key, let shape = shapes[key], let replayed = replay(shape, on: &bag, index: index) {
            return (replayed.outcome, replayed.built, bag)
        }
        var (outcome, built, generated) = dispatchInFull(&bag, index: index)
        if let key, let generated { outcome.shape = shapes.remember(key, outcome: outcome, built: built, generated: generated) }
        return (outcome, built, bag)
    }

    /// A record of a shape dispatched before: that outcome and those
    /// instances, with this record's index, time and metric values; nil
    /// when a value fails to evaluate (the bag is then as it was sent).
    private func replay(_ shape: DispatchShapes.Shape, on bag: inout AttributeBag, index: Int) -> (outcome: RecordDispatch, built: [Built])? {
        var outcome = shape.outcome
        outcome.recordIndex = index
        outcome.time = config.routing.recordBag.time(of: bag)
        // The slots generated are part of the shape: this record, like the first, did not send them.
        for (slot, value) in shape.generated { bag[slot: slot] = value }
        guard let built = builtAgain(shape.built, on: bag) else {
            for (slot, _) in shape.generated { bag[slot: slot] = nil }
            return nil
        }
        return (outcome, built)
    }

    /// The shape's instances with their values evaluated on `bag` (each
    /// value field once); nil when one fails.
    private func builtAgain(_ shapeBuilt: [Built], on bag: AttributeBag) -> [Built]? {
        var values: [(field: Int, value: ExpressionValue)] = []
        var built: [Built] = []
        built.reserveCapacity(shapeBuilt.count)
        for instance in shapeBuilt {
            guard let field = instance.instance.fields?.value else { return nil }
            let value: ExpressionValue
            if let known = values.first(where: { $0.field == field }) {
                value = known.value
            } else {
                guard case .success(let evaluated) = ExpressionEvaluator().evaluate(config.routing.fields[field], in: bag) else { return nil }
                value = evaluated
                values.append((field, value))
            }
            built.append(Built(
                handler: instance.handler, handlerIndex: instance.handlerIndex, instance: instance.instance,
                metric: BuiltMetric(value: value, labels: instance.metric.labels)))
        }
        return built
    }

    /// Every step of dispatch on the record; `generated`: the kubernetesenv
    /// attributes added to the bag by slot, nil when some went by name.
    private mutating func dispatchInFull(
        _ bag: inout AttributeBag, index: Int
    ) -> (outcome: RecordDispatch, built: [Built], generated: [(slot: Int, value: ExpressionValue)]?) {
        let fields = config.routing.recordBag
        var outcome = RecordDispatch(
            recordIndex: index, namespace: fields.identityNamespace(bag), notDispatched: nil, rules: [],
            series: [], time: fields.time(of: bag))
        outcome.destination = fields.destination(of: bag)
        if cluster == nil {
            for (side, field) in [("source", RecordBag.Field.sourceUID), ("destination", .destinationUID)] {
                guard let uid = fields.string(field, in: bag), let pod = inferredPod(uid) else { continue }
                outcome.inferredPods[side] = pod
            }
        }
        var generated: [(slot: Int, value: ExpressionValue)]? = []
        let preprocessing = config.routing.rules(for: outcome.namespace).preprocessing
        let preprocessingResults = preprocessing.map { match($0, bag) }
        switch AttributeGeneration(config: config, cluster: cluster).run(preprocessing, preprocessingResults, on: bag) {
        case .failure(let failure):
            outcome.rules = failure.rules
            outcome.notDispatched = "preprocessing attributes failed: \(failure.message): Mixer dispatches nothing for this record"
            return (outcome, [], nil)
        case .success(let generation):
            outcome.rules = generation.rules
            // Never over what the record sent (`MutableBag.Merge`).
            // The bindings' slots are the manifest's.
            let slotted = bag.names === config.manifest.names
            for attribute in generation.attributes {
                if slotted, let slot = attribute.slot {
                    guard bag[slot: slot] == nil else { continue }
                    bag[slot: slot] = attribute.value
                    generated?.append((slot, attribute.value))
                } else {
                    guard bag[attribute.name] == nil else { continue }
                    bag[attribute.name] = attribute.value
                    generated = nil
                }
            }
        }
        // Report runs on the bag with the generated attributes: its namespace again.
        outcome.namespace = fields.identityNamespace(bag)
        let report = config.routing.rules(for: outcome.namespace).report
        outcome.rules.reserveCapacity(outcome.rules.count + report.count)
        var built: [Built] = []
        var metricFields = FieldValues(config.routing, bag)
        for route in report {
            var ruleOutcome = RuleOutcome(rule: route.rule.fullName, result: match(route, bag), instances: [], generatesAttributes: false)
            if ruleOutcome.result == .matched {
                for action in route.actions {
                    for instance in action.instances {
                        let (instanceOutcome, metric) = build(instance, handler: action.handler, &metricFields)
                        ruleOutcome.instances.append(instanceOutcome)
                        if let metric { built.append(Built(handler: action.handler, handlerIndex: action.handlerIndex, instance: instance, metric: metric)) }
                    }
                }
            }
            outcome.rules.append(ruleOutcome)
        }
        return (outcome, built, generated)
    }

    private mutating func inferredPod(_ uid: String) -> String? {
        if let known = podOfUID[uid] { return known }
        let pod = KubernetesEnvAdapter.inferredFromUID(uid).map { "\($0.pod).\($0.namespace)" }
        podOfUID[uid] = pod
        return pod
    }

    /// The route's rule on the bag, remembered by the values it reads.
    private mutating func match(_ route: RoutingTable.Route, _ bag: AttributeBag) -> RuleOutcome.Result {
        ruleOutcomes.result(route, bag, manifest: config.manifest.names)
    }

    /// The rule's condition on the bag (`routing/table.go`, `Matches`): an
    /// error counts as false.
    static func match(_ rule: RuleConfig, _ bag: AttributeBag) -> RuleOutcome.Result {
        if let reason = rule.unusable { return .unusable(reason) }
        if let tcpOnly = rule.tcpOnly {
            let isTCP = bag["context.protocol"] == .string("tcp")  // 0.8 only
            if tcpOnly != isTCP { return .otherProtocol(tcp: tcpOnly) }
        }
        guard let condition = rule.match else { return .matched }
        switch ExpressionEvaluator().evaluate(condition.compiled, in: bag) {
        case .success(.bool(true)): return .matched
        case .success:
            return .notMatched(because: rule.explanation?.explain(bag) ?? "\(condition.text) is false")
        case .failure(let error):
            return .failed("input set condition evaluation error: \(error.message)")
        }
    }

    /// One instance for one handler (`dispatcher/session.go`): a field that
    /// fails leaves the instance out (`error creating instance`).
    private func build(_ instance: RoutingTable.RoutedInstance, handler: String, _ fields: inout FieldValues) -> (InstanceOutcome, BuiltMetric?) {
        var outcome = InstanceOutcome(instance: instance.name, handler: handler, error: nil)
        // Set for metric instances only.
        guard let indices = instance.fields else { return (outcome, nil) }
        // The field being evaluated: nil for the value, else a dimension's index.
        var dimension: Int?
        do throws(ExpressionError) {
            let value = try fields.value(indices.value).get()
            for index in indices.dimensions.indices {
                dimension = index
                _ = try fields.value(indices.dimensions[index]).get()
            }
            return (outcome, BuiltMetric(value: value, labels: instance.labelSet.map { fields.labels($0) }))
        } catch {
            // Mixer's words (`template.gen.go`, the instance builders).
            var field = "Value"
            if let dimension, case .metric(let metric)? = instance.body { field = "Dimensions[\(metric.dimensions[dimension].name)]" }
            outcome.error = "evaluation failed at [\(instance.name)]'\(field)': '\(error.message)'"
            return (outcome, nil)
        }
    }
}

/// The routing table's metric fields evaluated on one record, each at most
/// once, and the label sets made of them.
struct FieldValues {
    private let routing: RoutingTable
    private let bag: AttributeBag
    /// Per field, its place in `evaluated`, or -1: integers, so that the
    /// table sized to every field of the configuration costs nothing to drop.
    private var place: [Int32]
    /// The fields the record needed, in the order evaluated.
    private var evaluated: [Evaluated] = []
    private var labelSets: [Int32]
    private var madeLabels: [[SeriesKey.Label]] = []

    private struct Evaluated {
        var value: Result<ExpressionValue, ExpressionError>
        /// Its text as a label, once asked for.
        var text: String?
    }

    init(_ routing: RoutingTable, _ bag: AttributeBag) {
        self.routing = routing
        self.bag = bag
        place = Array(repeating: -1, count: routing.fields.count)
        labelSets = Array(repeating: -1, count: routing.labelSets.count)
    }

    mutating func value(_ field: Int) -> Result<ExpressionValue, ExpressionError> {
        evaluated[index(of: field)].value
    }

    private mutating func index(of field: Int) -> Int {
        if place[field] >= 0 { return Int(place[field]) }
        evaluated.append(Evaluated(value: ExpressionEvaluator().evaluate(routing.fields[field], in: bag)))
        place[field] = Int32(evaluated.count - 1)
        return evaluated.count - 1
    }

    /// Label set `index` with its values stringified as the adapter does;
    /// its fields must have evaluated.
    mutating func labels(_ index: Int) -> [SeriesKey.Label] {
        if labelSets[index] >= 0 { return madeLabels[Int(labelSets[index])] }
        let set = routing.labelSets[index]
        var labels: [SeriesKey.Label] = []
        labels.reserveCapacity(set.names.count)
        for (name, field) in zip(set.names, set.fields) { labels.append(SeriesKey.Label(name: name, value: text(field))) }
        madeLabels.append(labels)
        labelSets[index] = Int32(madeLabels.count - 1)
        return labels
    }

    private mutating func text(_ field: Int) -> String {
        let at = index(of: field)
        if let known = evaluated[at].text { return known }
        let text = (try? evaluated[at].value.get()).map(Stringify.text) ?? ""
        evaluated[at].text = text
        return text
    }
}
