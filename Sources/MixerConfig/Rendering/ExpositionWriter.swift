import MixerDecode

/// The series as Prometheus reads them: the text exposition format
/// (`-o prom`, what Mixer's `:42422/metrics` serves, as client_golang's
/// `expfmt` writes it: labels sorted by name, numbers as Go's `%g`), or
/// OpenMetrics with each sample at the time its record was made
/// (`-o openmetrics`, for `promtool tsdb create-blocks-from openmetrics`).
/// The two differ beyond the timestamps: OpenMetrics 1.0 wants `le` in its
/// canonical form (`1.0`, not `1`), counts as integers and `"` escaped in
/// HELP, where the text format has what Mixer's `expfmt` writes.
public enum ExpositionWriter {
    private enum Dialect { case text, openMetrics }

    public static func prometheusText(_ store: SeriesStore) -> String {
        var out = ""
        for (metric, keys) in families(store) {
            let first = store.series[keys[0]]!
            out += "# HELP \(metric) \(escapeHelp(first.help, .text))\n"
            out += "# TYPE \(metric) \(first.kind == .histogram ? "histogram" : first.kind.rawValue)\n"
            for key in keys { out += samples(metric, key, store.series[key]!, timestamp: nil, .text) }
        }
        return out
    }

    /// One sample per series per moment it moved; series without a record
    /// time cannot be placed and are left out (said in `untimed`).
    public static func openMetrics(_ store: SeriesStore) -> (text: String, untimed: Int) {
        var out = ""
        var untimed = 0
        for (metric, keys) in families(store) {
            let first = store.series[keys[0]]!
            // OpenMetrics names a counter family without its `_total`.
            let family = first.kind == .counter && metric.hasSuffix("_total") ? String(metric.dropLast(6)) : metric
            let type = first.kind == .counter && family == metric ? "unknown" : (first.kind == .histogram ? "histogram" : first.kind.rawValue)
            out += "# TYPE \(family) \(type)\n"
            out += "# HELP \(family) \(escapeHelp(first.help, .openMetrics))\n"
            for key in keys {
                let series = store.series[key]!
                let timeline = series.timeline()
                if timeline.count < series.updates.count && timeline.isEmpty { untimed += 1 }
                for (milliseconds, state) in timeline { out += samples(metric, key, state, timestamp: milliseconds, .openMetrics) }
            }
        }
        return (out + "# EOF\n", untimed)
    }

    private static func families(_ store: SeriesStore) -> [(String, [SeriesKey])] {
        var order: [String] = []
        var keys: [String: [SeriesKey]] = [:]
        for key in store.sortedKeys {
            if keys[key.metric] == nil { order.append(key.metric) }
            keys[key.metric, default: []].append(key)
        }
        return order.map { ($0, keys[$0]!) }
    }

    private static func samples(
        _ metric: String, _ key: SeriesKey, _ series: SeriesStore.Series, timestamp: Int64?, _ dialect: Dialect
    ) -> String {
        let labels = key.labels.sorted { $0.name < $1.name }
        let time = timestamp.map { " " + seconds($0) } ?? ""
        // `expfmt`'s text writer prints counts as floats (`%g`, so `1e+06`);
        // OpenMetrics says count and bucket values are integers, and its
        // writer prints them as such.
        let count: (UInt64) -> String = { dialect == .text ? GoFloat.formatG(Double($0)) : String($0) }
        switch series.kind {
        case .counter, .gauge:
            return metric + labelText(labels) + " " + GoFloat.formatG(series.value) + time + "\n"
        case .histogram:
            var out = ""
            for (bound, cumulative) in zip(series.bounds, series.bucketCounts) {
                let le = SeriesKey.Label(name: "le", value: dialect == .text ? GoFloat.formatG(bound) : canonical(bound))
                out += metric + "_bucket" + labelText(labels + [le]) + " " + count(cumulative) + time + "\n"
            }
            out += metric + "_bucket" + labelText(labels + [.init(name: "le", value: "+Inf")]) + " " + count(series.count) + time + "\n"
            out += metric + "_sum" + labelText(labels) + " " + GoFloat.formatG(series.value) + time + "\n"
            out += metric + "_count" + labelText(labels) + " " + count(series.count) + time + "\n"
            return out
        }
    }

    /// OpenMetrics' canonical number for `le` ("Considerations: Canonical
    /// Numbers"): Go's `%g` with `.0` appended when it has neither a point nor
    /// an exponent (`1.0`, `100000.0`, `1e+06`, `0.005`). The spec forbids any
    /// other rendering there. Prometheus 2.x stores `le` as written, so these
    /// series are not those a 2.x server scraped from Mixer's text (`le="1"`);
    /// Prometheus 3 normalizes both to this form (its docs/migration.md).
    private static func canonical(_ bound: Double) -> String {
        let text = GoFloat.formatG(bound)
        guard bound.isFinite, !text.contains("."), !text.contains("e") else { return text }
        return text + ".0"
    }

    private static func labelText(_ labels: [SeriesKey.Label]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.name)=\"\(escapeValue($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// Label values escape `\`, `"` and newlines. Help text escapes `\` and
    /// newlines; in OpenMetrics `"` as well (its ABNF has no bare `"` in an
    /// escaped-string), while the text format would show `\"` literally.
    private static func escapeValue(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func escapeHelp(_ text: String, _ dialect: Dialect) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        return dialect == .text ? escaped : escaped.replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Unix seconds with the milliseconds, sign first: the digits after the
    /// point are those of the magnitude (-1500 ms is `-1.500`, not `-2.500`).
    private static func seconds(_ milliseconds: Int64) -> String {
        let magnitude = milliseconds.magnitude
        let fraction = String(magnitude % 1000)
        return (milliseconds < 0 ? "-" : "") + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

extension GoFloat {
    /// Go's `%v` of a float64 (`strconv.FormatFloat(v, 'g', -1, 64)`), which
    /// `expfmt` writes values and `le` bounds with
    /// (`1.1.6:vendor/github.com/prometheus/common/expfmt/text_create.go`):
    /// the shortest digits, in exponent form when the exponent is below -4
    /// or at least 6 (`1e+06`, `1.234567e+06`).
    static func formatG(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let plain = formatF(value)
        let negative = plain.hasPrefix("-")
        let magnitude = negative ? String(plain.dropFirst()) : plain
        // The shortest digits and the decimal exponent of the first one.
        let parts = magnitude.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integer + fraction
        var exponent = integer.count - 1
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        // Shortest `%g` decides with precision 6 (Go's `strconv/ftoa.go`).
        guard exponent < -4 || exponent >= 6 else { return plain }
        let mantissa = digits.count == 1 ? digits : String(digits.first!) + "." + digits.dropFirst()
        let sign = exponent < 0 ? "-" : "+"
        let power = String(abs(exponent))
        return (negative ? "-" : "") + mantissa + "e" + sign + (power.count < 2 ? "0" + power : power)
    }
}
