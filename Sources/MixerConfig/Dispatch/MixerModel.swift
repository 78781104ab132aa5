import MixerDecode

/// The Mixer that receives the traffic, modelled whole: it reads each
/// Report as its release does (dictionary, batch semantics, what ends a
/// Report), dispatches every record through its configuration, and sums
/// what its Prometheus handlers receive into series.
///
///     var mixer = MixerModel(configuration: config, cluster: nil)
///     let outcome = mixer.receive(request)   // a decoded ReportRequest
///     for key in mixer.series.sortedKeys { print(key.metric, mixer.series.series[key]!.value) }
public struct MixerModel: Sendable {
    public let configuration: MixerConfiguration
    public let cluster: ClusterState?
    public private(set) var series = SeriesStore()

    /// Whether ``series`` sums what the handlers receive (a model made to
    /// tell what each record does, and dropped after one Report, needs not).
    private let keepsSeries: Bool

    public init(configuration: MixerConfiguration, cluster: ClusterState?, keepsSeries: Bool = true) {
        self.configuration = configuration
        self.cluster = cluster
        self.keepsSeries = keepsSeries
    }

    /// What happened to one Report.
    public struct ReportOutcome: Sendable {
        /// Why Mixer refused the whole Report, when it did.
        public var rejected: String?
        public var records: [RecordDispatch] = []
        /// The attribute bag of each record dispatched, by its position in
        /// `records` (nil for one not dispatched), for comparing with another configuration.
        var bags: [AttributeBag?] = []

        func bag(at position: Int) -> AttributeBag? { position < bags.count ? bags[position] : nil }
    }

    public mutating func receive(_ request: ResolvedRequest) -> ReportOutcome {
        var outcome = ReportOutcome(rejected: nil)
        guard request.message == .report else { return outcome }
        let server = configuration.server
        if let reason = refusal(of: request) {
            outcome.rejected = reason
            outcome.records = request.records.map { Self.skipped($0.index, reason) }
            return outcome
        }
        let replaysAsDelta = !server.readsRepeatedSemantics || request.semantics == .delta
        var dispatcher = RecordDispatcher(config: configuration, cluster: cluster)
        // By the handler's index in the routing table; the handlers in the order first reached.
        var batches = [[(record: Int, built: RecordDispatcher.Built)]](repeating: [], count: configuration.routing.handlerNames.count)
        var handlerOrder: [Int] = []
        var carried: AttributeBag?
        var ended: String?
        for record in request.records {
            if let ended {
                outcome.records.append(Self.skipped(record.index, ended))
                outcome.bags.append(nil)
                continue
            }
            if let reason = unreadableByMixer(record, delta: replaysAsDelta) {
                outcome.records.append(Self.skipped(record.index, reason))
                outcome.bags.append(nil)
                if server.endsReportAtUnreadableRecord {
                    ended = "not dispatched: \(server) ended the Report at record \(record.index)"
                }
                continue
            }
            var bag = AttributeBag(record, manifest: configuration.manifest, keeping: configuration.routing.reads)
            if replaysAsDelta && request.semantics != .delta {
                // 0.8 and 1.0 replay every batch as delta: what earlier records sent stays.
                bag = carried.map { $0.updated(by: bag) } ?? bag
                carried = bag
            }
            var (dispatch, built, dispatched) = dispatcher.dispatch(consume bag, index: record.index)
            if let reason = Self.notShownWhole(record) {
                // What the input shows is still evaluated (an absence it shows
                // for certain is a fact), but nothing of it is counted.
                dispatch.unseen = reason
                built = []
            }
            for instance in built {
                if batches[instance.handlerIndex].isEmpty { handlerOrder.append(instance.handlerIndex) }
                batches[instance.handlerIndex].append((outcome.records.count, instance))
            }
            outcome.bags.append(dispatched)
            outcome.records.append(dispatch)
        }
        flush(handlerOrder, batches, into: &outcome)
        return outcome
    }

    /// Why Mixer dispatches none of the Report's records, when it does not.
    private func refusal(of request: ResolvedRequest) -> String? {
        let server = configuration.server
        if server.checksGlobalWordCount, let count = request.globalWordCount, let known = server.dictionary?.wordCount, Int(count) > known {
            // `1.1.6:mixer/pkg/api/grpcServer.go`, `Report`.
            return "inconsistent global dictionary versions used: mixer knows \(known) words, caller knows \(count): \(server) refuses the whole Report (codes.Internal)"
        }
        if server.readsRepeatedSemantics, case .unknown(let value)? = request.semantics {
            // `Report` switches on the semantics with no default case: no record is dispatched, and the answer is OK.
            return "repeated_attributes_semantics is \(value), neither DELTA_ENCODING nor INDEPENDENT_ENCODING: \(server) dispatches none of the records (and answers OK)"
        }
        return nil
    }

    /// `reporter.Flush`: each handler gets the Report's instances in one call.
    private mutating func flush(
        _ order: [Int], _ batches: [[(record: Int, built: RecordDispatcher.Built)]], into outcome: inout ReportOutcome
    ) {
        for index in order {
            let handler = configuration.routing.handlerNames[index]
            let batch = batches[index]
            guard let config = configuration.handlers[handler], case .prometheus(let params) = config.body else { continue }
            let updates = PrometheusAdapter(handler: handler, params: params).handle(batch.map(\.built))
            for (entry, update) in zip(batch, updates) {
                outcome.records[entry.record].series.append(update)
                guard keepsSeries, let key = update.series, let metric = entry.built.instance.prometheus?.metric else { continue }
                series.add(key, metric: params.metrics[metric], amount: update.amount, time: outcome.records[entry.record].time)
            }
        }
    }

    /// Why this input cannot say all Mixer got of a record: damage, or a
    /// paste that shows it only in part.
    static func notShownWhole(_ record: ResolvedRecord) -> String? {
        guard record.isPartial || record.unseen != nil else { return nil }
        return "the input does not show all of this record, so its series cannot be told: left out of them"
    }

    /// Why Mixer cannot read a record: a word its dictionary lacks (a delta
    /// record past the first fails `UpdateBagFromProto`).
    private func unreadableByMixer(_ record: ResolvedRecord, delta: Bool) -> String? {
        if delta && record.index > 0, let finding = record.findings.first(where: { $0.code == .unknownIndex }) {
            return "request could not be processed due to invalid attributes (\(finding.message)): \(configuration.server) does not dispatch this record"
        }
        return nil
    }

    private static func skipped(_ index: Int, _ reason: String) -> RecordDispatch {
        RecordDispatch(recordIndex: index, namespace: "", notDispatched: reason, rules: [], series: [], time: nil)
    }
}
