import ArgumentParser
import MixerConfig
import MixerDecode

/// `mixerdecode expr`: one Mixer expression parsed, checked against an
/// attribute manifest and evaluated on a bag of attributes, as Mixer would,
/// for people writing rules. Prints one JSON line.
struct ExprCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expr",
        abstract: "Evaluate one Mixer expression (CEXL) as Mixer does: parse, type-check, evaluate.",
        discussion: """
            Prints {"value": V, "type": "STRING"} (V written as -o ndjson writes attribute values), \\
            or {"error": "...", "stage": "parse"|"check"|"eval"} with the column when there is one. \\
            Exit status 0 for a value, 1 for an error of the expression, 2 for unreadable files.
            """)

    @Argument(help: "The expression, e.g. 'source.labels[\"app\"] | \"unknown\"'.")
    var expression: String

    @Option(name: .long, help: "YAML files of attributemanifest resources (kubectl -o yaml output works); default: the manifest of --release's default configuration.")
    var manifest: [String] = []

    @Option(help: "The Istio release whose expression language (its functions) and default manifest to use: 1.3.6, or 1.3; default: the newest (1.7).")
    var release: String = "1.7"

    func validate() throws {
        if IstioRelease(release) == nil { throw ValidationError("unknown release '\(release)': Mixer exists in 0.8 to 1.7") }
    }

    @Option(name: .long, help: "A JSON file of one object: the attributes present, typed by the manifest; default: none present.")
    var attributes: String?

    func run() throws {
        let server = MixerServer(release: IstioRelease(release)!)
        let types = try loadManifest(server)
        var bag: [String: ExpressionValue] = [:]
        if let attributes {
            switch ExpressionAttributes.fromJSON(try readFile(attributes), manifest: types) {
            case .success(let read): bag = read
            case .failure(let problem):
                StandardStream.error.write("mixerdecode: \(attributes): \(problem)\n")
                throw ExitCode(2)
            }
        }
        let result = MixerExpression.parse(expression)
            .flatMap { parsed in server.checker(types).type(of: parsed).map { _ in parsed } }
            .flatMap { ExpressionEvaluator().evaluate($0, attributes: bag) }
        StandardStream.output.write(ExpressionResultJSON.line(result) + "\n")
        if case .failure = result { throw ExitCode(1) }
    }

    private func loadManifest(_ server: MixerServer) throws -> AttributeManifest {
        guard !manifest.isEmpty else {
            let defaults = ConfigSet.defaults(of: server.release)!
            return MixerConfiguration(defaults.resources, server: server).manifest
        }
        var types: [String: AttributeType] = [:]
        for file in manifest {
            switch AttributeManifestYAML.manifest(from: String(decoding: try readFile(file), as: UTF8.self), file: file) {
            case .success(let read): types.merge(read.types) { _, new in new }
            case .failure(let problem):
                StandardStream.error.write("mixerdecode: \(problem)\n")
                throw ExitCode(2)
            }
        }
        return AttributeManifest(types: types)
    }

    private func readFile(_ name: String) throws -> [UInt8] {
        var file = InputFile(name: name)
        guard file.open() else {
            StandardStream.error.write("mixerdecode: cannot read \(name): \(InputFile.lastErrorDescription())\n")
            throw ExitCode(2)
        }
        defer { file.close() }
        var bytes: [UInt8] = []
        while let chunk = file.read(1 << 16), !chunk.isEmpty { bytes += chunk }
        return bytes
    }
}
