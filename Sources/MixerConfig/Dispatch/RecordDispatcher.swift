import MixerDecode

/// One record through Mixer's dispatch (istio/istio
/// `1.1.6:mixer/pkg/api/grpcServer.go`, `dispatchSingleReport`, and
/// `mixer/pkg/runtime/dispatcher/session.go`): the kubernetesenv attribute
/// generation first, then every rule of the record's namespace, and the
/// instances of the rules that match.
struct RecordDispatcher {
    let config: MixerConfiguration
    let cluster: ClusterState?

    /// The outcome, and the metric instances for each handler in rule order.
    func dispatch(_ sent: [String: ExpressionValue], index: Int) -> (RecordDispatch, [(handler: String, instance: String, metric: BuiltMetric)]) {
        var outcome = RecordDispatch(
            recordIndex: index, namespace: RecordBag.identityNamespace(sent), notDispatched: nil, generated: [], rules: [],
            series: [], time: RecordBag.time(of: sent))
        outcome.destination = RecordBag.destination(of: sent)
        if cluster == nil {
            for side in ["source", "destination"] {
                guard case .string(let text)? = sent[side + ".uid"], let pod = KubernetesEnvAdapter.inferredFromUID(text) else { continue }
                outcome.inferredPods[side] = "\(pod.pod).\(pod.namespace)"
            }
        }
        let set = rules(for: outcome.namespace)
        var bag = sent
        switch AttributeGeneration(config: config, cluster: cluster).run(set.filter(generatesAttributes), on: sent) {
        case .failure(let failure):
            outcome.rules = failure.rules
            outcome.notDispatched = "preprocessing attributes failed: \(failure.message): Mixer dispatches nothing for this record"
            return (outcome, [])
        case .success(let generation):
            outcome.rules = generation.rules
            for (name, value) in generation.attributes where bag[name] == nil {
                bag[name] = value
                outcome.generated.append(name)
            }
            outcome.generated.sort()
        }
        // Report runs on the bag with the generated attributes: its namespace again.
        outcome.namespace = RecordBag.identityNamespace(bag)
        var built: [(String, String, BuiltMetric)] = []
        for rule in rules(for: outcome.namespace) where !generatesAttributes(rule) {
            var ruleOutcome = RuleOutcome(rule: rule.fullName, result: Self.match(rule, bag), instances: [], generatesAttributes: false)
            if ruleOutcome.result == .matched {
                for action in rule.actions {
                    for name in action.instances {
                        let instance = build(name, handler: action.handler, bag)
                        ruleOutcome.instances.append(instance)
                        if let metric = instance.metric { built.append((action.handler, name, metric)) }
                    }
                }
            }
            outcome.rules.append(ruleOutcome)
        }
        return (outcome, built)
    }

    /// The rules of `namespace`: Mixer's default namespace's first, then
    /// the namespace's own; a namespace without rules gets the default's
    /// (`1.1.6:mixer/pkg/runtime/routing/builder.go`).
    func rules(for namespace: String) -> [RuleConfig] {
        let defaults = config.rules.filter { $0.namespace == config.defaultNamespace }
        guard namespace != config.defaultNamespace else { return defaults }
        return defaults + config.rules.filter { $0.namespace == namespace }
    }

    func generatesAttributes(_ rule: RuleConfig) -> Bool {
        rule.actions.contains { config.handlers[$0.handler]?.adapter == "kubernetesenv" }
    }

    /// The rule's condition on the bag (`routing/table.go`, `Matches`): an
    /// error counts as false.
    static func match(_ rule: RuleConfig, _ bag: [String: ExpressionValue]) -> RuleOutcome.Result {
        if let reason = rule.unusable { return .unusable(reason) }
        if let tcpOnly = rule.tcpOnly {
            let isTCP = bag["context.protocol"] == .string("tcp")
            if tcpOnly != isTCP { return .otherProtocol(tcp: tcpOnly) }
        }
        guard let condition = rule.match else { return .matched }
        switch ExpressionEvaluator().evaluate(condition.expression, attributes: bag) {
        case .success(.bool(true)): return .matched
        case .success:
            return .notMatched(because: ConditionExplanation.describe(ConditionExplanation.falsePart(condition.expression, bag), bag))
        case .failure(let error):
            return .failed("input set condition evaluation error: \(error.message)")
        }
    }

    /// One instance for one handler (`dispatcher/session.go`): a field that
    /// fails leaves the instance out (`error creating instance`).
    private func build(_ name: String, handler: String, _ bag: [String: ExpressionValue]) -> InstanceOutcome {
        var outcome = InstanceOutcome(instance: name, handler: handler, metric: nil, error: nil)
        guard case .metric(let metric)? = config.instances[name]?.body else { return outcome }
        let evaluator = ExpressionEvaluator()
        do throws(Failure) {
            let value = try evaluator.evaluate(metric.value.expression, attributes: bag).mapError { Failure(field: "Value", error: $0) }.get()
            var dimensions: [(String, ExpressionValue)] = []
            for dimension in metric.dimensions {
                let result = evaluator.evaluate(dimension.expression.expression, attributes: bag)
                dimensions.append((dimension.name, try result.mapError { Failure(field: "Dimensions[\(dimension.name)]", error: $0) }.get()))
            }
            outcome.metric = BuiltMetric(value: value, dimensions: dimensions)
        } catch {
            // Mixer's words (`template.gen.go`, the instance builders).
            outcome.error = "evaluation failed at [\(name)]'\(error.field)': '\(error.error.message)'"
        }
        return outcome
    }

    private struct Failure: Error {
        var field: String
        var error: ExpressionError
    }
}
