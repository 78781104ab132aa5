/// Runs the diagnostic rules over resolved requests, adding their findings
/// to the records and requests they concern.
///
///     var request = Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
///     Diagnostics.standard.apply(to: &request)
public struct Diagnostics: Sendable {
    public var rules: [DiagnosticRule]

    public init(rules: [DiagnosticRule]) {
        self.rules = rules
    }

    /// Every rule, protocol first (the usual root cause).
    public static let catalogue: [DiagnosticRule] = [
        ProtocolRules.missingProtocol, ProtocolRules.tcpProtocol, ProtocolRules.protocolType,
        ProtocolRules.unknownProtocol, AttributeRules.typeMismatch, AttributeRules.probeExcluded,
        AttributeRules.unknownLabel, AttributeRules.unseen, AttributeRules.deltaCarryover, AttributeRules.dictionaryFallback,
    ]

    public static let standard = Diagnostics(rules: catalogue)

    /// Every rule but those whose codes are given.
    public func skipping(_ codes: Set<FindingCode>) -> Diagnostics {
        Diagnostics(rules: rules.filter { !codes.contains($0.code) })
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
    }

    /// True for the codes these diagnostics produce (as opposed to decoding's).
    public static func isDiagnostic(_ code: FindingCode) -> Bool {
        catalogue.contains { $0.code == code }
    }
}
