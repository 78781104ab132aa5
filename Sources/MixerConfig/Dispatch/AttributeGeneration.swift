import MixerDecode

/// Mixer's preprocessing step: the kubernetesenv adapter's rules that
/// match build the `kubernetes` instance, the adapter answers, and its
/// attribute bindings give new attributes (istio/istio
/// `1.1.6:mixer/pkg/runtime/dispatcher/session.go`, `Preprocess`). The
/// result never overrides what the record sent (`MutableBag.Merge`), and an
/// error anywhere drops the whole record.
struct AttributeGeneration {
    let config: MixerConfiguration
    let cluster: ClusterState?

    struct Generated {
        var rules: [RuleOutcome]
        /// In the order made; where a name comes twice the first value wins
        /// (`Merge` refuses overrides).
        var attributes: [KubernetesInstance.Binding]
    }

    struct GenerationError: Error {
        var message: String
    }

    struct Failure: Error {
        var rules: [RuleOutcome]
        var message: String
    }

    /// `results`: each route's rule on the bag.
    func run(_ routes: [RoutingTable.Route], _ results: [RuleOutcome.Result], on bag: AttributeBag) -> Result<Generated, Failure> {
        var generated = Generated(rules: [], attributes: [])
        for (route, result) in zip(routes, results) {
            var outcome = RuleOutcome(rule: route.rule.fullName, result: result, instances: [], generatesAttributes: true)
            defer { generated.rules.append(outcome) }
            guard outcome.result == .matched else { continue }
            for action in route.actions {
                for routed in action.instances {
                    guard case .kubernetes(let instance)? = routed.body else { continue }
                    outcome.instances.append(InstanceOutcome(instance: routed.name, handler: action.handler, error: nil))
                    switch generate(instance, bag) {
                    case .success(let attributes):
                        if generated.attributes.isEmpty { generated.attributes = attributes } else { generated.attributes += attributes }
                    case .failure(let error):
                        let message = error.message
                        outcome.instances[outcome.instances.count - 1].error = message
                        generated.rules.append(outcome)
                        return .failure(Failure(rules: generated.rules, message: message))
                    }
                }
            }
        }
        return .success(generated)
    }

    private func generate(_ instance: KubernetesInstance, _ bag: AttributeBag) -> Result<[KubernetesInstance.Binding], GenerationError> {
        var input = KubernetesEnvInput(sourceUID: "", sourceIP: [], destinationUID: "", destinationIP: [], destinationPort: 0)
        for (field, compiled) in instance.inputs {
            switch ExpressionEvaluator().evaluate(compiled.compiled, in: bag) {
            case .failure(let error): return .failure(GenerationError(message: "\(field): \(error.message)"))
            case .success(.string(let text)) where field == "source_uid": input.sourceUID = text
            case .success(.string(let text)) where field == "destination_uid": input.destinationUID = text
            case .success(.ipAddress(let bytes)) where field == "source_ip": input.sourceIP = bytes
            case .success(.ipAddress(let bytes)) where field == "destination_ip": input.destinationIP = bytes
            case .success(.int64(let port)) where field == "destination_port": input.destinationPort = port
            case .success: continue
            }
        }
        let output = KubernetesEnvAdapter.generate(input, cluster: cluster, release: (config.server.release.major, config.server.release.minor))
        // No output set: bindings that read only `$out` give their fallbacks, the same every time.
        if output.isEmpty, let constant = instance.bindingsWithoutOutputs { return .success(constant) }
        // `$out.x` is present only when the adapter set x (`out.WasSet`).
        var outBag = bag.slotted(by: instance.bindingNames)
        for (field, value) in output { outBag[KubernetesTemplate.outputPrefix + field] = value }
        var attributes: [KubernetesInstance.Binding] = []
        for ((attribute, compiled), slot) in zip(instance.bindings, instance.bindingSlots) {
            switch ExpressionEvaluator().evaluate(compiled.compiled, in: outBag) {
            case .success(let value): attributes.append(KubernetesInstance.Binding(name: attribute, slot: slot, value: value))
            case .failure(let error): return .failure(GenerationError(message: "\(attribute): \(error.message)"))
            }
        }
        return .success(attributes)
    }
}
