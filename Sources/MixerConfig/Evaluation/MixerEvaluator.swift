import MixerDecode

/// The decoder's view of Mixer: each Report goes through the modelled
/// Mixer (``MixerModel``) of its configuration in force, each record gets
/// a ``MixerEvaluation`` (rules, series), and the findings about metrics
/// come from that evaluation, naming the rule and expression involved.
///
///     let configurations = ConfigurationsInForce(release: nil)
///     let diagnostics = Diagnostics.standard.evaluating(with: MixerEvaluator(configurations))
public struct MixerEvaluator: RecordEvaluator {
    public let configurations: ConfigurationsInForce

    public init(_ configurations: ConfigurationsInForce) {
        self.configurations = configurations
    }

    public var catalogue: [FindingDescription] { EvaluatedFindings.catalogue }

    public func evaluate(_ request: inout ResolvedRequest, skipping: Set<FindingCode>) {
        guard request.message == .report, !request.records.isEmpty, let (entry, choice) = configurations.entry(for: request) else { return }
        let label = "\(entry.label) (release from \(choice.reason))"
        var model = MixerModel(configuration: entry.configuration, cluster: configurations.cluster)
        let outcome = model.receive(request)
        let findings = entry.findings
        let snapshot = request
        for (index, dispatch) in zip(request.records.indices, outcome.records) {
            var evaluation = Self.evaluation(dispatch, label: label)
            evaluation.notShownWhole = dispatch.unseen
            evaluation.needClusterState = Self.labelsNeedingClusterState(dispatch, entry.findings)
            if let rejected = outcome.rejected { evaluation.notDispatched = rejected }
            request.records[index].mixer = evaluation
            let context = RecordContext(record: snapshot.records[index], request: snapshot)
            request.records[index].findings += findings.findings(context, dispatch).filter { !skipping.contains($0.code) }
        }
        markReleaseDependence(&request, primary: outcome, release: choice.release)
    }

    /// Looks at the Report with each other release its proxy can be: a
    /// record whose matching rules would feed other metrics there says so,
    /// and claims nothing about them. Only the rules' conditions are
    /// compared (on the attributes sent; instance errors are not): what
    /// differs between the releases of one dictionary is their conditions.
    private func markReleaseDependence(_ request: inout ResolvedRequest, primary: MixerModel.ReportOutcome, release: IstioRelease) {
        let mine = configurations.entry(for: release).findings
        for other in configurations.otherCandidates(for: request) {
            let theirs = configurations.entry(for: other.release).findings
            let dispatcher = RecordDispatcher(config: theirs.configuration, cluster: nil)
            // Rules written alike in both releases match alike: only the others are evaluated again.
            let sameRules = Set(theirs.configuration.rules.filter { rule in
                mine.configuration.rules.contains { $0.fullName == rule.fullName && $0.matchText == rule.matchText }
            }.map(\.fullName))
            for (index, dispatch) in zip(request.records.indices, primary.records) where dispatch.notDispatched == nil {
                let matched = Set(dispatch.rules.filter { $0.result == .matched }.map(\.rule))
                let metrics = Set(matched.flatMap { mine.metricsByRule[$0] ?? [] })
                let rules = dispatcher.rules(for: dispatch.namespace).filter { theirs.metricsByRule[$0.fullName] != nil }
                let differing = rules.filter { !sameRules.contains($0.fullName) }
                let bag = differing.isEmpty ? [:] : RecordBag.values(of: request.records[index], manifest: theirs.configuration.manifest)
                let others = Set(rules.filter { rule in
                    sameRules.contains(rule.fullName) ? matched.contains(rule.fullName) : RecordDispatcher.match(rule, bag) == .matched
                }.flatMap { theirs.metricsByRule[$0.fullName] ?? [] })
                guard metrics != others, request.records[index].mixer?.releaseDependent == nil else { continue }
                mark(&request.records[index], gained: others.subtracting(metrics), lost: metrics.subtracting(others), other.release, release)
            }
        }
    }

    private func mark(_ record: inout ResolvedRecord, gained: Set<String>, lost: Set<String>, _ other: IstioRelease, _ release: IstioRelease) {
        var parts: [String] = []
        if !gained.isEmpty { parts.append("Mixer \(other) would also count it in \(gained.sorted().joined(separator: ", "))") }
        if !lost.isEmpty { parts.append("Mixer \(other) would not count it in \(lost.sorted().joined(separator: ", "))") }
        let dependence = parts.joined(separator: "; ") + " (the proxy's dictionary fits both \(other.minorName) and \(release.minorName); say --release)"
        record.mixer?.releaseDependent = dependence
        // What the findings about metrics say holds for one release only.
        for finding in record.findings.indices where Diagnostics.evaluationCodes.contains(record.findings[finding].code) {
            record.findings[finding].message += " (for Mixer \(release); \(dependence))"
        }
    }

    /// Labels reading "unknown" because a pod the uids name could not be
    /// looked up without the cluster state.
    static func labelsNeedingClusterState(_ dispatch: RecordDispatch, _ findings: EvaluatedFindings) -> [String] {
        guard !dispatch.inferredPods.isEmpty else { return [] }
        var labels: [String] = []
        for update in dispatch.series {
            for label in update.series?.labels ?? [] where label.value == "unknown" && !labels.contains(label.name) {
                guard let side = findings.labelSources[update.instance]?[label.name]?.podSide, dispatch.inferredPods[side] != nil else { continue }
                labels.append(label.name)
            }
        }
        return labels
    }

    static func evaluation(_ dispatch: RecordDispatch, label: String) -> MixerEvaluation {
        var rules: [MixerEvaluation.Rule] = []
        var problems: [String] = []
        for rule in dispatch.rules {
            let reason: String? = switch rule.result {
            case .matched: nil
            case .notMatched(let because): because
            case .failed(let error), .unusable(let error): error
            case .otherProtocol(let tcp): "Mixer 0.8 runs it for \(tcp ? "tcp" : "non-tcp") records only"
            }
            rules.append(MixerEvaluation.Rule(name: rule.rule, matched: rule.result == .matched, reason: reason))
            problems += rule.instances.compactMap { instance in instance.error.map { "\(instance.instance): \($0)" } }
        }
        var series: [MixerEvaluation.Series] = []
        for update in dispatch.series {
            if let key = update.series {
                series.append(MixerEvaluation.Series(
                    metric: key.metric, labels: key.labels.map { MixerEvaluation.Label(name: $0.name, value: $0.value) }, amount: update.amount))
            }
            if let error = update.error { problems.append("\(update.handler): \(error)") }
        }
        return MixerEvaluation(mixer: label, notDispatched: dispatch.notDispatched, rules: rules, series: series, problems: problems)
    }
}
