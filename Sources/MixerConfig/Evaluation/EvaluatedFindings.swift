import MixerDecode

/// The findings about metrics, from what the configuration in force did
/// with a record: the rule whose condition failed or was false, with its
/// expression, and the metrics lost.
struct EvaluatedFindings: Sendable {
    let configuration: MixerConfiguration
    let hasClusterState: Bool
    /// Rule full name to the exposed metrics its Prometheus actions feed.
    let metricsByRule: [String: [String]]
    /// Rule full name to its condition as written.
    private let matchTexts: [String: String]
    /// By label set of the routing table, the labels that can read
    /// "unknown" for a reason worth saying (they read an attribute a pod or
    /// the service gives): their positions and sources. Worked out once.
    private let watched: [[(position: Int, source: LabelSource)]]

    /// A label's dimension: the first attribute it reads, the side
    /// (`source`, `destination`) whose pod gives that attribute, if one does,
    /// and why the label can read "unknown".
    struct LabelSource: Sendable {
        var attribute: AttributeName
        var podSide: String?
        /// The label and its expression as findings name them: ``label (`expression`)``.
        var described: String
        var cause: UnknownLabels.Cause
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
        matchTexts = Dictionary(configuration.rules.map { ($0.fullName, $0.matchText) }, uniquingKeysWith: { first, _ in first })
        let routing = configuration.routing
        watched = routing.labelSets.map { set in
            set.fields.enumerated().compactMap { position, field in
                guard let attribute = routing.fields[field].source.attributeNames.first else { return nil }
                guard let cause = UnknownLabels.cause(ofReading: attribute) else { return nil }
                let text = routing.fieldTexts[field]
                return (position, LabelSource(
                    attribute: AttributeName(attribute), podSide: UnknownLabels.podSide(of: attribute),
                    described: "\(set.names[position]) (`\(text)`)", cause: cause))
            }
        }
    }

    /// A label of the record's series that reads "unknown" and is worth a
    /// word (``LabelSource``).
    struct UnknownLabel {
        var name: String
        var source: LabelSource
    }

    /// The record's labels that read "unknown" and are worth a word, once
    /// per label and cause, in series order. Each label set is looked at
    /// once (series of one set have the same labels).
    func unknownLabels(_ dispatch: RecordDispatch) -> [UnknownLabel] {
        var seen: [Int] = []
        var labels: [UnknownLabel] = []
        for update in dispatch.series {
            guard let key = update.series, let set = update.labelSet, !seen.contains(set) else { continue }
            seen.append(set)
            for (position, source) in watched[set] where key.labels[position].value == "unknown" {
                let name = key.labels[position].name
                if !labels.contains(where: { $0.name == name && $0.source.cause == source.cause }) {
                    labels.append(UnknownLabel(name: name, source: source))
                }
            }
        }
        return labels
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

    /// `unknown`: the record's ``unknownLabels(_:)``, by cause.
    func findings(
        _ context: RecordContext, _ dispatch: RecordDispatch, unknown: [(cause: UnknownLabels.Cause, labels: [UnknownLabel])]
    ) -> [Finding] {
        guard context.isReport, dispatch.notDispatched == nil else { return [] }
        var findings = missingProtocol(context, dispatch)
        findings.append(contentsOf: tcpProtocol(context, dispatch))
        findings.append(contentsOf: probe(context, dispatch))
        if !unknown.isEmpty { findings.append(contentsOf: UnknownLabels(owner: self).findings(context, unknown)) }
        return findings
    }

    /// Rules sending to Prometheus, with their outcome.
    func prometheusRules(_ dispatch: RecordDispatch) -> [RuleOutcome] {
        dispatch.rules.filter { metricsByRule[$0.rule] != nil }
    }

    func matchText(_ rule: String) -> String {
        matchTexts[rule] ?? ""
    }

    /// Whether a reason names `text`, compared as bytes (the generic
    /// searches compare as Unicode text, at a cost a record at a time shows).
    static func mentions(_ reason: String, _ text: String) -> Bool {
        var reason = reason
        var text = text
        return reason.withUTF8 { haystack in
            text.withUTF8 { needle in
                guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    if (1..<needle.count).allSatisfy({ haystack[start + $0] == needle[$0] }) { return true }
                }
                return false
            }
        }
    }

    static func shortName(_ rule: String) -> String { String(rule.prefix { $0 != "." }) }

    static func list(_ names: [String]) -> String {
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        return seen.joined(separator: ", ")
    }

    private func missingProtocol(_ context: RecordContext, _ dispatch: RecordDispatch) -> [Finding] {
        guard context.isAbsent(.contextProtocol) else { return [] }
        let failing = prometheusRules(dispatch).filter {
            if case .failed(let error) = $0.result { return Self.mentions(error, "'context.protocol'") }
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
        guard context.string(.contextProtocol) == "tcp" else { return [] }
        let excluded = prometheusRules(dispatch).filter {
            switch $0.result {
            case .notMatched(let because): return Self.mentions(because, "context.protocol")
            case .otherProtocol(let tcp): return !tcp
            default: return false
            }
        }
        let got = Set(dispatch.series.compactMap(\.series?.metric))
        let missing = excluded.flatMap { metricsByRule[$0.rule] ?? [] }.filter { !got.contains($0) }
        guard let first = excluded.first, !missing.isEmpty else { return [] }
        let counted = got.isEmpty ? "no series" : "only \(got.sorted().joined(separator: ", "))"
        let destination = Destination(context.record)
        if let port = destination.port, ProtocolFix.wellKnownTCPPorts.contains(port) {
            return [context.finding(
                .tcpProtocol, .note,
                "context.protocol is \"tcp\" for \(destination): port \(port) is a well-known TCP service, so \(counted) is expected",
                attribute: "context.protocol")]
        }
        let reporter = context.string(.contextReporterKind).map { " (\($0) report)" } ?? ""
        return [context.finding(
            .tcpProtocol, .warning,
            "context.protocol is \"tcp\"\(reporter): traffic to \(destination) is in \(counted), never in \(Self.list(missing)): the condition of rule \(Self.shortName(first.rule)) (`\(matchText(first.rule))`) is false for tcp; the proxy handled the port as plain TCP because its name carries no protocol",
            attribute: "context.protocol", fix: ProtocolFix.portFix(context, destination))]
    }

    private func probe(_ context: RecordContext, _ dispatch: RecordDispatch) -> [Finding] {
        guard let agent = context.string(.requestUserAgent) else { return [] }
        let kind = agent.hasPrefix("kube-probe") ? "a Kubernetes health check" : agent.hasPrefix("Prometheus") ? "a Prometheus scrape" : nil
        guard let kind else { return [] }
        let left = prometheusRules(dispatch).filter {
            if case .notMatched(let because) = $0.result { return Self.mentions(because, "request.useragent") }
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
