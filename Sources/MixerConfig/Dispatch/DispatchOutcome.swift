import MixerDecode

/// What Mixer did with one record: the rules that matched and why the
/// others did not, the instances built, and the series they moved.
public struct RecordDispatch: Sendable {
    public var recordIndex: Int
    /// The namespace whose rules ran (see ``RecordBag``).
    public var namespace: String
    /// The service (else workload, else uid) the record was for, to group by.
    public var destination: String = "unknown"
    /// Why Mixer dispatched nothing for the record, when it did not.
    public var notDispatched: String?
    /// Why the input cannot tell all Mixer made of the record (a damaged
    /// or cut record): its rules are evaluated on what is shown, its series
    /// are not counted.
    public var unseen: String?
    /// Without cluster state: the pods the record's Kubernetes uids name
    /// (`pod.namespace`), by side (`source`, `destination`), inferred from
    /// the uids only. Mixer had their workload, app and version if it found
    /// them; here they read "unknown".
    public var inferredPods: [String: String] = [:]
    public var rules: [RuleOutcome]
    /// Filled when the Report's instances reach their handlers.
    public var series: [SeriesUpdate]
    public var time: ProtoTimestamp?
    /// The dispatch shape it was, within its Report, when remembered
    /// (``DispatchShapes``): records of one shape matched the same rules and
    /// built the same labels.
    var shape: Int?
}

public struct RuleOutcome: Sendable {
    public enum Result: Sendable, Equatable {
        case matched
        /// The condition was false: the part that decided it.
        case notMatched(because: String)
        /// The condition could not be evaluated (Mixer logs `input set
        /// condition evaluation error` and treats it as false).
        case failed(String)
        /// Mixer cannot use the rule at all (its condition does not compile).
        case unusable(String)
        /// Mixer 0.8: the rule is for the other protocol family.
        case otherProtocol(tcp: Bool)
    }

    public var rule: String
    public var result: Result
    public var instances: [InstanceOutcome]
    /// True for the kubernetesenv rules run before the others.
    public var generatesAttributes: Bool
}

public struct InstanceOutcome: Sendable {
    public var instance: String
    public var handler: String
    /// Mixer's `evaluation failed at [instance]'field': 'error'`.
    public var error: String?
}

/// A metric instance as its Prometheus handler gets it: the value, and the
/// dimensions as the labels of its metric (stringified, in the metric's
/// order); nil labels when the handler has no metric for the instance or
/// its dimensions do not pair with the labels.
public struct BuiltMetric: Sendable {
    public var value: ExpressionValue
    public var labels: [SeriesKey.Label]?
}

/// One series moved by one instance, or why it was not.
public struct SeriesUpdate: Sendable {
    public var handler: String
    public var instance: String
    public var series: SeriesKey?
    public var amount: Double
    /// The adapter's error (no metric for the instance, a value that is
    /// not a number, a panic on labels).
    public var error: String?
    /// The routing table's label set of the series (series of one set have
    /// the same labels).
    var labelSet: Int?
}

/// A series: the exposed metric name and its labels in the handler's order.
public struct SeriesKey: Hashable, Sendable, Comparable {
    public var metric: String
    public var labels: [Label]

    /// The decoder's label type: a record's evaluation shares the series' labels.
    public typealias Label = MixerEvaluation.Label

    public func value(of label: String) -> String? { labels.first { $0.name == label }?.value }

    /// The metric and the label values: the names come with the metric,
    /// so hashing them again would change nothing (equal keys still hash
    /// alike, `==` still compares names).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(metric)
        hasher.combine(labels.count)
        for label in labels { hasher.combine(label.value) }
    }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        if a.metric != b.metric { return a.metric < b.metric }
        return a.labels.lexicographicallyPrecedes(b.labels) { ($0.name, $0.value) < ($1.name, $1.value) }
    }
}
