/// One row per destination and reporter: how many records, which protocols,
/// which metrics Mixer produced from them and which labels read "unknown"
/// (from each record's ``MixerEvaluation``, when an evaluator ran), and the
/// most important finding. Fed request by request, so it works on
/// streams; memory grows with the number of destinations, not of records.
///
///     var summary = ServiceSummary()
///     decoder.decode(bytes, inputName: "log") { summary.add($0) }
///     for row in summary.rows { print(row.destination, row.metrics) }
public struct ServiceSummary: Sendable {
    /// What one destination's records, seen from one reporter (and stream), make.
    public struct Row: Sendable {
        /// The service host, or address:port when there is none.
        public var destination: String
        /// Mixer's `reporter` label: "destination" (inbound) or "source" (outbound).
        public var reporter: String
        public var address: String?
        /// Whose log the records came from, when the log named streams (pods).
        public var stream: LogStream?
        public var records = 0
        public var protocols: [String: Int] = [:]
        /// Metrics (exposed names) at least one record of this row feeds.
        public var metrics: Set<String> = []
        /// Records a Mixer configuration was evaluated on (``ResolvedRecord/mixer``).
        public var evaluatedRecords = 0
        /// Evaluated records whose metrics depend on which release the proxy is.
        public var releaseDependentRecords = 0
        /// Labels that read "unknown" on at least one record.
        public var unknownLabels: Set<String> = []
        /// How many of each diagnostic finding the records carry.
        public var findingCounts: [FindingCode: Int] = [:]
        /// The most severe finding (the first seen among equals).
        public var topFinding: Finding?

        /// Records whose context.protocol is not in what survived of a cut
        /// dump: which metrics they feed cannot be told.
        public var undeterminedRecords = 0

        /// The request count metric's names: 0.8's, then 1.0's and later.
        public static let requestCountMetrics: Set<String> = ["istio_request_count", "istio_requests_total"]

        /// The request count metric Mixer surely produces for none of the records.
        public var missesRequestMetrics: Bool { feedsRequestMetrics == false }

        /// Whether some record feeds the request count metric: nil when that
        /// cannot be told (no evaluation, or records not seen whole).
        public var feedsRequestMetrics: Bool? {
            if !metrics.isDisjoint(with: Self.requestCountMetrics) { return true }
            return undeterminedRecords > 0 || releaseDependentRecords > 0 || evaluatedRecords == 0 ? nil : false
        }
    }

    /// A row per destination, reporter and stream.
    private struct RowKey: Hashable {
        var destination: String
        var reporter: String
        var stream: LogStream?
    }

    private var rowsByKey: [RowKey: Row] = [:]
    private var order: [RowKey] = []

    public init() {}

    /// True when some row's records came from a named stream (a pod's log).
    public var hasStreams: Bool { rowsByKey.values.contains { $0.stream != nil } }

    /// Rows, most severe top finding first, then in the order first seen.
    public var rows: [Row] {
        func rank(_ row: Row) -> Int {
            row.topFinding.map { Finding.Severity.allCases.firstIndex(of: $0.severity)! + 1 } ?? 0
        }
        let seen = order.map { rowsByKey[$0]! }
        return seen.indices.sorted { (rank(seen[$0]), -$0) > (rank(seen[$1]), -$1) }.map { seen[$0] }
    }

    /// Counts the Report records of `request` (Checks feed no metrics).
    public mutating func add(_ request: ResolvedRequest) {
        guard request.message == .report else { return }
        for record in request.records {
            let target = Destination(record)
            let reporter: String = if case .string("outbound")? = record.attributes.value(of: .contextReporterKind) {
                "source"
            } else {
                "destination"
            }
            let name = target.serviceHost ?? target.addressAndPort ?? "unknown"
            let key = RowKey(destination: name, reporter: reporter, stream: request.location.stream)
            if rowsByKey[key] == nil {
                rowsByKey[key] = Row(
                    destination: name, reporter: reporter, address: target.addressAndPort, stream: request.location.stream)
                order.append(key)
            }
            update(&rowsByKey[key]!, with: record, request: request)
        }
    }

    /// Adds what `other` counted, of requests that come after the ones
    /// counted here: the same as adding them here one by one (rows first
    /// seen there come after these; a top finding replaces this one only
    /// when more severe). Workers count their own requests, and the counts
    /// are merged in input order.
    public mutating func merge(_ other: ServiceSummary) {
        for key in other.order {
            let theirs = other.rowsByKey[key]!
            guard var row = rowsByKey[key] else {
                rowsByKey[key] = theirs
                order.append(key)
                continue
            }
            row.records += theirs.records
            row.protocols.merge(theirs.protocols, uniquingKeysWith: +)
            row.metrics.formUnion(theirs.metrics)
            row.evaluatedRecords += theirs.evaluatedRecords
            row.releaseDependentRecords += theirs.releaseDependentRecords
            row.unknownLabels.formUnion(theirs.unknownLabels)
            row.findingCounts.merge(theirs.findingCounts, uniquingKeysWith: +)
            if let top = theirs.topFinding, row.topFinding == nil || top.severity > row.topFinding!.severity {
                row.topFinding = top
            }
            row.undeterminedRecords += theirs.undeterminedRecords
            rowsByKey[key] = row
        }
    }

    private func update(_ row: inout Row, with record: ResolvedRecord, request: ResolvedRequest) {
        row.records += 1
        let context = RecordContext(record: record, request: request)
        let protocolValue = record.attributes.value(of: .contextProtocol)
        let undetermined = protocolValue == nil && !context.isAbsent(.contextProtocol)
        if undetermined { row.undeterminedRecords += 1 }
        let protocolName: String = switch protocolValue {
        case .string(let text)?: text
        case nil: undetermined ? "unknown" : "(none)"
        case let other?: "(\(other.kind.rawValue))"
        }
        row.protocols[protocolName, default: 0] += 1
        let findings = record.findings + request.findings
        for finding in findings where Diagnostics.isDiagnostic(finding.code) || finding.severity == .error {
            row.findingCounts[finding.code, default: 0] += 1
            if row.topFinding == nil || finding.severity > row.topFinding!.severity {
                row.topFinding = finding
            }
        }
        // What the Mixer in force made of the record, when it was evaluated.
        guard let mixer = record.mixer, !undetermined else { return }
        guard mixer.notShownWhole == nil else {
            row.undeterminedRecords += 1
            return
        }
        row.evaluatedRecords += 1
        if mixer.releaseDependent != nil { row.releaseDependentRecords += 1 }
        for series in mixer.series {
            row.metrics.insert(series.metric)
            for label in series.labels where label.value == "unknown" && !mixer.needClusterState.contains(label.name) {
                row.unknownLabels.insert(label.name)
            }
        }
    }
}
