import MixerDecodeSupport

/// A record's ``MixerEvaluation`` in the two outputs: the `"mixer"` member
/// of its JSON object, and the lines `--explain` adds under its table.
enum MixerEvaluationOutput {
    /// `{"configuration": ..., "rules": [{"rule": ..., "matched": false, "reason": ...}],
    /// "series": [{"labels": {...}, "add": {"istio_requests_total": 1, ...}}], "problems": [...]}`:
    /// the series one label set names are written together (a request's
    /// count, duration and sizes have the same labels).
    /// The member names, quoted once (a record writes a dozen of them).
    private enum Keys {
        static let configuration = JSONWriter.quoted("configuration")
        static let notDispatched = JSONWriter.quoted("notDispatched")
        static let releaseDependent = JSONWriter.quoted("releaseDependent")
        static let notShownWhole = JSONWriter.quoted("notShownWhole")
        static let rules = JSONWriter.quoted("rules")
        static let rule = JSONWriter.quoted("rule")
        static let matched = JSONWriter.quoted("matched")
        static let reason = JSONWriter.quoted("reason")
        static let series = JSONWriter.quoted("series")
        static let labels = JSONWriter.quoted("labels")
        static let add = JSONWriter.quoted("add")
        static let problems = JSONWriter.quoted("problems")
        static let needClusterState = JSONWriter.quoted("needClusterState")
    }

    /// The parts of the member that every evaluation of one shape
    /// (``MixerEvaluation/shape``) writes alike, as JSON: the rules, each
    /// label set with its metrics' keys, and needClusterState.
    struct SharedParts {
        let rules: [UInt8]
        /// Per label group: the `labels` object, each metric's key, and the series it adds.
        let groups: [(labels: [UInt8], metrics: [[UInt8]], series: [Int])]
        let needClusterState: [UInt8]?

        init(_ evaluation: MixerEvaluation) {
            var json = JSONWriter()
            json.beginArray()
            for rule in evaluation.rules {
                json.beginObject()
                json.key(quoted: Keys.rule); json.string(rule.name)
                json.key(quoted: Keys.matched); json.bool(rule.matched)
                if let reason = rule.reason { json.key(quoted: Keys.reason); json.string(reason) }
                json.endObject()
            }
            json.endArray()
            rules = json.bytes
            groups = labelGroups(evaluation.series).map { group in
                var labels = JSONWriter()
                labels.beginObject()
                for label in evaluation.series[group[0]].labels { labels.key(label.name); labels.string(label.value) }
                labels.endObject()
                return (labels.bytes, group.map { JSONWriter.quoted(evaluation.series[$0].metric) }, group)
            }
            if evaluation.needClusterState.isEmpty {
                needClusterState = nil
            } else {
                var labels = JSONWriter()
                labels.beginArray()
                for label in evaluation.needClusterState { labels.string(label) }
                labels.endArray()
                needClusterState = labels.bytes
            }
        }
    }

    /// The shared parts of one request's evaluations, by shape, written once.
    struct SharedPartsByShape {
        private var known: [ObjectIdentifier: SharedParts] = [:]

        mutating func parts(of evaluation: MixerEvaluation) -> SharedParts {
            // The request holds every shape while its records are written, so no identifier is reused meanwhile.
            guard let shape = evaluation.shape else { return SharedParts(evaluation) }
            // Shared only while the series line up, whoever set the shape.
            if let parts = known[ObjectIdentifier(shape)], parts.groups.reduce(0, { $0 + $1.series.count }) == evaluation.series.count {
                return parts
            }
            let parts = SharedParts(evaluation)
            known[ObjectIdentifier(shape)] = parts
            return parts
        }
    }

    static func write(_ evaluation: MixerEvaluation, to json: inout JSONWriter, sharing shared: inout SharedPartsByShape) {
        let parts = shared.parts(of: evaluation)
        json.beginObject()
        json.key(quoted: Keys.configuration); json.string(evaluation.mixer)
        if let reason = evaluation.notDispatched { json.key(quoted: Keys.notDispatched); json.string(reason) }
        if let dependence = evaluation.releaseDependent { json.key(quoted: Keys.releaseDependent); json.string(dependence) }
        if let reason = evaluation.notShownWhole { json.key(quoted: Keys.notShownWhole); json.string(reason) }
        json.key(quoted: Keys.rules); json.value(json: parts.rules)
        json.key(quoted: Keys.series)
        json.beginArray()
        for group in parts.groups {
            json.beginObject()
            json.key(quoted: Keys.labels); json.value(json: group.labels)
            json.key(quoted: Keys.add)
            json.beginObject()
            for (metric, series) in zip(group.metrics, group.series) {
                json.key(quoted: metric); json.raw(number(evaluation.series[series].amount))
            }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.key(quoted: Keys.problems)
        json.beginArray()
        for problem in evaluation.problems { json.string(problem) }
        json.endArray()
        if let labels = parts.needClusterState { json.key(quoted: Keys.needClusterState); json.value(json: labels) }
        json.endObject()
    }

    /// The `--explain` lines: the configuration, each rule's outcome, each series added.
    static func lines(_ evaluation: MixerEvaluation, paint: (String, ANSIStyle) -> String) -> String {
        var out = "    " + paint("mixer", .bold) + " " + TerminalText.plain(evaluation.mixer) + "\n"
        if let reason = evaluation.notDispatched {
            return out + "      " + paint("not dispatched: ", .red) + TerminalText.plain(reason) + "\n"
        }
        if let dependence = evaluation.releaseDependent { out += "      " + paint("depends on the release: ", .yellow) + TerminalText.plain(dependence) + "\n" }
        if let reason = evaluation.notShownWhole { out += "      " + paint("not shown whole: ", .yellow) + TerminalText.plain(reason) + "\n" }
        for rule in evaluation.rules {
            let outcome = rule.matched ? paint("matched", .cyan) : "not matched: " + TerminalText.plain(rule.reason ?? "")
            out += "      rule " + TerminalText.plain(rule.name) + "  " + outcome + "\n"
        }
        for group in labelGroups(evaluation.series) {
            let series = group.map { evaluation.series[$0] }
            let added = series.map { TerminalText.plain($0.metric) + " " + number($0.amount) }.joined(separator: ", ")
            let labels = series[0].labels.map { "\($0.name)=\(TerminalText.quoted($0.value))" }.joined(separator: ",")
            out += "      + " + added + "\n        {" + labels + "}\n"
        }
        for problem in evaluation.problems { out += "      " + paint("problem: ", .yellow) + TerminalText.plain(problem) + "\n" }
        if !evaluation.needClusterState.isEmpty {
            out += "      " + evaluation.needClusterState.joined(separator: ", ")
                + " read \"unknown\" here only because no cluster state (--kube) was given: the uids name pods Mixer may have found\n"
        }
        return out
    }

    /// The series in groups of one label set (their indices), in the order
    /// each set first comes; a metric already in a group starts another.
    static func labelGroups(_ series: [MixerEvaluation.Series]) -> [[Int]] {
        var groups: [[Int]] = []
        for (index, one) in series.enumerated() {
            if let group = groups.firstIndex(where: { series[$0[0]].labels == one.labels && !$0.contains { series[$0].metric == one.metric } }) {
                groups[group].append(index)
            } else {
                groups.append([index])
            }
        }
        return groups
    }

    /// An amount as JSON writes numbers: integers without a point.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "null"
    }
}
