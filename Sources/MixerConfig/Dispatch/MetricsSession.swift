import MixerDecode

/// Everything `mixerdecode metrics` does between decoded requests and its
/// output, as a library: the release (given, or taken from the first
/// Report), the configuration (given, or that release's defaults), the
/// modelled Mixer, and the per-destination summary.
///
///     var session = MetricsSession(chosen: nil, userConfig: nil, cluster: nil)
///     for request in requests { session.receive(request) }
///     print(session.prometheusText())
public struct MetricsSession {
    public private(set) var chosen: ReleaseChoice?
    let userConfig: ConfigSet?
    /// `--with-defaults`: the user's resources come on top of the release's defaults.
    let addsToDefaults: Bool
    let cluster: ClusterState?
    public private(set) var model: MixerModel?
    public private(set) var summary = MetricsSummary()
    public private(set) var configSource = ""
    public private(set) var problems: [ConfigProblem] = []
    private var prometheusRules: Set<String> = []

    public init(chosen: ReleaseChoice?, userConfig: ConfigSet?, addsToDefaults: Bool = false, cluster: ClusterState?) {
        self.chosen = chosen
        self.userConfig = userConfig
        self.addsToDefaults = addsToDefaults
        self.cluster = cluster
        if let chosen { start(chosen) }
    }

    /// One decoded request; the first Report fixes the release when none was given.
    public mutating func receive(_ request: ResolvedRequest) {
        guard request.message == .report else { return }
        if model == nil {
            guard let detected = ReleaseChoice.detect(from: request) else { return }
            chosen = detected
            start(detected)
        }
        guard var model else { return }
        let outcome = model.receive(request)
        self.model = model
        summary.add(outcome, prometheusRules: prometheusRules)
    }

    private mutating func start(_ choice: ReleaseChoice) {
        let server = MixerServer(release: choice.release)
        let defaults = ConfigSet.defaults(of: choice.release) ?? ConfigSet(source: "no configuration")
        var set = userConfig ?? defaults
        if let userConfig, addsToDefaults {
            set = defaults
            set.resources += userConfig.resources
            set.problems += userConfig.problems
            set.source = defaults.source + ", and " + userConfig.source
        }
        let configuration = MixerConfiguration(set.resources, server: server)
        configSource = set.source
        problems = set.problems + configuration.problems
        if !set.resources.contains(where: { $0.kind == "attributemanifest" }) {
            problems.insert(ConfigProblem(
                file: set.source, message: "no attributemanifest: Mixer knows no attribute, so no expression checks; add kubectl get attributemanifests -A -o yaml, or use --with-defaults"), at: 0)
        }
        prometheusRules = Set(configuration.rules.filter { rule in
            rule.actions.contains { configuration.handlers[$0.handler]?.adapter == "prometheus" }
        }.map(\.fullName))
        model = MixerModel(configuration: configuration, cluster: cluster)
    }

    public var store: SeriesStore { model?.series ?? SeriesStore() }

    /// The header of the text report: which Mixer, which configuration.
    public var header: [String] {
        guard let chosen, let model else { return ["no Report in the input: nothing reaches Mixer's metrics"] }
        return [
            "\(model.configuration.server) (release \(chosen)); configuration: \(configSource)",
            "\(summary.reports) Report\(summary.reports == 1 ? "" : "s"), \(store.series.count) series",
        ]
    }

    public func text() -> String { summary.text(store: store, header: header, problems: problems) }
    public func prometheusText() -> String { ExpositionWriter.prometheusText(store) }
    public func openMetrics() -> String { ExpositionWriter.openMetrics(store).text }
    public func graph() -> TrafficGraph { TrafficGraph(store) }
}
