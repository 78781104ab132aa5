/// What the Mixer in force made of one record: the rules that matched and
/// why the others did not, and the series the record adds. The decoder
/// does not compute it (it knows no configuration); an evaluator such as
/// the MixerConfig module's fills ``ResolvedRecord/mixer`` in.
public struct MixerEvaluation: Sendable {
    public struct Rule: Sendable, Equatable {
        /// Full name: `promhttp.rule.istio-system`.
        public var name: String
        public var matched: Bool
        /// Why it did not match (the false part of its condition, or the
        /// error); nil when it matched.
        public var reason: String?

        public init(name: String, matched: Bool, reason: String?) {
            self.name = name
            self.matched = matched
            self.reason = reason
        }
    }

    public struct Series: Sendable, Equatable {
        /// Exposed name: `istio_requests_total`.
        public var metric: String
        /// In the handler's label order.
        public var labels: [Label]
        /// What the record adds (a counter's increment, a histogram's observation).
        public var amount: Double

        public init(metric: String, labels: [Label], amount: Double) {
            self.metric = metric
            self.labels = labels
            self.amount = amount
        }
    }

    public struct Label: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Which Mixer and configuration: `Mixer 1.1.6, Istio's 1.1.3-1.1.17 defaults`.
    public var mixer: String
    /// Why Mixer dispatched nothing for the record, when it did not.
    public var notDispatched: String?
    /// Why the input cannot tell all Mixer made of the record (damaged, or
    /// cut): rules are evaluated on what it shows; ``series`` is empty.
    public var notShownWhole: String?
    // Changing what a shape shares makes the evaluation its own.
    public var rules: [Rule] { didSet { shape = nil } }
    public var series: [Series] { didSet { shape = nil } }
    /// Instances Mixer could not build and values the adapter refused.
    public var problems: [String]
    /// Labels that read "unknown" here only because the cluster state
    /// Mixer had is not given: the record's uids name pods (inferred, not
    /// known), which Mixer resolved if it found them.
    public var needClusterState: [String] { didSet { shape = nil } }
    /// When the release is not known and another release the proxy can be
    /// makes other metrics of the record: what differs, said.
    public var releaseDependent: String?
    /// The labels of ``series`` that read "unknown", each once, in the order
    /// first seen. Kept apart from the series because a record's series
    /// mostly share one label set: an evaluator that knows which do (the
    /// MixerConfig module's) scans each set once, not every series.
    public var unknownLabels: [String]

    /// Evaluations holding the same object here share their rules, label
    /// sets, metrics (in order) and needClusterState: an evaluator sets it
    /// when it knows (records of one dispatch shape), so that renderers
    /// write those once. Nil: nothing is known to be shared.
    package var shape: EvaluationShape?

    /// `unknownLabels`: nil to find them in `series`.
    public init(
        mixer: String, notDispatched: String?, rules: [Rule], series: [Series], problems: [String],
        needClusterState: [String] = [], unknownLabels: [String]? = nil
    ) {
        self.mixer = mixer
        self.notDispatched = notDispatched
        self.rules = rules
        self.series = series
        self.problems = problems
        self.needClusterState = needClusterState
        self.unknownLabels = unknownLabels ?? Self.unknownLabels(in: series.map(\.labels))
    }

    /// The labels that read "unknown" in `labelLists`, each once, in order.
    package static func unknownLabels(in labelLists: [[Label]]) -> [String] {
        var names: [String] = []
        for labels in labelLists {
            for label in labels where label.value == "unknown" && !names.contains(label.name) {
                names.append(label.name)
            }
        }
        return names
    }
}

/// An identity only: see ``MixerEvaluation/shape``.
package final class EvaluationShape: Sendable {
    package init() {}
}
