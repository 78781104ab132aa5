import ArgumentParser
import Foundation
import MixerConfig
import MixerDecode

/// `mixerdecode`: a thin shell over the library. Reading, decoding and
/// rendering all live in `MixerDecode`; these files only map options to it.
@main
struct MixerDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixerdecode",
        abstract: "Decode and diagnose Istio Mixer Report/Check requests (decode, the default), or build them (encode).",
        discussion: DecodeCommand.configuration.discussion,
        version: MixerDecodeVersion.current,
        subcommands: [DecodeCommand.self, EncodeCommand.self, ExprCommand.self, MetricsCommand.self],
        defaultSubcommand: DecodeCommand.self)
}

/// `mixerdecode [decode] FILE...`: what the tool is for.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode Istio Mixer Report/Check requests, resolve their word indices, and diagnose them.",
        discussion: """
            Reads each FILE (or standard input for '-' or no FILE): Envoy debug logs \
            (kubectl logs -c istio-proxy, any Istio release's layout, viewer prefixes, \
            log shippers' JSON lines: Docker, Fluent Bit, Vector, Loki, journald; CRI \
            lines), raw protobuf, gRPC length-prefixed frames, or base64/hex text of \
            either, detected automatically from the first 64 KiB. Logs are read as a \
            stream: each request is printed as soon as its dump is complete. Gzip input \
            is decompressed as it is read.

            A DIRECTORY is read as a node's log tree: every *.log file under it and its \
            rotations (*.log.*, gzip included), each on its own, oldest first; the pod \
            comes from the kubelet path (/var/log/pods/NS_POD_UID/CONTAINER/N.log, \
            /var/log/containers/POD_NS_CONTAINER-ID.log). Quoted globs are expanded. \
            Interleaved pods (a shipper's JSON stream, kubectl logs --prefix) are read \
            apart, and every request names its stream.

            Input detection: hex digits only -> hex; base64 characters only -> base64; \
            text with a Mixer dump marker, or with (almost) no control bytes -> log; \
            first byte 0x00/0x01 -> gRPC frames (a protobuf message cannot start so); \
            otherwise one raw message. Message detection: the top-level fields decide \
            (ReportRequest has field 2 = words and 3/4 = varints, CheckRequest has 2 = varint \
            and 3/4 = bytes); when only field 1 is present, a Report is assumed.

            Diagnostics run on every record (see --list-findings). Text output ends with a \
            diagnosis by destination; --summary prints only that.

            EXIT STATUS
              0   every input was decoded completely (findings may still be present)
              1   some input was damaged: truncated, malformed or over a limit \
            (everything readable was still printed)
              2   an input could not be opened or read (the others are still decoded)
              3   with --check: an error-severity finding (with --strict: also a warning)
              64  invalid command line
            """)

    @Argument(help: "Input files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(name: .customLong("input"), help: "Input form: auto, log, raw, grpc, base64, hex.")
    var inputKind: InputKindOption = .auto

    @Option(name: .customLong("message"), help: "Message in raw input: auto, report, check, check-response, compressed, attributes.")
    var messageKind: MessageKindOption = .auto

    @Option(help: "Global dictionary to use instead of the one global_word_count names: a release (0.8, 1.0, 1.1 ... 1.7) or 'fallback' (111 words).")
    var dictionary: String?

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json (one array), ndjson (one object per record).")
    var output: OutputFormat = .text

    @Option(help: "Colour in text output: auto (on a terminal without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    @Option(help: "Largest message decoded, in bytes.")
    var maxMessageBytes: Int = DecodeLimits.default.maxMessageBytes

    @Option(help: "Deepest nesting of groups and messages.")
    var maxDepth: Int = DecodeLimits.default.maxDepth

    @Option(help: "Most map entries decoded in one request.")
    var maxEntries: Int = DecodeLimits.default.maxEntries

    @Option(help: "Longest log line read; longer lines are cut there (and reported when part of a dump).")
    var maxLineBytes: Int = 16 << 20
    @Option(help: "Most streams (pods, containers) of one input with a dump in flight at once; past it, the least recently written one's dump is ended and reported.")
    var maxStreams: Int = 4096

    @Flag(name: [.short, .customLong("follow")], help: "Keep reading FILE as it grows, like tail -f (log input; one FILE). Use with -o ndjson or text.")
    var follow = false

    @Flag(help: "Print only the diagnosis by destination (text, or one JSON object per destination).")
    var summary = false

    @Flag(help: "Exit 3 when any finding is an error (for scripts and CI).")
    var check = false

    @Flag(help: "With --check: warnings count too.")
    var strict = false

    @Flag(help: "Print every finding code with what it means and an example, then exit.")
    var listFindings = false

    @Option(help: "Diagnostics to leave out, by code, comma-separated (e.g. unknown-label,delta-carryover).")
    var skipFindings: String?

    @OptionGroup var mixer: MixerOptions

    @Flag(help: "Under each record (text output): the rules of the Mixer in force, matched or not and why, and the series the record adds.")
    var explain = false

    @Flag(help: "Decode and diagnose without evaluating Mixer's configuration: no \"mixer\" member in JSON, no findings about metrics.")
    var noEvaluation = false

    @Option(help: "Threads that work at once (default: the machine's cores): with as many inputs or more, each reads, decodes and renders whole inputs; with fewer, one reads and the others decode. Output stays in input order; --follow uses one.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("report-peak-memory"), help: .hidden)
    var reportPeakMemory = false

    func validate() throws {
        let known = Set(FindingCatalogue.diagnosticCodes)
        for code in (skipFindings ?? "").split(separator: ",") where !known.contains(String(code)) {
            throw ValidationError("unknown finding '\(code)' in --skip-findings: see --list-findings (only diagnostics can be skipped)")
        }
        if let dictionary, GlobalDictionary(release: dictionary) == nil {
            throw ValidationError("unknown dictionary '\(dictionary)': use 0.8, 1.0, 1.1 ... 1.7, or fallback")
        }
        guard maxMessageBytes > 0, maxDepth > 0, maxEntries > 0, maxLineBytes > 0, maxStreams > 0 else {
            throw ValidationError("limits must be positive")
        }
        guard (1...1024).contains(jobs) else { throw ValidationError("--jobs is between 1 and 1024") }
        guard maxMessageBytes <= Int(Int32.max), maxDepth <= 10_000 else {
            throw ValidationError("--max-message-bytes is at most 2 GiB (protobuf's limit), --max-depth at most 10000")
        }
        if follow && (files.count != 1 || files[0] == "-") {
            throw ValidationError("--follow reads one FILE (not standard input)")
        }
        var isDirectory: ObjCBool = false
        if follow && FileManager.default.fileExists(atPath: files[0], isDirectory: &isDirectory) && isDirectory.boolValue {
            throw ValidationError("--follow reads one FILE, not a directory")
        }
    }

    func run() throws {
        if listFindings {
            StandardStream.output.write(FindingCatalogue.text())
            return
        }
        let useColor = color.enabled(for: .output)
        let makeWork = try workMaker(useColor: useColor)
        var sink = OutputSink(format: output, useColor: useColor, summaryOnly: summary)
        var sawDamage = false
        var sawIOError = false
        var worst: Finding.Severity?
        let write = { (rendered: RenderedRequest) in
            sawDamage = sawDamage || rendered.lostContent
            if let severity = rendered.worstSeverity, worst.map({ severity > $0 }) ?? true { worst = severity }
            sink.write(rendered)
        }
        let list = InputList(arguments: files)
        for problem in list.problems {
            StandardStream.error.write("mixerdecode: cannot read \(problem)\n")
            sawIOError = true
        }
        var logsWithDumps = 0
        let inputDone = { (input: InputList.Input, outcome: InputReader.Outcome) in
            if input.foundInDirectory && outcome.requests > 0 { logsWithDumps += 1 }
            sawIOError = report(outcome, of: input.path) || sawIOError
            sawDamage = sawDamage || outcome.corruption != nil
        }
        let settings = InputReader.Settings(decoding: decodingSettings(), follow: follow)
        let jobs = follow ? 1 : self.jobs
        if jobs > 1 && list.inputs.count >= jobs {
            Self.readInParallel(list.inputs, settings: settings, workers: ParallelInputs(jobs: jobs, makeWork: makeWork), write: write, inputDone: inputDone)
        } else {
            var parallel = ParallelDecoding(jobs: jobs, makeWork: makeWork)
            for input in list.inputs {
                let outcome = InputReader.decode(input, settings: settings) { pending in
                    parallel.add(pending, emit: write)
                } waiting: {
                    // Following a log: what was read is shown before waiting for more.
                    parallel.flush(emit: write)
                    sink.flush()
                }
                inputDone(input, outcome)
            }
            parallel.flush(emit: write)
        }
        let walked = list.inputs.filter(\.foundInDirectory).count
        if walked > 0 {
            // Files without a dump say nothing on their own: the count says whether the grpc logger was on anywhere.
            let directories = list.walks.map(\.directory).joined(separator: ", ")
            StandardStream.error.write("mixerdecode: \(walked) log files read under \(directories); \(logsWithDumps) held Mixer dumps\n")
        }
        sink.finish()
        if reportPeakMemory { StandardStream.error.write("peak-memory-kib: \(InputFile.peakMemoryKiB())\n") }
        if sawIOError { throw ExitCode(2) }
        if sawDamage { throw ExitCode(1) }
        if check, let worst, worst == .error || (strict && worst == .warning) { throw ExitCode(3) }
    }
}

extension DecodeCommand {
    /// How each input is read. The workers diagnose, each with its own
    /// diagnostics (`workMaker`), so the pipeline itself runs none.
    func decodingSettings() -> InputStreamDecoder.Settings {
        var resolver = Resolver(dictionaryOverride: dictionary.flatMap(GlobalDictionary.init(release:)))
        // A Mixer named by --release reads the records as the model evaluates them.
        if !noEvaluation { resolver.readerWordCount = mixer.readerWordCount }
        return InputStreamDecoder.Settings(
            inputKind: inputKind.kind, messageKind: messageKind.kind,
            limits: DecodeLimits(maxMessageBytes: maxMessageBytes, maxDepth: maxDepth, maxEntries: maxEntries),
            resolver: resolver, diagnostics: nil, maxLineBytes: maxLineBytes, maxStreams: maxStreams)
    }

    /// What each worker runs on every request: decode, diagnose, render.
    /// Each worker diagnoses with its own copy of the configuration
    /// (`ConfigurationsInForce.unshared`); the sink writes in input order.
    func workMaker(useColor: Bool) throws -> () -> @Sendable (PendingRequest) -> RenderedRequest {
        let skipped = Set((skipFindings ?? "").split(separator: ",").map { FindingCode(rawValue: String($0)) })
        let configurations = noEvaluation ? nil : try mixer.configurations()
        let rendering = RequestRendering(
            format: output, text: TextRenderer(useColor: useColor, explain: explain), summaryOnly: summary)
        return {
            let diagnostics = (configurations.map { Diagnostics.standard.evaluating(with: MixerEvaluator($0.unshared())) }
                ?? Diagnostics.standard).skipping(skipped)
            return { rendering.render($0.decoded(diagnosing: diagnostics)) }
        }
    }

    /// As many inputs as threads, or more (a kubelet log tree, several
    /// files): each is read, decoded and rendered whole by one thread, so
    /// that reading runs on every core. Fewer: one thread reads and the
    /// others decode (`ParallelDecoding`), which spreads one large input.
    static func readInParallel(
        _ inputs: [InputList.Input], settings: InputReader.Settings, workers: ParallelInputs<RenderedRequest>,
        write: (RenderedRequest) -> Void, inputDone: (InputList.Input, InputReader.Outcome) -> Void
    ) {
        workers.run(count: inputs.count) { index, found in
            InputReader.decode(inputs[index], settings: settings, found: found, waiting: {})
        } size: { rendered in
            rendered.pieces.reduce(256) { $0 + $1.count }
        } emit: { rendered in
            write(rendered)
        } finished: { index, outcome in
            inputDone(inputs[index], outcome)
        }
    }

    /// Says on standard error what went wrong reading one input; true for an input that could not be read.
    func report(_ outcome: InputReader.Outcome, of name: String) -> Bool {
        if let corruption = outcome.corruption {
            StandardStream.error.write("mixerdecode: \(name): \(corruption); what came before it was decoded\n")
        }
        if outcome.dumpsCutForRoom > 0 {
            StandardStream.error.write("mixerdecode: \(name): \(outcome.dumpsCutForRoom) dumps were ended early because more than \(maxStreams) streams had one in flight at once (see their limit-exceeded findings); raise --max-streams\n")
        }
        guard let readError = outcome.readError else { return false }
        StandardStream.error.write("mixerdecode: cannot read \(name): \(readError)\n")
        return true
    }
}

enum InputKindOption: String, ExpressibleByArgument, CaseIterable {
    case auto, log, raw, grpc, base64, hex
    var kind: InputKind? { InputKind(rawValue: rawValue) }
}

enum MessageKindOption: String, ExpressibleByArgument, CaseIterable {
    case auto, report, check, compressed, attributes
    case checkResponse = "check-response"
    var kind: MessageKind? { MessageKind(rawValue: rawValue) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(for stream: StandardStream) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: stream.isTerminal && !StandardStream.environmentForbidsColor
        }
    }
}
