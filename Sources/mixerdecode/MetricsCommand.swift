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
            defaults): kubernetesenv attribute generation (--kube: kubectl get pods,replicasets,\\
            replicationcontrollers -A -o yaml), rule matching, instances, the Prometheus adapter. \\
            Without --release, the first Report's proxy decides (context.proxy_version, else its dictionary).
            """)

    @Argument(help: "Input files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "The Istio release of the receiving Mixer and of its default configuration: 1.3.6, or 1.3 for its newest patch.")
    var release: String?

    @Option(name: .long, help: "A configuration file or directory (kubectl get rules,instances,handlers,attributemanifests -A -o yaml), replacing the defaults; repeat for more.")
    var config: [String] = []

    @Flag(help: "Add --config to the release's defaults instead of replacing them (to try one rule or metric).")
    var withDefaults = false

    @Option(name: .long, help: "Cluster state for kubernetesenv (kubectl get pods,replicasets,replicationcontrollers -A -o yaml); repeat for more.")
    var kube: [String] = []

    @Option(name: [.short, .customLong("output")], help: "text (series and reasons per destination), prom (exposition text), openmetrics (timestamped, for promtool tsdb create-blocks-from), json.")
    var output: MetricsFormat = .text

    @Option(help: "Write the traffic graph instead: dot or mermaid.")
    var graph: GraphFormat?

    func validate() throws {
        if let release, IstioRelease(release) == nil {
            throw ValidationError("unknown release '\(release)': Mixer telemetry exists in 0.8 to 1.7 (e.g. 1.3.6, or 1.3)")
        }
    }

    func run() throws {
        var run = MetricsSession(
            chosen: release.flatMap(IstioRelease.init).map { ReleaseChoice(release: $0, reason: "--release \(release!)") },
            userConfig: try loadConfig(), addsToDefaults: withDefaults, cluster: try loadCluster())
        let server = run.chosen.map { MixerServer(release: $0.release) }
        let decoding = InputStreamDecoder.Settings(resolver: Resolver(dictionaryOverride: server?.dictionary), diagnostics: nil)
        var sawIOError = false
        let list = InputList(arguments: files)
        for problem in list.problems {
            StandardStream.error.write("mixerdecode: cannot read \(problem)\n")
            sawIOError = true
        }
        for input in list.inputs {
            let outcome = InputReader.decode(input, settings: InputReader.Settings(decoding: decoding, follow: false)) { run.receive($0) }
            if let readError = outcome.readError {
                StandardStream.error.write("mixerdecode: cannot read \(input.path): \(readError)\n")
                sawIOError = true
            }
        }
        StandardStream.output.write(render(run))
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

    private func loadConfig() throws -> ConfigSet? {
        guard !config.isEmpty else { return nil }
        var set = ConfigSet(source: "--config " + config.joined(separator: " "))
        for path in try ConfigFiles.list(config) {
            guard let data = FileManager.default.contents(atPath: path) else {
                StandardStream.error.write("mixerdecode: cannot read \(path)\n")
                throw ExitCode(2)
            }
            set.add(text: String(decoding: data, as: UTF8.self), file: path)
        }
        return set
    }

    private func loadCluster() throws -> ClusterState? {
        guard !kube.isEmpty else { return nil }
        var cluster = ClusterState()
        for path in try ConfigFiles.list(kube) {
            guard let data = FileManager.default.contents(atPath: path) else {
                StandardStream.error.write("mixerdecode: cannot read \(path)\n")
                throw ExitCode(2)
            }
            let (read, problems) = ClusterState.load(yaml: String(decoding: data, as: UTF8.self), file: path)
            for problem in problems { StandardStream.error.write("mixerdecode: \(problem)\n") }
            cluster.merge(read)
        }
        return cluster
    }
}

enum MetricsFormat: String, ExpressibleByArgument, CaseIterable { case text, prom, openmetrics, json }
enum GraphFormat: String, ExpressibleByArgument, CaseIterable { case dot, mermaid }

/// Files named on the command line: a directory gives its YAML and JSON
/// files, recursively, in name order.
enum ConfigFiles {
    static func list(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                StandardStream.error.write("mixerdecode: cannot read \(path): no such file or directory\n")
                throw ExitCode(2)
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { [".yaml", ".yml", ".json"].contains(where: $0.hasSuffix) }.sorted()
            files += found.map { path + "/" + $0 }
        }
        return files
    }
}
