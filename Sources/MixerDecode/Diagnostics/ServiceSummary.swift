/// One row per destination and reporter: how many records, which protocols,
/// which metrics Mixer would produce from them, which labels read "unknown",
/// and the most important finding. Fed request by request, so it works on
/// streams; memory grows with the number of destinations, not of records.
///
///     var summary = ServiceSummary()
///     decoder.decode(bytes, inputName: "log") { summary.add($0) }
///     for row in summary.rows { print(row.destination, row.metrics) }
public struct ServiceSummary: Sendable {
    /// The metrics of Istio's default configuration a record can feed.
    public enum Metric: String, CaseIterable, Sendable {
        case requestsTotal = "istio_requests_total"
        case requestDuration = "istio_request_duration_seconds"
        case tcpBytes = "istio_tcp_sent/received_bytes_total"
        case tcpConnections = "istio_tcp_connections_opened/closed_total"
    }

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
        /// Metrics at least one record of this row feeds.
        public var metrics: Set<Metric> = []
        /// Labels that read "unknown" on at least one record.
        public var unknownLabels: Set<String> = []
        /// How many of each diagnostic finding the records carry.
        public var findingCounts: [FindingCode: Int] = [:]
        /// The most severe finding (the first seen among equals).
        public var topFinding: Finding?

        /// Records whose context.protocol is not in what survived of a cut
        /// dump: which metrics they feed cannot be told.
        public var undeterminedRecords = 0

        /// The HTTP metric Mixer surely produces for none of the records.
        public var missesRequestMetrics: Bool { !metrics.contains(.requestsTotal) && undeterminedRecords == 0 }

        /// Whether some record feeds istio_requests_total: nil when no record
        /// does as far as the input shows, but some could not be seen whole.
        public var feedsRequestMetrics: Bool? {
            metrics.contains(.requestsTotal) ? true : undeterminedRecords > 0 ? nil : false
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
        for finding in record.findings where finding.code == .unknownLabel {
            switch finding.attribute {
            case "destination.service.host": row.unknownLabels.insert("destination_service")
            case "destination.uid": row.unknownLabels.formUnion(["destination_workload", "destination_app", "destination_version"])
            case "source.uid": row.unknownLabels.formUnion(["source_workload", "source_app", "source_version"])
            default: break
            }
        }
        if !undetermined { row.metrics.formUnion(metrics(of: record, request: request, findings: findings)) }
    }

    /// What Mixer would make of one record (docs/protocol.md §8).
    private func metrics(of record: ResolvedRecord, request: ResolvedRequest, findings: [Finding]) -> Set<Metric> {
        // A refused request or dropped batch produces nothing at all.
        let refused = request.findings.contains {
            ($0.code == .dictionaryMismatch && $0.severity == .error) || $0.code == .unknownSemantics
        }
        if refused { return [] }
        let release = MixerRelease.of(record, dictionary: request.dictionary)
        // Only a requestcount dimension of the wrong type drops the instance.
        let broken = findings.contains {
            $0.code == .typeMismatch && $0.record == record.index
                && AttributeRules.requestCountDimensions[$0.attribute ?? ""] != nil
        }
        // Excluded only when the release surely excludes this user agent.
        var probe = false
        let attributes = record.attributes
        if case .string(let agent)? = attributes.value(of: .requestUserAgent) {
            probe = (agent.hasPrefix("kube-probe") && release.excludesKubeProbe)
                || (agent.hasPrefix("Prometheus") && release.prometheusExclusion.always)
        }
        switch attributes.value(of: .contextProtocol) {
        case .string("tcp")?:
            var metrics: Set<Metric> = []
            if attributes.contains(.connectionSentBytes) || attributes.contains(.connectionReceivedBytes) {
                metrics.insert(.tcpBytes)
            }
            if case .string(let event)? = attributes.value(of: .connectionEvent), event == "open" || event == "close" {
                metrics.insert(.tcpConnections)
            }
            return metrics
        case .string("http")?, .string("grpc")?:
            return broken || probe ? [] : [.requestsTotal, .requestDuration]
        case nil where release.countsEveryNonTCPRecordAsHTTP:
            return broken ? [] : [.requestsTotal, .requestDuration]
        case .string?:
            return release.countsEveryNonTCPRecordAsHTTP && !broken ? [.requestsTotal, .requestDuration] : []
        default:
            return []
        }
    }
}
