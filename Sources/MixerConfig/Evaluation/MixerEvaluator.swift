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
        var model = MixerModel(configuration: entry.configuration, cluster: configurations.cluster, keepsSeries: false)
        let outcome = model.receive(request)
        let findings = entry.findings
        // Worked out on the request as it came, then written in: writing
        // while a context still held the request would copy every record.
        var made: [(evaluation: MixerEvaluation, findings: [Finding])] = []
        made.reserveCapacity(request.records.count)
        var partsByShape = DispatchPartsByShape()
        for (index, dispatch) in zip(request.records.indices, outcome.records) {
            let parts = partsByShape.parts(of: dispatch, findings)
            var evaluation = Self.evaluation(dispatch, parts, label: label)
            evaluation.notShownWhole = dispatch.unseen
            if let rejected = outcome.rejected { evaluation.notDispatched = rejected }
            let context = RecordContext(record: request.records[index], request: request)
            made.append((evaluation, findings.findings(context, dispatch, unknown: parts.unknownByCause).filter { !skipping.contains($0.code) }))
        }
        for (index, record) in zip(request.records.indices, made) {
            request.records[index].mixer = record.evaluation
            if !record.findings.isEmpty { request.records[index].findings += record.findings }
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
            // Rules written alike in both releases match alike: only the others are evaluated again.
            let sameRules = Set(theirs.configuration.rules.filter { rule in
                mine.configuration.rules.contains { $0.fullName == rule.fullName && $0.matchText == rule.matchText }
            }.map(\.fullName))
            // A namespace whose metric rules are all written alike, feeding
            // the same metrics, counts every record alike: nothing to compare.
            // Manifests alike type the record alike: the bag dispatch made
            // serves, when it holds what their rules read.
            let sameBag = theirs.configuration.manifest.types == mine.configuration.manifest.types
                && theirs.configuration.routing.reads.isCovered(by: mine.configuration.routing.reads)
            // The namespaces met, found by comparing names (a Report has one
            // or two, and its records share the name's storage), not by hashing.
            var namespaces: [NamespaceComparison] = []
            var outcomes = RuleOutcomes()
            let theirNames = theirs.configuration.manifest.names
            for (index, dispatch) in zip(request.records.indices, primary.records) where dispatch.notDispatched == nil {
                let place = namespaces.firstIndex { $0.namespace == dispatch.namespace } ?? {
                    namespaces.append(NamespaceComparison(dispatch.namespace, mine: mine, theirs: theirs, sameRules: sameRules))
                    return namespaces.count - 1
                }()
                guard !namespaces[place].alike else { continue }
                let (rules, differing) = (namespaces[place].rules, namespaces[place].differing)
                let bag = differing.isEmpty ? AttributeBag(names: theirs.configuration.manifest.names)
                    : sameBag ? primary.bag(at: index) ?? AttributeBag(request.records[index], manifest: theirs.configuration.manifest)
                    : AttributeBag(request.records[index], manifest: theirs.configuration.manifest)
                let key = dispatch.rules.map { $0.result == .matched } + differing.map { outcomes.result($0, bag, manifest: theirNames) == .matched }
                let answer: (gained: Set<String>, lost: Set<String>)?
                if let known = namespaces[place].answers[key] {
                    answer = known
                } else {
                    let matched = Set(dispatch.rules.filter { $0.result == .matched }.map(\.rule))
                    let metrics = Set(matched.flatMap { mine.metricsByRule[$0] ?? [] })
                    let others = Set(rules.filter { route in
                        sameRules.contains(route.rule.fullName) ? matched.contains(route.rule.fullName) : outcomes.result(route, bag, manifest: theirNames) == .matched
                    }.flatMap { theirs.metricsByRule[$0.rule.fullName] ?? [] })
                    answer = metrics == others ? nil : (others.subtracting(metrics), metrics.subtracting(others))
                    namespaces[place].answers[key] = answer
                }
                guard let answer, request.records[index].mixer?.releaseDependent == nil else { continue }
                mark(&request.records[index], gained: answer.gained, lost: answer.lost, other.release, release)
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

    /// The record's evaluation: what its dispatch shape gave (`parts`),
    /// and its own series.
    static func evaluation(_ dispatch: RecordDispatch, _ parts: DispatchParts, label: String) -> MixerEvaluation {
        var series: [MixerEvaluation.Series] = []
        series.reserveCapacity(dispatch.series.count)
        var problems = parts.instanceProblems
        for update in dispatch.series {
            if let key = update.series {
                series.append(MixerEvaluation.Series(metric: key.metric, labels: key.labels, amount: update.amount))
            }
            if let error = update.error { problems.append("\(update.handler): \(error)") }
        }
        var evaluation = MixerEvaluation(
            mixer: label, notDispatched: dispatch.notDispatched, rules: parts.rules, series: series, problems: problems,
            needClusterState: parts.needClusterState, unknownLabels: parts.unknownLabelNames)
        evaluation.shape = parts.shape
        return evaluation
    }
}
