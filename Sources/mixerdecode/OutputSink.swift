import ArgumentParser
import MixerDecode

/// Output formats of the command.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json, ndjson
}

/// What one request becomes on standard output: rendered on any thread
/// (`RequestRendering`), written in input order (`OutputSink`). The
/// request itself is not kept: memory holds its output only.
struct RenderedRequest: Sendable {
    /// Text output: the request's block. NDJSON: its lines. JSON: its
    /// objects, one a piece, which the sink separates with commas.
    var pieces: [[UInt8]]
    /// Its rows of the diagnosis by destination (text output, --summary).
    var summary: ServiceSummary?
    /// Some of it was damaged (exit status 1).
    var lostContent: Bool
    /// Its most severe finding (--check).
    var worstSeverity: Finding.Severity?
}

/// Renders one request in the chosen format; a value each worker shares.
struct RequestRendering: Sendable {
    let format: OutputFormat
    let text: TextRenderer
    let recordJSON = RecordJSON()
    /// --summary: nothing is written per request.
    let summaryOnly: Bool

    func render(_ request: ResolvedRequest) -> RenderedRequest {
        var rendered = RenderedRequest(
            pieces: [], lostContent: request.lostContent, worstSeverity: request.allFindings.map(\.severity).max())
        // The diagnosis is printed with text output and --summary only:
        // JSON records carry their findings, and need no table after them.
        if format == .text || summaryOnly {
            rendered.summary = ServiceSummary()
            rendered.summary!.add(request)
        }
        guard !summaryOnly else { return rendered }
        var json = JSONWriter()
        var pieces: [[UInt8]] = []
        switch format {
        case .text:
            pieces = [text.renderUTF8(request)]
        case .ndjson:
            recordJSON.writeObjects(of: request, to: &json) { $0.newline() }
            pieces = [json.bytes]
        case .json:
            recordJSON.writeObjects(of: request, to: &json) { json in
                pieces.append(json.bytes)
                json.removeAll()
            }
        }
        rendered.pieces = pieces
        return rendered
    }
}

/// Writes rendered requests to standard output in input order, gathering
/// the diagnosis by destination (text output, --summary). Output is
/// buffered up to `flushBytes` (one write(2) for many records); `flush()`
/// writes what is held, which the command does at the end and, following
/// a log, whenever it waits for more.
struct OutputSink {
    static let flushBytes = 1 << 16
    let format: OutputFormat
    /// --summary: only the diagnosis by destination, at the end.
    let summaryOnly: Bool
    private let summaryRenderer: SummaryRenderer
    private var summary = ServiceSummary()
    private var buffer: [UInt8] = []
    private var wroteArrayMember = false

    init(format: OutputFormat, useColor: Bool, summaryOnly: Bool) {
        self.format = format
        self.summaryRenderer = SummaryRenderer(useColor: useColor)
        self.summaryOnly = summaryOnly
        if format == .json { buffer += "[".utf8 }
    }

    mutating func write(_ rendered: RenderedRequest) {
        if let part = rendered.summary { summary.merge(part) }
        for piece in rendered.pieces {
            if format == .json { buffer += (wroteArrayMember ? ",\n" : "\n").utf8 }
            buffer += piece
            wroteArrayMember = true
        }
        if buffer.count >= Self.flushBytes { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        StandardStream.output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() {
        if summaryOnly { writeSummaryRows() }
        switch format {
        case .text:
            // The diagnosis last, where the terminal shows it when the output ends.
            buffer += ((summaryOnly ? "" : "\n") + summaryRenderer.text(summary)).utf8
        case .json:
            buffer += (wroteArrayMember ? "\n]\n" : "]\n").utf8
        case .ndjson:
            break
        }
        flush()
    }

    /// --summary with JSON output: one object per destination.
    private mutating func writeSummaryRows() {
        guard format != .text else { return }
        var json = JSONWriter()
        var pieces: [[UInt8]] = []
        summaryRenderer.writeRows(summary, to: &json) { json in
            if format == .ndjson { json.newline() }
            pieces.append(json.bytes)
            json.removeAll()
        }
        for piece in pieces {
            if format == .json { buffer += (wroteArrayMember ? ",\n" : "\n").utf8 }
            buffer += piece
            wroteArrayMember = true
        }
    }
}
