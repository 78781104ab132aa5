import ArgumentParser
import MixerDecode

/// `mixerdecode encode`: JSON records in, Mixer requests out, compressed as
/// istio-proxy does. It reads its own `-o ndjson` / `-o json` output, so
/// decode, edit, encode is a way to build fixtures from real traffic.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Build Mixer requests from JSON records (the decoder's NDJSON, or {\"records\": [...]}).",
        discussion: """
            Input: the decoder's own NDJSON or JSON (objects with "attributes"; the objects of \\
            one request, by "input" and "request", become one request again), or objects \\
            {"message": "report"|"check", "release": "1.1", "semantics": "independent"|"delta", \\
            "records": [{NAME: VALUE, ...}, ...]}. Values are typed by the Istio 1.1.6 attribute \\
            manifest and written as the decoder writes them: RFC 3339 timestamps, "1.5s" \\
            durations, IP addresses as text (dotted IPv4 becomes 4 bytes), other bytes in \\
            base64, string maps as objects.

            Output (--to): grpc frames (default; several requests in a row), raw (one \\
            request), or hex / base64 text of the frames. Binary output is refused on a terminal.
            """)

    @Argument(help: "JSON files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "Dictionary release to compress with (0.8, 1.0, 1.1 ... 1.7, fallback); default: the input's, else 1.3.")
    var release: String?

    @Option(help: "Batch semantics: independent (1.1+) or delta (0.8, 1.0); default: the input's, else by release.")
    var semantics: SemanticsOption?

    @Option(help: "Message when the input does not say: report or check.")
    var message: EncodeInput.Request.Message = .report

    @Option(help: "Output form: grpc, raw, hex, base64.")
    var to: EncodeOutput.Form = .grpc

    func validate() throws {
        if let release, GlobalDictionary(release: release) == nil {
            throw ValidationError("unknown release '\(release)': use 0.8, 1.0, 1.1 ... 1.7, or fallback")
        }
    }

    func run() throws {
        var requests: [EncodeInput.Request] = []
        for name in files.isEmpty ? ["-"] : files {
            var file = InputFile(name: name)
            guard file.open() else {
                StandardStream.error.write("mixerdecode: cannot read \(name): \(InputFile.lastErrorDescription())\n")
                throw ExitCode(2)
            }
            var bytes: [UInt8] = []
            while let chunk = file.read(1 << 16), !chunk.isEmpty { bytes += chunk }
            file.close()
            do {
                requests += try EncodeInput.requests(fromJSON: bytes, defaultMessage: message)
            } catch let error as EncodeInput.Problem {
                StandardStream.error.write("mixerdecode: \(name): \(error.description)\n")
                throw ExitCode(1)
            }
        }
        let dictionary = release.flatMap(GlobalDictionary.init(release:))
        let messages = requests.map { $0.encoded(release: dictionary, semantics: semantics?.value) }
        if (to == .grpc || to == .raw) && StandardStream.output.isTerminal {
            throw ValidationError("binary output to a terminal: redirect it to a file, or use --to hex")
        }
        do {
            StandardStream.output.write(try EncodeOutput.bytes(messages, as: to))
        } catch let problem as EncodeOutput.Problem {
            throw ValidationError(problem.description)
        }
    }
}

enum SemanticsOption: String, ExpressibleByArgument {
    case independent, delta
    var value: RepeatedAttributesSemantics { self == .independent ? .independent : .delta }
}

extension EncodeInput.Request.Message: ExpressibleByArgument {}
extension EncodeOutput.Form: ExpressibleByArgument {}
