import MixerDecodeSupport

/// The per-service summary for people (text) and tools (JSON).
public struct SummaryRenderer {
    public var useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    public func text(_ summary: ServiceSummary) -> String {
        let rows = summary.rows
        guard !rows.isEmpty else { return "Diagnosis: no Report records, so nothing about metrics to say.\n" }
        var out = bold("Diagnosis by destination") + " (what Mixer would make of these Report records)\n\n"
        out += table(rows, withStreams: summary.hasStreams)
        for row in rows {
            let address = row.address.map { $0 == row.destination ? "" : " (\(TerminalText.plain($0)))" } ?? ""
            let protocols = row.protocols.sorted { $0.key < $1.key }.map { "\(TerminalText.plain($0.key)) \($0.value)" }
                .joined(separator: ", ")
            out += "\n  " + bold(TerminalText.plain(row.destination) + address)
                + " · reporter \(row.reporter)" + (row.stream.map { " · stream " + TerminalText.plain($0.description) } ?? "")
                + " · \(row.records) \(row.records == 1 ? "record" : "records") · protocol \(protocols)\n"
            let produced = row.metrics.sorted()
            let unknown = row.undeterminedRecords == 1 ? "1 record" : "\(row.undeterminedRecords) records"
            if row.evaluatedRecords == 0 && row.undeterminedRecords == 0 {
                out += "    metrics: not evaluated (no Mixer configuration in force)"
            } else if produced.isEmpty && row.undeterminedRecords > 0 {
                out += "    metrics: unknown (context.protocol of \(unknown) is not in what the input shows)"
            } else {
                out += "    metrics: " + (produced.isEmpty ? "none" : produced.joined(separator: ", "))
                if row.missesRequestMetrics { out += paint("; no istio_requests_total", .red) }
                if row.undeterminedRecords > 0 { out += "; \(unknown) unknown (context.protocol not in the input)" }
            }
            out += "\n"
            if !row.unknownLabels.isEmpty {
                out += "    labels reading \"unknown\": " + row.unknownLabels.sorted().joined(separator: ", ") + "\n"
            }
            if let top = row.topFinding {
                out += "    " + paint("\(top.severity.rawValue) \(top.code)", .of(top.severity)) + ": "
                    + TerminalText.plain(top.message) + "\n"
                if let fix = top.fix { out += "    fix: " + TerminalText.plain(fix) + "\n" }
            }
            let others = row.findingCounts.filter { $0.key != row.topFinding?.code }.sorted { $0.key.rawValue < $1.key.rawValue }
            if !others.isEmpty {
                out += "    also: " + others.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    /// One JSON object per row.
    public func writeRows(_ summary: ServiceSummary, to json: inout JSONWriter, after each: (inout JSONWriter) -> Void) {
        for row in summary.rows {
            json.beginObject()
            json.key("destination"); json.string(row.destination)
            json.key("address")
            if let address = row.address { json.string(address) } else { json.null() }
            json.key("reporter"); json.string(row.reporter)
            if let stream = row.stream { json.key("stream"); RecordJSON().write(stream, to: &json) }
            json.key("records"); json.number(row.records)
            json.key("protocols")
            json.beginObject()
            for (name, count) in row.protocols.sorted(by: { $0.key < $1.key }) { json.key(name); json.number(count) }
            json.endObject()
            json.key("metrics")
            json.beginArray()
            for metric in row.metrics.sorted() { json.string(metric) }
            json.endArray()
            json.key("requestsTotal")
            if let feeds = row.feedsRequestMetrics { json.bool(feeds) } else { json.null() }
            json.key("unknownLabels")
            json.beginArray()
            for label in row.unknownLabels.sorted() { json.string(label) }
            json.endArray()
            json.key("findings")
            json.beginObject()
            for (code, count) in row.findingCounts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                json.key(code.rawValue); json.number(count)
            }
            json.endObject()
            json.key("topFinding")
            if let top = row.topFinding { RecordJSON().write(top, to: &json) } else { json.null() }
            json.endObject()
            each(&json)
        }
    }

    /// One line per row: the overview before the details.
    /// With a stream column when any row came from a named stream.
    private func table(_ rows: [ServiceSummary.Row], withStreams: Bool) -> String {
        var header = ["destination", "reporter", "records", "protocol", "requests_total", "tcp metrics", "top finding"]
        if withStreams { header.insert("stream", at: 2) }
        let lines: [[String]] = rows.map { row in
            var cells = [
                TerminalText.plain(row.destination), row.reporter, String(row.records),
                row.protocols.keys.sorted().map(TerminalText.plain).joined(separator: ","),
                row.feedsRequestMetrics.map { $0 ? "yes" : "no" } ?? "unknown",
                row.metrics.contains { $0.hasPrefix("istio_tcp_") } ? "yes"
                    : row.undeterminedRecords > 0 || row.evaluatedRecords == 0 ? "unknown" : "no",
                row.topFinding.map { "\($0.severity.rawValue) \($0.code)" } ?? "-",
            ]
            if withStreams { cells.insert(row.stream.map { TerminalText.plain($0.description) } ?? "-", at: 2) }
            return cells
        }
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func format(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ") + "\n"
        }
        return format(header) + lines.map(format).joined()
    }

    private func bold(_ text: String) -> String { paint(text, .bold) }

    private func paint(_ text: String, _ style: ANSIStyle) -> String { style.paint(text, if: useColor) }
}
