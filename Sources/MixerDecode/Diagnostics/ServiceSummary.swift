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

        /// What the last evaluated record added to `metrics` and
        /// `unknownLabels`: records of one shape repeat it (their label
        /// lists are the same arrays), and then nothing needs hashing.
        fileprivate var lastMetrics: [String] = []
        fileprivate var lastUnknown: (labels: [String], needClusterState: [String]) = ([], [])

        /// Adds the counts of `later`, a row of the same key counted after this one.
        mutating func add(_ later: Row) {
            records += later.records
            protocols.merge(later.protocols, uniquingKeysWith: +)
            metrics.formUnion(later.metrics)
            evaluatedRecords += later.evaluatedRecords
            releaseDependentRecords += later.releaseDependentRecords
            unknownLabels.formUnion(later.unknownLabels)
            findingCounts.merge(later.findingCounts, uniquingKeysWith: +)
            if let top = later.topFinding, topFinding == nil || top.severity > topFinding!.severity {
                topFinding = top
            }
            undeterminedRecords += later.undeterminedRecords
        }

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

    /// The rows in the order first seen, and where each key's row is.
    private var rowList: [Row] = []
    private var rowIndex: [RowKey: Int] = [:]

    /// Within one request: a record's row by the word ids of its service
    /// host and reporter kind, so that the row of a destination already
    /// seen in the request is found by integers, not by hashing its name.
    private struct RowWords: Hashable {
        var storage: ObjectIdentifier
        var host: Int32
        var reporterKind: Int32
    }

    public init() {}

    /// True when some row's records came from a named stream (a pod's log).
    public var hasStreams: Bool { rowList.contains { $0.stream != nil } }

    /// Rows, most severe top finding first, then in the order first seen.
    public var rows: [Row] {
        func rank(_ row: Row) -> Int {
            row.topFinding.map { Finding.Severity.allCases.firstIndex(of: $0.severity)! + 1 } ?? 0
        }
        return rowList.indices.sorted { (rank(rowList[$0]), -$0) > (rank(rowList[$1]), -$1) }.map { rowList[$0] }
    }

    /// Counts the Report records of `request` (Checks feed no metrics).
    public mutating func add(_ request: ResolvedRequest) {
        guard request.message == .report else { return }
        var rowOfWords: [RowWords: Int] = [:]
        // Protocols counted per row by word id in the request, then added by name once.
        var protocolCounts: [ProtocolWord: (name: String, count: Int)] = [:]
        for record in request.records {
            let words = Self.rowWords(record)
            let row: Int
            if let words, let known = rowOfWords[words] {
                row = known
            } else {
                row = self.row(of: record, stream: request.location.stream)
                if let words { rowOfWords[words] = row }
            }
            // context.protocol looked up once: its word id, and its text only when first met.
            let protocolWord = record.attributes.stringWord(of: .contextProtocol)
            // Only a record without context.protocol needs to know whether the input hides it.
            let undetermined = protocolWord == RecordAttributes.absentWord
                && !RecordContext(record: record, request: request).isAbsent(.contextProtocol)
            Self.update(&rowList[row], with: record, request: request, undetermined: undetermined)
            if let word = protocolWord, word != RecordAttributes.absentWord {
                let key = ProtocolWord(row: row, storage: record.attributes.storageIdentity, word: word)
                if protocolCounts[key] == nil { protocolCounts[key] = (Self.protocolName(record, undetermined: false), 0) }
                protocolCounts[key]!.count += 1
            } else {
                rowList[row].protocols[Self.protocolName(record, undetermined: undetermined), default: 0] += 1
            }
        }
        for (key, counted) in protocolCounts { rowList[key.row].protocols[counted.name, default: 0] += counted.count }
    }

    /// A row and the word id of a context.protocol string within one storage.
    private struct ProtocolWord: Hashable {
        var row: Int
        var storage: ObjectIdentifier
        var word: Int32
    }

    /// The word ids that decide a record's row within its request; nil
    /// when its host is not a string (the row is then named by address).
    private static func rowWords(_ record: ResolvedRecord) -> RowWords? {
        let attributes = record.attributes
        guard let host = attributes.stringWord(of: .destinationServiceHost), host != RecordAttributes.absentWord,
              let reporterKind = attributes.stringWord(of: .contextReporterKind)
        else { return nil }
        return RowWords(storage: attributes.storageIdentity, host: host, reporterKind: reporterKind)
    }

    /// The index of the row `record` counts in, made when first seen.
    private mutating func row(of record: ResolvedRecord, stream: LogStream?) -> Int {
        let target = Destination(record)
        let reporter: String = if case .string("outbound")? = record.attributes.value(of: .contextReporterKind) {
            "source"
        } else {
            "destination"
        }
        let name = target.serviceHost ?? target.addressAndPort ?? "unknown"
        let key = RowKey(destination: name, reporter: reporter, stream: stream)
        if let known = rowIndex[key] { return known }
        rowList.append(Row(destination: name, reporter: reporter, address: target.addressAndPort, stream: stream))
        rowIndex[key] = rowList.count - 1
        return rowList.count - 1
    }

    /// Adds what `other` counted, of requests that come after the ones
    /// counted here: the same as adding them here one by one (rows first
    /// seen there come after these; a top finding replaces this one only
    /// when more severe). Workers count their own requests, and the counts
    /// are merged in input order.
    public mutating func merge(_ other: ServiceSummary) {
        for theirs in other.rowList {
            let key = RowKey(destination: theirs.destination, reporter: theirs.reporter, stream: theirs.stream)
            guard let index = rowIndex[key] else {
                rowList.append(theirs)
                rowIndex[key] = rowList.count - 1
                continue
            }
            rowList[index].add(theirs)
        }
    }

    /// How `record`'s protocol is counted: its context.protocol, or why there is none.
    private static func protocolName(_ record: ResolvedRecord, undetermined: Bool) -> String {
        switch record.attributes.value(of: .contextProtocol) {
        case .string(let text)?: text
        case nil: undetermined ? "unknown" : "(none)"
        case let other?: "(\(other.kind.rawValue))"
        }
    }

    /// Counts `record` in `row`, but for its protocol; `undetermined`: its
    /// context.protocol may be in what the input does not show.
    private static func update(_ row: inout Row, with record: ResolvedRecord, request: ResolvedRequest, undetermined: Bool) {
        row.records += 1
        if undetermined { row.undeterminedRecords += 1 }
        for finding in record.findings { count(finding, in: &row) }
        for finding in request.findings { count(finding, in: &row) }
        // What the Mixer in force made of the record, when it was evaluated.
        guard let mixer = record.mixer, !undetermined else { return }
        guard mixer.notShownWhole == nil else {
            row.undeterminedRecords += 1
            return
        }
        row.evaluatedRecords += 1
        if mixer.releaseDependent != nil { row.releaseDependentRecords += 1 }
        if !mixer.series.elementsEqual(row.lastMetrics, by: { $0.metric == $1 }) {
            row.lastMetrics = mixer.series.map(\.metric)
            row.metrics.formUnion(row.lastMetrics)
        }
        if mixer.unknownLabels != row.lastUnknown.labels || mixer.needClusterState != row.lastUnknown.needClusterState {
            row.lastUnknown = (mixer.unknownLabels, mixer.needClusterState)
            for label in mixer.unknownLabels where !mixer.needClusterState.contains(label) {
                row.unknownLabels.insert(label)
            }
        }
    }

    private static func count(_ finding: Finding, in row: inout Row) {
        guard Diagnostics.isDiagnostic(finding.code) || finding.severity == .error else { return }
        row.findingCounts[finding.code, default: 0] += 1
        if row.topFinding == nil || finding.severity > row.topFinding!.severity {
            row.topFinding = finding
        }
    }
}
