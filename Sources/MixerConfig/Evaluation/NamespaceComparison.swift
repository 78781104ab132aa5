import MixerDecode

/// One namespace of a Report, looked at with another release the proxy
/// can be (``MixerEvaluator``'s release dependence): the metric rules that
/// run there in that release, those written otherwise than in the primary
/// one, and what each combination of matching rules was found to change.
struct NamespaceComparison {
    let namespace: String
    /// Their routes whose rules feed Prometheus metrics, in order.
    let rules: [RoutingTable.Route]
    /// Of those, the ones not written alike in both releases.
    let differing: [RoutingTable.Route]
    /// Every metric rule written alike and feeding the same metrics: every
    /// record counts alike, nothing to compare.
    let alike: Bool
    /// Records that matched alike in both get the same answer: by which
    /// rules matched in each, the metrics gained and lost (nil: none).
    var answers: [[Bool]: (gained: Set<String>, lost: Set<String>)?] = [:]

    init(_ namespace: String, mine: EvaluatedFindings, theirs: EvaluatedFindings, sameRules: Set<String>) {
        self.namespace = namespace
        rules = Self.metricRules(theirs, namespace)
        differing = rules.filter { !sameRules.contains($0.rule.fullName) }
        alike = rules.map(\.rule.fullName) == Self.metricRules(mine, namespace).map(\.rule.fullName)
            && rules.allSatisfy { sameRules.contains($0.rule.fullName) && theirs.metricsByRule[$0.rule.fullName] == mine.metricsByRule[$0.rule.fullName] }
    }

    /// The routes of `namespace` whose rules feed Prometheus metrics, in order.
    private static func metricRules(_ findings: EvaluatedFindings, _ namespace: String) -> [RoutingTable.Route] {
        let set = findings.configuration.routing.rules(for: namespace)
        return (set.preprocessing + set.report).filter { findings.metricsByRule[$0.rule.fullName] != nil }
    }
}
