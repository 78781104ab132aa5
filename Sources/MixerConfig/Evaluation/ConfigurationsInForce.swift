import MixerDecode
import Synchronization

/// The configuration each Report meets: one release's (given, or the
/// proxy's own), built once per release and shared by every record and
/// thread. The user's files are kept as text, so that each release reads
/// them as that release does (legacy kinds before 1.2, functions).
public final class ConfigurationsInForce: Sendable {
    public struct Source: Sendable {
        public var file: String
        public var text: String
        public init(file: String, text: String) {
            self.file = file
            self.text = text
        }
    }

    let release: ReleaseChoice?
    let userFiles: [Source]?
    let addsToDefaults: Bool
    let cluster: ClusterState?
    private let built = Mutex<[IstioRelease: Entry]>([:])

    struct Entry: Sendable {
        var configuration: MixerConfiguration
        /// `Mixer 1.1.6, Istio's 1.1.3-1.1.17 defaults`.
        var label: String
        var problems: [ConfigProblem]
        var findings: EvaluatedFindings
    }

    /// `release`: the Mixer of every Report; nil: each Report's proxy
    /// decides (``ReleaseChoice/detect(from:)``). `userFiles`: replace the
    /// defaults, or with `addsToDefaults` come on top of them.
    public init(release: ReleaseChoice?, userFiles: [Source]? = nil, addsToDefaults: Bool = false, cluster: ClusterState? = nil) {
        self.release = release
        self.userFiles = userFiles
        self.addsToDefaults = addsToDefaults
        self.cluster = cluster
    }

    /// The same configurations, built again when first used: for a thread
    /// of its own (`ParallelDecoding`), so that no object of the built
    /// configuration is shared between threads. Every record reads those
    /// objects many times, and reference counts that two cores update in
    /// turn cost more than building the configuration once per thread.
    public func unshared() -> ConfigurationsInForce {
        ConfigurationsInForce(release: release, userFiles: userFiles, addsToDefaults: addsToDefaults, cluster: cluster)
    }

    /// The Mixer and configuration a Report meets, and why that release.
    func entry(for request: ResolvedRequest) -> (Entry, ReleaseChoice)? {
        guard let choice = release ?? ReleaseChoice.detect(from: request) else { return nil }
        return (entry(for: choice.release), choice)
    }

    /// The other releases a Report's proxy can be, when none was given and
    /// its dictionary fits several (``ReleaseChoice/candidates(from:)``).
    func otherCandidates(for request: ResolvedRequest) -> [ReleaseChoice] {
        guard release == nil else { return [] }
        return Array(ReleaseChoice.candidates(from: request).dropLast())
    }

    func entry(for release: IstioRelease) -> Entry {
        if let entry = built.withLock({ $0[release] }) { return entry }
        let entry = build(release)
        built.withLock { $0[release] = entry }
        return entry
    }

    private func build(_ release: IstioRelease) -> Entry {
        let server = MixerServer(release: release)
        var set = ConfigSet(source: "")
        var label = "\(server)"
        if userFiles == nil || addsToDefaults, let defaults = ConfigSet.defaults(of: release) {
            set = defaults
            label += ", Istio's \(DefaultConfigurations.variant(for: release)!) defaults"
        }
        if let userFiles {
            for file in userFiles { set.add(text: file.text, file: file.file) }
            label += (addsToDefaults ? " and " : ", ") + userFiles.map(\.file).joined(separator: " ")
        }
        let configuration = MixerConfiguration(set.resources, server: server)
        var problems = set.problems + configuration.problems
        if !set.resources.contains(where: { $0.kind == "attributemanifest" }) {
            problems.insert(ConfigProblem(
                file: userFiles?.first?.file ?? "-",
                message: "no attributemanifest: Mixer knows no attribute, so no expression checks; add kubectl get attributemanifests -A -o yaml, or use --with-defaults"), at: 0)
        }
        return Entry(
            configuration: configuration, label: label, problems: problems,
            findings: EvaluatedFindings(configuration: configuration, hasClusterState: cluster != nil))
    }
}
