/// `context.protocol` values no metric rule of any release can match. What
/// an absent or "tcp" protocol means depends on the rules in force: the
/// MixerConfig module's evaluator says it (`missing-protocol`, `tcp-protocol`).
enum ProtocolRules {
    static let protocolType = DiagnosticRule(
        code: .protocolType,
        summary: "context.protocol is present but not a string: no metric rule can match it.",
        example: "context.protocol sent in int64s instead of strings"
    ) { context in
        guard context.isReport, let value = context.value(.contextProtocol) else { return [] }
        if case .string = value { return [] }
        return [context.finding(
            .protocolType, .error,
            "context.protocol is a \(value.kind.rawValue), not a STRING: neither the HTTP nor the TCP metric rule can match, so \(context.destination) is missing from every metric",
            attribute: "context.protocol",
            fix: "Send context.protocol as a string (\"http\", \"grpc\" or \"tcp\"); a custom client or filter sets it with the wrong type.")]
    }

    static let unknownProtocol = DiagnosticRule(
        code: .unknownProtocol,
        summary: "context.protocol is neither http, grpc nor tcp: neither HTTP nor TCP metrics are produced.",
        example: "context.protocol \"https\" or \"HTTP\""
    ) { context in
        guard context.isReport, let value = context.string(.contextProtocol),
              !["http", "grpc", "tcp"].contains(value)
        else { return [] }
        return [context.finding(
            .unknownProtocol, .warning,
            "context.protocol is \(Finding.quoted(value)) for \(context.destination): the metric rules compare with \"http\", \"grpc\" and \"tcp\" exactly, so this record feeds neither \(context.release.requestCountMetric) nor istio_tcp_*",
            attribute: "context.protocol",
            fix: "Whatever sets context.protocol must use \"http\" (HTTP/1 and HTTP/2), \"grpc\" or \"tcp\", in lower case.")]
    }
}
