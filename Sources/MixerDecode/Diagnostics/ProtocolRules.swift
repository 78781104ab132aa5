/// The root cause of a missing `istio_requests_total`: `context.protocol`.
/// Mixer's rule `promhttp` matches `context.protocol == "http" || "grpc"`;
/// `promtcp` matches "tcp" (docs/protocol.md §8).
enum ProtocolRules {
    /// Ports where TCP is the expected protocol: a tcp record there is normal.
    static let wellKnownTCPPorts: Set<Int64> = [
        21, 22, 25, 3306, 5432, 6379, 9042, 2181, 9092, 11211, 27017, 1521, 1433, 5672, 4222,
    ]

    /// The concrete command or port name that fixes a protocol-less port.
    static func portFix(_ context: RecordContext) -> String {
        let destination = Destination(context.record)
        let port = destination.port.map(String.init) ?? "PORT"
        let service = destination.serviceName ?? "SERVICE"
        var fix = "If \(destination.serviceHost ?? service) speaks HTTP or gRPC, give its port a protocol name: "
        fix += "for a VM, `istioctl register \(service) \(destination.address ?? "IP") http:\(port)` (not just `\(port)`); "
        fix += "in Kubernetes, name the Service port `http`, `http-<suffix>`, `http2` or `grpc`."
        if context.release.canSniffProtocol { fix += " Istio 1.3+ can also detect HTTP on unnamed ports (protocol sniffing)." }
        return fix
    }

    static let missingProtocol = DiagnosticRule(
        code: .missingProtocol,
        summary: "No context.protocol: the HTTP metric rule cannot match, so the request is missing from istio_requests_total.",
        example: "a Report record with request.* attributes but no context.protocol"
    ) { context in
        guard context.isReport, context.isAbsent(.contextProtocol) else { return [] }
        if context.release.countsEveryNonTCPRecordAsHTTP {
            return [context.finding(
                .missingProtocol, .note,
                "no context.protocol for \(context.destination): Istio 0.8 still counts it in istio_request_count (every non-tcp record is HTTP there), but from 1.0 it would be missing from istio_requests_total",
                attribute: "context.protocol")]
        }
        return [context.finding(
            .missingProtocol, .error,
            "no context.protocol for \(context.destination): Mixer's rule for \(context.release.requestCountMetric) (context.protocol == \"http\" || \"grpc\") cannot evaluate, Mixer treats it as not matching, and the proxy is not told: this request is not counted",
            attribute: "context.protocol", fix: portFix(context))]
    }

    static let tcpProtocol = DiagnosticRule(
        code: .tcpProtocol,
        summary: "context.protocol is tcp: the traffic is counted only in istio_tcp_* metrics, never in istio_requests_total.",
        example: "details on a VM registered with `istioctl register details 10.244.3.0 9080`: its sidecar reports context.protocol \"tcp\""
    ) { context in
        guard context.isReport, context.string(.contextProtocol) == "tcp" else { return [] }
        let destination = Destination(context.record)
        if let number = destination.port, wellKnownTCPPorts.contains(number) {
            return [context.finding(
                .tcpProtocol, .note,
                "context.protocol is \"tcp\" for \(context.destination): port \(number) is a well-known TCP service, so only istio_tcp_* metrics are expected",
                attribute: "context.protocol")]
        }
        let reporter = context.string(.contextReporterKind).map { " (\($0) report)" } ?? ""
        return [context.finding(
            .tcpProtocol, .warning,
            "context.protocol is \"tcp\"\(reporter): traffic to \(context.destination) is counted only in istio_tcp_* metrics (bytes, connections), never in \(context.release.requestCountMetric); the proxy handled the port as plain TCP because its name carries no protocol",
            attribute: "context.protocol", fix: portFix(context))]
    }

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
