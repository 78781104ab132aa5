import MixerDecode

/// `mixerdecode metrics -o json`: one object with the release, the
/// configuration's problems, and every series with its labels and values.
public enum MetricsJSON {
    public static func text(_ session: MetricsSession) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("release")
        if let chosen = session.chosen { json.string(chosen.release.description) } else { json.null() }
        json.key("releaseFrom")
        if let chosen = session.chosen { json.string(chosen.reason) } else { json.null() }
        json.key("configuration")
        json.string(session.configSource)
        json.key("problems")
        json.beginArray()
        for problem in session.problems { json.string(problem.description) }
        json.endArray()
        json.key("series")
        json.beginArray()
        let store = session.store
        for key in store.sortedKeys {
            let series = store.series[key]!
            json.beginObject()
            json.key("metric")
            json.string(key.metric)
            json.key("kind")
            json.string(series.kind.rawValue)
            json.key("labels")
            json.beginObject()
            for label in key.labels {
                json.key(label.name)
                json.string(label.value)
            }
            json.endObject()
            json.key(series.kind == .histogram ? "sum" : "value")
            json.raw(GoFloat.formatG(series.value).replacingOccurrences(of: "+Inf", with: "null"))
            if series.kind == .histogram {
                json.key("count")
                json.number(Int(series.count))
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }
}
