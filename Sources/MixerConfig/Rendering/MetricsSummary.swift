import MixerDecode

/// What `mixerdecode metrics -o text` says per destination: the series that
/// appear, and for each rule that sends to Prometheus, the records it did
/// not count and why.
public struct MetricsSummary: Sendable {
    public struct Destination: Sendable {
        public var records = 0
        public var series: Set<SeriesKey> = []
        /// Rule full name to the records it matched.
        public var matched: [String: Int] = [:]
        /// Rule full name to reason to records.
        public var notMatched: [String: [String: Int]] = [:]
        /// Instance, adapter and dispatch problems to records.
        public var problems: [String: Int] = [:]
        /// Pods the records' uids name, when no cluster state was given.
        public var inferredPods: Set<String> = []
    }

    public private(set) var destinations: [String: Destination] = [:]
    public private(set) var reports = 0
    public private(set) var rejectedReports: [String: Int] = [:]

    public init() {}

    /// Adds one Report's outcome; `prometheusRules` are the rules whose
    /// actions reach a Prometheus handler (the only ones worth a reason).
    public mutating func add(_ outcome: MixerModel.ReportOutcome, prometheusRules: Set<String>) {
        reports += 1
        if let rejected = outcome.rejected { rejectedReports[rejected, default: 0] += 1 }
        for record in outcome.records {
            var entry = destinations[record.destination] ?? Destination()
            entry.records += 1
            if let reason = record.notDispatched ?? record.unseen { entry.problems[reason, default: 0] += 1 }
            entry.inferredPods.formUnion(record.inferredPods.values)
            // A record the input shows only in part says nothing of why a
            // rule did not match: what is missing may be in the part not shown.
            for rule in record.rules where prometheusRules.contains(rule.rule) && record.unseen == nil {
                switch rule.result {
                case .matched: entry.matched[rule.rule, default: 0] += 1
                case .notMatched(let because): entry.notMatched[rule.rule, default: [:]][because, default: 0] += 1
                case .failed(let error), .unusable(let error): entry.notMatched[rule.rule, default: [:]][error, default: 0] += 1
                case .otherProtocol(let tcp):
                    entry.notMatched[rule.rule, default: [:]]["Mixer 0.8 runs it for \(tcp ? "tcp" : "non-tcp") records only", default: 0] += 1
                }
                for instance in rule.instances { if let error = instance.error { entry.problems["\(instance.instance): \(error)", default: 0] += 1 } }
            }
            for update in record.series {
                if let key = update.series { entry.series.insert(key) }
                if let error = update.error { entry.problems["\(update.handler): \(error)", default: 0] += 1 }
            }
            destinations[record.destination] = entry
        }
    }

    /// The text report.
    public func text(store: SeriesStore, header: [String], problems: [ConfigProblem]) -> String {
        var out = header.map { $0 + "\n" }.joined()
        if !problems.isEmpty {
            out += "\nconfiguration problems (\(problems.count)):\n" + problems.map { "  \($0)\n" }.joined()
        }
        for (reason, count) in rejectedReports.sorted(by: { $0.key < $1.key }) { out += "\n\(count) Report(s) refused: \(reason)\n" }
        for name in destinations.keys.sorted() {
            let entry = destinations[name]!
            out += "\ndestination \(name) (\(entry.records) record\(entry.records == 1 ? "" : "s"))\n"
            out += entry.series.isEmpty ? "  no series\n" : entry.series.sorted().map { "  " + Self.line($0, store.series[$0]) + "\n" }.joined()
            for rule in entry.notMatched.keys.sorted() {
                let reasons = entry.notMatched[rule]!
                let missed = reasons.values.reduce(0, +)
                let scope = entry.matched[rule] == nil ? "matched none of the \(entry.records) records" : "did not match \(missed) of \(entry.records) records"
                out += "  rule \(rule) \(scope):\n"
                for (reason, count) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { out += "    \(count) x \(reason)\n" }
            }
            for (problem, count) in entry.problems.sorted(by: { $0.key < $1.key }) { out += "  \(count) x \(problem)\n" }
            if !entry.inferredPods.isEmpty {
                let pods = entry.inferredPods.sorted()
                let shown = pods.prefix(4).joined(separator: ", ") + (pods.count > 4 ? ", ..." : "")
                out += "  inferred, not known: the uids name pods (\(shown)); without their cluster state (--kube) their workload, app and version labels read \"unknown\" here, while Mixer had them if it found the pods\n"
            }
        }
        return out
    }

    static func line(_ key: SeriesKey, _ series: SeriesStore.Series?) -> String {
        let labels = key.labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",")
        guard let series else { return key.metric }
        let value = series.kind == .histogram
            ? "count \(GoFloat.formatG(Double(series.count))) sum \(GoFloat.formatG(series.value))"
            : GoFloat.formatG(series.value)
        return "\(key.metric){\(labels)} \(value)"
    }
}
