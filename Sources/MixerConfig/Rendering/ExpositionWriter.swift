import MixerDecode

/// The series as Prometheus reads them: the text exposition format
/// (`-o prom`, what Mixer's `:42422/metrics` serves, as client_golang's
/// `expfmt` writes it: labels sorted by name, numbers as Go's `%g`), or
/// OpenMetrics with each sample at the time its record was made
/// (`-o openmetrics`, for `promtool tsdb create-blocks-from openmetrics`).
public enum ExpositionWriter {
    public static func prometheusText(_ store: SeriesStore) -> String {
        var out = ""
        for (metric, keys) in families(store) {
            let first = store.series[keys[0]]!
            out += "# HELP \(metric) \(escapeHelp(first.help))\n"
            out += "# TYPE \(metric) \(first.kind == .histogram ? "histogram" : first.kind.rawValue)\n"
            for key in keys { out += samples(metric, key, store.series[key]!, timestamp: nil) }
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
            out += "# HELP \(family) \(escapeHelp(first.help))\n"
            for key in keys {
                let series = store.series[key]!
                let timeline = series.timeline()
                if timeline.count < series.updates.count && timeline.isEmpty { untimed += 1 }
                for (milliseconds, state) in timeline { out += samples(metric, key, state, timestamp: milliseconds) }
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

    private static func samples(_ metric: String, _ key: SeriesKey, _ series: SeriesStore.Series, timestamp: Int64?) -> String {
        let labels = key.labels.sorted { $0.name < $1.name }
        let time = timestamp.map { " " + seconds($0) } ?? ""
        switch series.kind {
        case .counter, .gauge:
            return metric + labelText(labels) + " " + GoFloat.formatG(series.value) + time + "\n"
        case .histogram:
            var out = ""
            for (bound, count) in zip(series.bounds, series.bucketCounts) {
                out += metric + "_bucket" + labelText(labels + [.init(name: "le", value: GoFloat.formatG(bound))]) + " \(GoFloat.formatG(Double(count)))" + time + "\n"
            }
            out += metric + "_bucket" + labelText(labels + [.init(name: "le", value: "+Inf")]) + " \(GoFloat.formatG(Double(series.count)))" + time + "\n"
            out += metric + "_sum" + labelText(labels) + " " + GoFloat.formatG(series.value) + time + "\n"
            out += metric + "_count" + labelText(labels) + " " + GoFloat.formatG(Double(series.count)) + time + "\n"
            return out
        }
    }

    private static func labelText(_ labels: [SeriesKey.Label]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.name)=\"\(escapeValue($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// Label values escape `\`, `"` and newlines; help text `\` and newlines.
    private static func escapeValue(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Unix seconds with the milliseconds.
    private static func seconds(_ milliseconds: Int64) -> String {
        let whole = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let rest = milliseconds - whole * 1000
        let fraction = String(rest)
        return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
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
