import ArgumentParser
import Foundation
import MixerConfig
import MixerDecode

/// The Mixer a run models, for `decode` (its evaluation of each record) and
/// `metrics` (the series): release, configuration and cluster state.
struct MixerOptions: ParsableArguments {
    @Option(help: "The Istio release of the receiving Mixer and of its default configuration: 1.3.6, or 1.3 for its newest patch; the capture is read with that Mixer's global dictionary. Default: each Report's proxy (context.proxy_version, else its dictionary).")
    var release: String?

    @Option(name: .long, help: "A configuration file or directory (kubectl get rules,instances,handlers,attributemanifests -A -o yaml), replacing the defaults; repeat for more.")
    var config: [String] = []

    @Flag(help: "Add --config to the release's defaults instead of replacing them (to try one rule or metric).")
    var withDefaults = false

    @Option(name: .long, help: "Cluster state for kubernetesenv (kubectl get pods,replicasets,replicationcontrollers -A -o yaml); repeat for more.")
    var kube: [String] = []

    func validate() throws {
        if let release, IstioRelease(release) == nil {
            throw ValidationError("unknown release '\(release)': Mixer telemetry exists in 0.8 to 1.7 (e.g. 1.3.6, or 1.3)")
        }
        if withDefaults && config.isEmpty { throw ValidationError("--with-defaults adds --config files to the defaults: name some") }
    }

    var chosenRelease: ReleaseChoice? {
        release.flatMap(IstioRelease.init).map { ReleaseChoice(release: $0, reason: "--release \(release!)") }
    }

    /// How many global words the receiving Mixer knows, when `--release`
    /// names it: it reads every word index with its own list, so an older
    /// Mixer than the proxy finds later indices undefined.
    var readerWordCount: Int? {
        chosenRelease.flatMap { MixerServer(release: $0.release).dictionary?.wordCount }
    }

    /// The configurations in force, with the files read (exit 2 when one cannot be).
    func configurations() throws -> ConfigurationsInForce {
        let files = config.isEmpty ? nil : try ConfigFiles.list(config).map { ConfigurationsInForce.Source(file: $0, text: try Self.read($0)) }
        return ConfigurationsInForce(release: chosenRelease, userFiles: files, addsToDefaults: withDefaults, cluster: try cluster())
    }

    private func cluster() throws -> ClusterState? {
        guard !kube.isEmpty else { return nil }
        var cluster = ClusterState()
        for path in try ConfigFiles.list(kube) {
            let (read, problems) = ClusterState.load(yaml: try Self.read(path), file: path)
            for problem in problems { StandardStream.error.write("mixerdecode: \(problem)\n") }
            cluster.merge(read)
        }
        return cluster
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardStream.error.write("mixerdecode: cannot read \(path)\n")
            throw ExitCode(2)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

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
