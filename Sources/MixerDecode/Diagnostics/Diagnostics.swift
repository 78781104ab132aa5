/// Runs the diagnostic rules over resolved requests, adding their findings
/// to the records and requests they concern.
///
///     var request = Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
///     Diagnostics.standard.apply(to: &request)
public struct Diagnostics: Sendable {
    public var rules: [DiagnosticRule]
    /// What a Mixer configuration makes of each record, run after the
    /// rules (the MixerConfig module provides one); nil: none.
    public var evaluator: (any RecordEvaluator)?
    /// Codes left out, the evaluator's included.
    public private(set) var skipped: Set<FindingCode> = []

    public init(rules: [DiagnosticRule], evaluator: (any RecordEvaluator)? = nil) {
        self.rules = rules
        self.evaluator = evaluator
    }

    /// Every rule that needs no configuration, protocol first (the usual root cause).
    public static let catalogue: [DiagnosticRule] = [
        ProtocolRules.protocolType, ProtocolRules.unknownProtocol, AttributeRules.typeMismatch,
        AttributeRules.unseen, AttributeRules.deltaCarryover, AttributeRules.dictionaryFallback,
    ]

    /// The codes an evaluator of Mixer's configuration produces: what a
    /// record means for the metrics depends on the rules in force.
    public static let evaluationCodes: Set<FindingCode> = [.missingProtocol, .tcpProtocol, .probeExcluded, .unknownLabel]

    /// The rules that need no configuration; without an evaluator.
    public static let standard = Diagnostics(rules: catalogue)

    /// The same diagnostics with `evaluator` run after the rules.
    public func evaluating(with evaluator: any RecordEvaluator) -> Diagnostics {
        var copy = self
        copy.evaluator = evaluator
        return copy
    }

    /// What each code of these diagnostics means: the rules', then the evaluator's.
    public var descriptions: [FindingDescription] {
        rules.map { FindingDescription(code: $0.code, summary: $0.summary, example: $0.example) } + (evaluator?.catalogue ?? [])
    }

    /// Every rule but those whose codes are given; the evaluator leaves them out too.
    public func skipping(_ codes: Set<FindingCode>) -> Diagnostics {
        var copy = self
        copy.rules = rules.filter { !codes.contains($0.code) }
        copy.skipped = skipped.union(codes)
        return copy
    }

    public func apply(to request: inout ResolvedRequest) {
        // Records that may mix two requests say nothing about either.
        if request.findings.contains(where: { $0.code == .interleaved }) { return }
        for rule in rules {
            if let check = rule.checkRequest { request.findings += check(request) }
        }
        let snapshot = request
        for index in request.records.indices {
            let context = RecordContext(record: snapshot.records[index], request: snapshot)
            for rule in rules {
                if let check = rule.checkRecord { request.records[index].findings += check(context) }
            }
        }
        evaluator?.evaluate(&request, skipping: skipped)
    }

    /// True for the codes these diagnostics produce (as opposed to decoding's).
    public static func isDiagnostic(_ code: FindingCode) -> Bool {
        diagnosticCodes.contains(code)
    }

    /// Asked for every finding of every record (`ServiceSummary`): a set, not a scan of the catalogue.
    private static let diagnosticCodes = evaluationCodes.union(catalogue.map(\.code))
}
