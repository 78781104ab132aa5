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

    static func write(_ evaluation: MixerEvaluation, to json: inout JSONWriter) {
        json.beginObject()
        json.key(quoted: Keys.configuration); json.string(evaluation.mixer)
        if let reason = evaluation.notDispatched { json.key(quoted: Keys.notDispatched); json.string(reason) }
        if let dependence = evaluation.releaseDependent { json.key(quoted: Keys.releaseDependent); json.string(dependence) }
        if let reason = evaluation.notShownWhole { json.key(quoted: Keys.notShownWhole); json.string(reason) }
        json.key(quoted: Keys.rules)
        json.beginArray()
        for rule in evaluation.rules {
            json.beginObject()
            json.key(quoted: Keys.rule); json.string(rule.name)
            json.key(quoted: Keys.matched); json.bool(rule.matched)
            if let reason = rule.reason { json.key(quoted: Keys.reason); json.string(reason) }
            json.endObject()
        }
        json.endArray()
        json.key(quoted: Keys.series)
        json.beginArray()
        for group in labelGroups(evaluation.series) {
            json.beginObject()
            json.key(quoted: Keys.labels)
            json.beginObject()
            for label in group.labels { json.key(label.name); json.string(label.value) }
            json.endObject()
            json.key(quoted: Keys.add)
            json.beginObject()
            for series in group.series { json.key(series.metric); json.raw(number(series.amount)) }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.key(quoted: Keys.problems)
        json.beginArray()
        for problem in evaluation.problems { json.string(problem) }
        json.endArray()
        if !evaluation.needClusterState.isEmpty {
            json.key(quoted: Keys.needClusterState)
            json.beginArray()
            for label in evaluation.needClusterState { json.string(label) }
            json.endArray()
        }
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
            let added = group.series.map { TerminalText.plain($0.metric) + " " + number($0.amount) }.joined(separator: ", ")
            let labels = group.labels.map { "\($0.name)=\(TerminalText.quoted($0.value))" }.joined(separator: ",")
            out += "      + " + added + "\n        {" + labels + "}\n"
        }
        for problem in evaluation.problems { out += "      " + paint("problem: ", .yellow) + TerminalText.plain(problem) + "\n" }
        if !evaluation.needClusterState.isEmpty {
            out += "      " + evaluation.needClusterState.joined(separator: ", ")
                + " read \"unknown\" here only because no cluster state (--kube) was given: the uids name pods Mixer may have found\n"
        }
        return out
    }

    /// The series in groups of one label set, in the order each set first
    /// comes; a metric already in a group starts another.
    static func labelGroups(_ series: [MixerEvaluation.Series]) -> [(labels: [MixerEvaluation.Label], series: [MixerEvaluation.Series])] {
        var groups: [(labels: [MixerEvaluation.Label], series: [MixerEvaluation.Series])] = []
        for one in series {
            if let index = groups.firstIndex(where: { $0.labels == one.labels && !$0.series.contains { $0.metric == one.metric } }) {
                groups[index].series.append(one)
            } else {
                groups.append((one.labels, [one]))
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
