import ArgumentParser
import MixerDecode

/// Output formats of the command.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, ndjson
}

/// Writes requests to standard output in the chosen format, one write(2)
/// per record (NDJSON) or request (text): nothing is buffered, so a pipe sees
/// data as soon as it is decoded.
struct OutputSink {
    let format: OutputFormat
    let text: TextRenderer
    let recordJSON = RecordJSON()
    /// --summary: only the diagnosis by destination, at the end.
    let summaryOnly: Bool
    private let summaryRenderer: SummaryRenderer
    private var summary = ServiceSummary()
    private var json = JSONWriter()
    private var wroteArrayMember = false

    init(format: OutputFormat, useColor: Bool, summaryOnly: Bool, explain: Bool = false) {
        self.format = format
        self.text = TextRenderer(useColor: useColor, explain: explain)
        self.summaryRenderer = SummaryRenderer(useColor: useColor)
        self.summaryOnly = summaryOnly
        if format == .json { StandardStream.output.write("[") }
    }

    mutating func write(_ request: ResolvedRequest) {
        // The diagnosis is printed with text output and --summary only:
        // JSON records carry their findings, and need no table after them.
        if format == .text || summaryOnly { summary.add(request) }
        if summaryOnly { return }
        switch format {
        case .text:
            StandardStream.output.write(text.render(request))
        case .ndjson:
            recordJSON.writeObjects(of: request, to: &json) { json in
                json.newline()
                StandardStream.output.write(json.bytes)
                json.removeAll()
            }
        case .json:
            var wrote = wroteArrayMember
            recordJSON.writeObjects(of: request, to: &json) { json in
                StandardStream.output.write(wrote ? ",\n" : "\n")
                StandardStream.output.write(json.bytes)
                json.removeAll()
                wrote = true
            }
            wroteArrayMember = wrote
        }
    }

    mutating func finish() {
        if summaryOnly { writeSummaryRows() }
        switch format {
        case .text:
            // The diagnosis last, where the terminal shows it when the output ends.
            StandardStream.output.write((summaryOnly ? "" : "\n") + summaryRenderer.text(summary))
        case .json:
            StandardStream.output.write(wroteArrayMember ? "\n]\n" : "]\n")
        case .ndjson:
            break
        }
    }

    /// --summary with JSON output: one object per destination.
    private mutating func writeSummaryRows() {
        guard format != .text else { return }
        var wrote = wroteArrayMember
        let format = format
        summaryRenderer.writeRows(summary, to: &json) { json in
            if format == .json { StandardStream.output.write(wrote ? ",\n" : "\n") }
            StandardStream.output.write(json.bytes)
            if format == .ndjson { StandardStream.output.write("\n") }
            json.removeAll()
            wrote = true
        }
        wroteArrayMember = wrote
    }
}
