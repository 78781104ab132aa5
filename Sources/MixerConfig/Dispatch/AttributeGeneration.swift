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
        var attributes: [String: ExpressionValue]
    }

    struct GenerationError: Error {
        var message: String
    }

    struct Failure: Error {
        var rules: [RuleOutcome]
        var message: String
    }

    func run(_ rules: [RuleConfig], on bag: [String: ExpressionValue]) -> Result<Generated, Failure> {
        var generated = Generated(rules: [], attributes: [:])
        for rule in rules {
            var outcome = RuleOutcome(rule: rule.fullName, result: RecordDispatcher.match(rule, bag), instances: [], generatesAttributes: true)
            defer { generated.rules.append(outcome) }
            guard outcome.result == .matched else { continue }
            for action in rule.actions {
                for name in action.instances {
                    guard case .kubernetes(let instance)? = config.instances[name]?.body else { continue }
                    outcome.instances.append(InstanceOutcome(instance: name, handler: action.handler, metric: nil, error: nil))
                    switch generate(instance, bag) {
                    case .success(let attributes):
                        // The first value of a name wins (`Merge` refuses overrides).
                        generated.attributes.merge(attributes) { first, _ in first }
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

    private func generate(_ instance: KubernetesInstance, _ bag: [String: ExpressionValue]) -> Result<[String: ExpressionValue], GenerationError> {
        var input = KubernetesEnvInput(sourceUID: "", sourceIP: [], destinationUID: "", destinationIP: [], destinationPort: 0)
        for (field, compiled) in instance.inputs {
            switch ExpressionEvaluator().evaluate(compiled.expression, attributes: bag) {
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
        var outBag = bag
        for (field, value) in output { outBag[KubernetesTemplate.outputPrefix + field] = value }
        var attributes: [String: ExpressionValue] = [:]
        for (attribute, compiled) in instance.bindings {
            switch ExpressionEvaluator().evaluate(compiled.expression, attributes: outBag) {
            case .success(let value): attributes[attribute] = value
            case .failure(let error): return .failure(GenerationError(message: "\(attribute): \(error.message)"))
            }
        }
        return .success(attributes)
    }
}
