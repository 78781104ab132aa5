import ArgumentParser
import Foundation
import MixerConfig
import MixerDecode

/// `mixerdecode metrics`: the series Prometheus gets from the traffic, as
/// the receiving Mixer and its configuration make them.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Sum the traffic into the Prometheus series Mixer makes of it, with its release's configuration or yours.",
        discussion: """
            Reads any input the decoder reads. Each Report goes through the Mixer of --release (its dictionary, \\
            batch semantics and error handling) and its configuration (--config, else the release's bundled \\
            defaults): kubernetesenv attribute generation (--kube), rule matching, instances, the Prometheus \\
            adapter. Without --release, the first Report's proxy decides (context.proxy_version, else its dictionary).
            """)

    @Argument(help: "Input files; '-' or none reads standard input.")
    var files: [String] = []

    @OptionGroup var mixer: MixerOptions

    @Option(name: [.short, .customLong("output")], help: "text (series and reasons per destination), prom (exposition text), openmetrics (timestamped, for promtool tsdb create-blocks-from), json.")
    var output: MetricsFormat = .text

    @Option(help: "Write the traffic graph instead: dot or mermaid.")
    var graph: GraphFormat?

    func run() throws {
        let configurations = try mixer.configurations()
        var session = MetricsSession(configurations)
        var resolver = Resolver()
        resolver.readerWordCount = mixer.readerWordCount
        let decoding = InputStreamDecoder.Settings(resolver: resolver, diagnostics: nil)
        var sawIOError = false
        let list = InputList(arguments: files)
        for problem in list.problems {
            StandardStream.error.write("mixerdecode: cannot read \(problem)\n")
            sawIOError = true
        }
        // Decoding runs on every core; the model receives the requests in input order.
        var parallel = ParallelDecoding(jobs: ProcessInfo.processInfo.activeProcessorCount) { { $0.decoded() } }
        for input in list.inputs {
            let outcome = InputReader.decode(input, settings: InputReader.Settings(decoding: decoding, follow: false)) {
                parallel.add($0) { session.receive($0) }
            } waiting: {}
            parallel.flush { session.receive($0) }
            if let readError = outcome.readError {
                StandardStream.error.write("mixerdecode: cannot read \(input.path): \(readError)\n")
                sawIOError = true
            }
        }
        StandardStream.output.write(render(session))
        if sawIOError { throw ExitCode(2) }
    }

    private func render(_ session: MetricsSession) -> String {
        switch (graph, output) {
        case (.dot?, _): return session.graph().dot()
        case (.mermaid?, _): return session.graph().mermaid()
        case (nil, .text): return session.text()
        case (nil, .prom): return session.prometheusText()
        case (nil, .openmetrics): return session.openMetrics()
        case (nil, .json): return MetricsJSON.text(session)
        }
    }
}

enum MetricsFormat: String, ExpressibleByArgument, CaseIterable { case text, prom, openmetrics, json }
enum GraphFormat: String, ExpressibleByArgument, CaseIterable { case dot, mermaid }
