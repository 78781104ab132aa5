import ArgumentParser
import MixerDecode

/// Output formats of the command.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, ndjson
}



/// Writes requests to standard output in the chosen format, flushing after
/// every record (NDJSON) or request (text), so that a pipe sees data as soon
/// as it is decoded.
struct OutputSink {
    let format: OutputFormat
    let text: TextRenderer
    let recordJSON = RecordJSON()
    private var json = JSONWriter()
    private var wroteArrayMember = false

    init(format: OutputFormat, useColor: Bool) {
        self.format = format
        self.text = TextRenderer(useColor: useColor)
        if format == .json { StandardStream.output.write("[") }
    }

    mutating func write(_ request: ResolvedRequest) {
        switch format {
        case .text:
            StandardStream.output.write(text.render(request))
            StandardStream.output.flush()
        case .ndjson:
            recordJSON.writeObjects(of: request, to: &json) { json in
                json.newline()
                StandardStream.output.write(json.bytes)
                StandardStream.output.flush()
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

    func finish() {
        if format == .json { StandardStream.output.write(wroteArrayMember ? "\n]\n" : "]\n") }
        StandardStream.output.flush()
    }
}
