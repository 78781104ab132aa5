import MixerDecode

/// What fixes a port that carries no protocol, said concretely.
enum ProtocolFix {
    /// Ports where TCP is the expected protocol: a tcp record there is normal.
    static let wellKnownTCPPorts: Set<Int64> = [
        21, 22, 25, 3306, 5432, 6379, 9042, 2181, 9092, 11211, 27017, 1521, 1433, 5672, 4222,
    ]

    /// The command or port name that gives the destination's port a protocol.
    static func portFix(_ context: RecordContext, _ destination: Destination? = nil) -> String {
        let destination = destination ?? Destination(context.record)
        let port = destination.port.map(String.init) ?? "PORT"
        let service = destination.serviceName ?? "SERVICE"
        var fix = "If \(destination.serviceHost ?? service) speaks HTTP or gRPC, give its port a protocol name: "
        fix += "for a VM, `istioctl register \(service) \(destination.address ?? "IP") http:\(port)` (not just `\(port)`); "
        fix += "in Kubernetes, name the Service port `http`, `http-<suffix>`, `http2` or `grpc`."
        // The proxy's release decides: proxies sniff unnamed ports from 1.3 (docs/protocol.md §8).
        if context.release.canSniffProtocol { fix += " Istio 1.3+ can also detect HTTP on unnamed ports (protocol sniffing)." }
        return fix
    }
}
