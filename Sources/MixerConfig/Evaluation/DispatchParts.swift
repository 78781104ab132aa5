import MixerDecode

/// What a record's evaluation takes from how it dispatched, not from its
/// values: the rules and why each matched or not, the instances Mixer could
/// not build, and the labels that read "unknown" (for the findings, and
/// those that only the cluster state would tell). Records that replayed one
/// dispatch shape (``DispatchShapes``) matched the same rules and got the
/// same labels, so these are worked out once per shape in a Report.
struct DispatchParts {
    var rules: [MixerEvaluation.Rule]
    /// `instance: error` for each instance Mixer could not build.
    var instanceProblems: [String]
    /// Every label of the series that reads "unknown", once each.
    var unknownLabelNames: [String]
    /// The labels reading "unknown" worth a word, by cause (``UnknownLabels``).
    var unknownByCause: [(cause: UnknownLabels.Cause, labels: [EvaluatedFindings.UnknownLabel])]
    var needClusterState: [String]
    /// Set when the parts are shared by the records of a dispatch shape.
    var shape: EvaluationShape?

    init(_ dispatch: RecordDispatch, _ findings: EvaluatedFindings) {
        rules = []
        rules.reserveCapacity(dispatch.rules.count)
        instanceProblems = []
        for rule in dispatch.rules {
            let reason: String? = switch rule.result {
            case .matched: nil
            case .notMatched(let because): because
            case .failed(let error), .unusable(let error): error
            case .otherProtocol(let tcp): "Mixer 0.8 runs it for \(tcp ? "tcp" : "non-tcp") records only"
            }
            rules.append(MixerEvaluation.Rule(name: rule.rule, matched: rule.result == .matched, reason: reason))
            instanceProblems += rule.instances.compactMap { instance in instance.error.map { "\(instance.instance): \($0)" } }
        }
        unknownLabelNames = Self.unknownLabelNames(dispatch)
        let unknown = findings.unknownLabels(dispatch)
        unknownByCause = UnknownLabels.Cause.allCases.compactMap { cause in
            let labels = unknown.filter { $0.source.cause == cause }
            return labels.isEmpty ? nil : (cause, labels)
        }
        needClusterState = Self.labelsNeedingClusterState(dispatch, unknown)
    }

    /// Series of one label set have the same labels: each set is looked at once.
    private static func unknownLabelNames(_ dispatch: RecordDispatch) -> [String] {
        var labelSetsSeen: [Int] = []
        var labelLists: [[SeriesKey.Label]] = []
        for update in dispatch.series {
            guard let key = update.series else { continue }
            if let set = update.labelSet {
                if labelSetsSeen.contains(set) { continue }
                labelSetsSeen.append(set)
            }
            labelLists.append(key.labels)
        }
        return MixerEvaluation.unknownLabels(in: labelLists)
    }

    /// Labels reading "unknown" because a pod the uids name could not be
    /// looked up without the cluster state.
    private static func labelsNeedingClusterState(_ dispatch: RecordDispatch, _ unknown: [EvaluatedFindings.UnknownLabel]) -> [String] {
        guard !dispatch.inferredPods.isEmpty else { return [] }
        var labels: [String] = []
        for label in unknown {
            guard let side = label.source.podSide, dispatch.inferredPods[side] != nil, !labels.contains(label.name) else { continue }
            labels.append(label.name)
        }
        return labels
    }
}

/// ``DispatchParts`` of one Report, by dispatch shape.
struct DispatchPartsByShape {
    private var known: [Int: DispatchParts] = [:]

    mutating func parts(of dispatch: RecordDispatch, _ findings: EvaluatedFindings) -> DispatchParts {
        // Only series that are the shape's own: every one made (no adapter
        // error, which depends on the value) and counted (a record shown whole).
        guard let shape = dispatch.shape, dispatch.unseen == nil, dispatch.series.allSatisfy({ $0.error == nil }) else {
            return DispatchParts(dispatch, findings)
        }
        if let parts = known[shape] { return parts }
        var parts = DispatchParts(dispatch, findings)
        parts.shape = EvaluationShape()
        known[shape] = parts
        return parts
    }
}
