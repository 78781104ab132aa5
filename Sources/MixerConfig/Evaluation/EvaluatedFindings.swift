import MixerDecode

/// The findings about metrics, from what the configuration in force did
/// with a record: the rule whose condition failed or was false, with its
/// expression, and the metrics lost.
struct EvaluatedFindings: Sendable {
    let configuration: MixerConfiguration
    let hasClusterState: Bool
    /// Rule full name to the exposed metrics its Prometheus actions feed.
    let metricsByRule: [String: [String]]
    /// Instance full name to dimension name to where its value comes from:
    /// worked out once, looked up for the labels that read "unknown".
    let labelSources: [String: [String: LabelSource]]

    /// A dimension's expression, the first attribute it reads, and the side
    /// (`source`, `destination`) whose pod gives that attribute, if one does.
    struct LabelSource: Sendable {
        var expression: String
        var attribute: String
        var podSide: String?
    }

    init(configuration: MixerConfiguration, hasClusterState: Bool) {
        self.configuration = configuration
        self.hasClusterState = hasClusterState
        var metrics: [String: [String]] = [:]
        for rule in configuration.rules {
            for action in rule.actions {
                guard case .prometheus(let params)? = configuration.handlers[action.handler]?.body else { continue }
                metrics[rule.fullName, default: []] += params.metrics.filter { action.instances.contains($0.instanceName) }.map(\.exposedName)
            }
        }
        metricsByRule = metrics
        var sources: [String: [String: LabelSource]] = [:]
        for (name, instance) in configuration.instances {
            guard case .metric(let metric) = instance.body else { continue }
            for dimension in metric.dimensions {
                guard let attribute = UnknownLabels.firstAttribute(dimension.expression.expression) else { continue }
                sources[name, default: [:]][dimension.name] = LabelSource(
                    expression: dimension.expression.text, attribute: attribute, podSide: UnknownLabels.podSide(of: attribute))
            }
        }
        labelSources = sources
    }

    static let catalogue: [FindingDescription] = [
        FindingDescription(
            code: .missingProtocol,
            summary: "No context.protocol: the metric rules' conditions cannot evaluate, Mixer treats them as false, and the request is in no istio_* series.",
            example: "a Report record with request.* attributes but no context.protocol"),
        FindingDescription(
            code: .tcpProtocol,
            summary: "context.protocol is tcp: the rules for request metrics are false, so the traffic is only in istio_tcp_* series.",
            example: "details on a VM registered with `istioctl register details 10.244.3.0 9080`: its sidecar reports context.protocol \"tcp\""),
        FindingDescription(
            code: .probeExcluded,
            summary: "A health check or scrape that a rule's condition leaves out of the request metrics on purpose (or, in releases without that condition, counts).",
            example: "request.useragent \"kube-probe/1.15\" on an inbound record"),
        FindingDescription(
            code: .unknownLabel,
            summary: "Labels of the record's series read \"unknown\": their expression fell back because an attribute is absent (no destination.service.host, or no pod the kubernetesenv adapter could find).",
            example: "an inbound report of a VM's sidecar: no destination.uid"),
    ]

    func findings(_ context: RecordContext, _ dispatch: RecordDispatch) -> [Finding] {
        guard context.isReport, dispatch.notDispatched == nil else { return [] }
        return missingProtocol(context, dispatch) + tcpProtocol(context, dispatch) + probe(context, dispatch)
            + UnknownLabels(owner: self).findings(context, dispatch)
    }

    /// Rules sending to Prometheus, with their outcome.
    func prometheusRules(_ dispatch: RecordDispatch) -> [RuleOutcome] {
        dispatch.rules.filter { metricsByRule[$0.rule] != nil }
    }

    func matchText(_ rule: String) -> String {
        configuration.rules.first { $0.fullName == rule }?.matchText ?? ""
    }

    static func shortName(_ rule: String) -> String { String(rule.prefix { $0 != "." }) }

    static func list(_ names: [String]) -> String {
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        return seen.joined(separator: ", ")
    }

    private func missingProtocol(_ context: RecordContext, _ dispatch: RecordDispatch) -> [Finding] {
        guard context.isAbsent("context.protocol") else { return [] }
        let failing = prometheusRules(dispatch).filter {
            if case .failed(let error) = $0.result { return error.contains("'context.protocol'") }
            return false
        }
        if let first = failing.first {
            let rules = Self.list(failing.map { Self.shortName($0.rule) })
            let metrics = Self.list(failing.flatMap { metricsByRule[$0.rule] ?? [] })
            return [context.finding(
                .missingProtocol, .error,
                "no context.protocol for \(context.destination): the condition of rule \(rules) (`\(matchText(first.rule))`) cannot evaluate (lookup failed: 'context.protocol'), Mixer treats that as false and tells no one: this request is in none of \(metrics)",
                attribute: "context.protocol", fix: ProtocolFix.portFix(context))]
        }
        let counted = prometheusRules(dispatch).filter { $0.result == .matched }
        guard configuration.server.splitsRulesByProtocol, !counted.isEmpty else { return [] }
        return [context.finding(
            .missingProtocol, .note,
            "no context.protocol for \(context.destination): \(configuration.server) runs rule \(Self.list(counted.map { Self.shortName($0.rule) })) for every record that is not tcp, so it is counted in \(Self.list(dispatch.series.compactMap(\.series?.metric))); from 1.0 on, the rules' conditions read context.protocol and it would be counted nowhere",
            attribute: "context.protocol")]
    }

    private func tcpProtocol(_ context: RecordContext, _ dispatch: RecordDispatch) -> [Finding] {
        guard context.string("context.protocol") == "tcp" else { return [] }
        let excluded = prometheusRules(dispatch).filter {
            switch $0.result {
            case .notMatched(let because): return because.contains("context.protocol")
            case .otherProtocol(let tcp): return !tcp
            default: return false
            }
        }
        let got = Set(dispatch.series.compactMap(\.series?.metric))
        let missing = excluded.flatMap { metricsByRule[$0.rule] ?? [] }.filter { !got.contains($0) }
        guard let first = excluded.first, !missing.isEmpty else { return [] }
        let counted = got.isEmpty ? "no series" : "only \(got.sorted().joined(separator: ", "))"
        if let port = Destination(context.record).port, ProtocolFix.wellKnownTCPPorts.contains(port) {
            return [context.finding(
                .tcpProtocol, .note,
                "context.protocol is \"tcp\" for \(context.destination): port \(port) is a well-known TCP service, so \(counted) is expected",
                attribute: "context.protocol")]
        }
        let reporter = context.string("context.reporter.kind").map { " (\($0) report)" } ?? ""
        return [context.finding(
            .tcpProtocol, .warning,
            "context.protocol is \"tcp\"\(reporter): traffic to \(context.destination) is in \(counted), never in \(Self.list(missing)): the condition of rule \(Self.shortName(first.rule)) (`\(matchText(first.rule))`) is false for tcp; the proxy handled the port as plain TCP because its name carries no protocol",
            attribute: "context.protocol", fix: ProtocolFix.portFix(context))]
    }

    private func probe(_ context: RecordContext, _ dispatch: RecordDispatch) -> [Finding] {
        guard let agent = context.string("request.useragent") else { return [] }
        let kind = agent.hasPrefix("kube-probe") ? "a Kubernetes health check" : agent.hasPrefix("Prometheus") ? "a Prometheus scrape" : nil
        guard let kind else { return [] }
        let left = prometheusRules(dispatch).filter {
            if case .notMatched(let because) = $0.result { return because.contains("request.useragent") }
            return false
        }
        if let first = left.first, case .notMatched(let because) = first.result {
            return [context.finding(
                .probeExcluded, .note,
                "user agent \(Finding.quoted(agent)) is \(kind): rule \(Self.shortName(first.rule)) leaves it out of \(Self.list(metricsByRule[first.rule] ?? [])) on purpose: \(because)",
                attribute: "request.useragent")]
        }
        let metrics = Set(dispatch.series.compactMap(\.series?.metric)).sorted()
        guard !metrics.isEmpty else { return [] }
        return [context.finding(
            .probeExcluded, .note,
            "user agent \(Finding.quoted(agent)) is \(kind); \(configuration.server)'s configuration counts it in \(metrics.joined(separator: ", ")): no rule condition reads the user agent",
            attribute: "request.useragent")]
    }
}
