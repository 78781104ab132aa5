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
    public let configurations: ConfigurationsInForce
    public private(set) var chosen: ReleaseChoice?
    public private(set) var model: MixerModel?
    public private(set) var summary = MetricsSummary()
    public private(set) var configSource = ""
    public private(set) var problems: [ConfigProblem] = []
    private var prometheusRules: Set<String> = []

    public init(_ configurations: ConfigurationsInForce) {
        self.configurations = configurations
    }

    /// One decoded request; the first Report fixes the release when none was given.
    public mutating func receive(_ request: ResolvedRequest) {
        guard request.message == .report else { return }
        if model == nil {
            guard let (entry, choice) = configurations.entry(for: request) else { return }
            chosen = choice
            start(entry)
        }
        guard var model else { return }
        let outcome = model.receive(request)
        self.model = model
        summary.add(outcome, prometheusRules: prometheusRules)
    }

    private mutating func start(_ entry: ConfigurationsInForce.Entry) {
        let configuration = entry.configuration
        configSource = entry.label
        problems = entry.problems
        prometheusRules = Set(entry.findings.metricsByRule.keys)
        model = MixerModel(configuration: configuration, cluster: configurations.cluster)
    }

    public var store: SeriesStore { model?.series ?? SeriesStore() }

    /// The header of the text report: which Mixer, which configuration.
    public var header: [String] {
        guard let chosen, model != nil else { return ["no Report in the input: nothing reaches Mixer's metrics"] }
        return [
            "\(configSource) (release \(chosen.release) from \(chosen.reason))",
            "\(summary.reports) Report\(summary.reports == 1 ? "" : "s"), \(store.series.count) series",
        ]
    }

    public func text() -> String { summary.text(store: store, header: header, problems: problems) }
    public func prometheusText() -> String { ExpositionWriter.prometheusText(store) }
    public func openMetrics() -> String { ExpositionWriter.openMetrics(store).text }
    public func graph() -> TrafficGraph { TrafficGraph(store) }
}
