import MixerDecodeSupport

/// A record's ``MixerEvaluation`` in the two outputs: the `"mixer"` member
/// of its JSON object, and the lines `--explain` adds under its table.
enum MixerEvaluationOutput {
    /// `{"configuration": ..., "rules": [{"rule": ..., "matched": false, "reason": ...}],
    /// "series": [{"metric": ..., "labels": {...}, "add": 1}], "problems": [...]}`.
    static func write(_ evaluation: MixerEvaluation, to json: inout JSONWriter) {
        json.beginObject()
        json.key("configuration"); json.string(evaluation.mixer)
        if let reason = evaluation.notDispatched { json.key("notDispatched"); json.string(reason) }
        if let dependence = evaluation.releaseDependent { json.key("releaseDependent"); json.string(dependence) }
        if let reason = evaluation.notShownWhole { json.key("notShownWhole"); json.string(reason) }
        json.key("rules")
        json.beginArray()
        for rule in evaluation.rules {
            json.beginObject()
            json.key("rule"); json.string(rule.name)
            json.key("matched"); json.bool(rule.matched)
            if let reason = rule.reason { json.key("reason"); json.string(reason) }
            json.endObject()
        }
        json.endArray()
        json.key("series")
        json.beginArray()
        for series in evaluation.series {
            json.beginObject()
            json.key("metric"); json.string(series.metric)
            json.key("labels")
            json.beginObject()
            for label in series.labels { json.key(label.name); json.string(label.value) }
            json.endObject()
            json.key("add"); json.raw(number(series.amount))
            json.endObject()
        }
        json.endArray()
        json.key("problems")
        json.beginArray()
        for problem in evaluation.problems { json.string(problem) }
        json.endArray()
        if !evaluation.needClusterState.isEmpty {
            json.key("needClusterState")
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
        for series in evaluation.series {
            let labels = series.labels.map { "\($0.name)=\(TerminalText.quoted($0.value))" }.joined(separator: ",")
            out += "      + " + TerminalText.plain(series.metric) + "{" + labels + "} " + number(series.amount) + "\n"
        }
        for problem in evaluation.problems { out += "      " + paint("problem: ", .yellow) + TerminalText.plain(problem) + "\n" }
        if !evaluation.needClusterState.isEmpty {
            out += "      " + evaluation.needClusterState.joined(separator: ", ")
                + " read \"unknown\" here only because no cluster state (--kube) was given: the uids name pods Mixer may have found\n"
        }
        return out
    }

    /// An amount as JSON writes numbers: integers without a point.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "null"
    }
}
