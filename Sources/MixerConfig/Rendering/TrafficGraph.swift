/// The traffic graph Kiali draws from Mixer's series: source workload to
/// destination service, with the protocol, requests by response code and
/// TCP bytes. A source Mixer could not name (`unknown`: a VM, or a client
/// outside the mesh) is a node of its own, marked so.
public struct TrafficGraph: Sendable {
    public struct Edge: Sendable {
        public var source: String
        public var destination: String
        public var protocols: Set<String> = []
        public var requestsByCode: [String: Double] = [:]
        public var tcpSent: Double = 0
        public var tcpReceived: Double = 0
    }

    public private(set) var edges: [Edge] = []

    /// Edges from `istio_requests_total` (0.8: `istio_request_count`) and
    /// the TCP byte counters; each reporter's series counted once (Kiali
    /// reads `reporter="destination"` unless only the source reported).
    public init(_ store: SeriesStore) {
        var byPair: [String: Edge] = [:]
        var order: [String] = []
        for key in store.sortedKeys {
            guard let series = store.series[key], ["destination", nil].contains(key.value(of: "reporter")) else { continue }
            let workload = key.value(of: "source_workload") ?? key.value(of: "source_service") ?? "unknown"
            let namespace = key.value(of: "source_workload_namespace").map { $0 == "unknown" ? "" : "." + $0 } ?? ""
            let source = workload == "unknown" ? "unknown" : workload + namespace
            let destination = key.value(of: "destination_service") ?? "unknown"
            let pair = source + "\u{0}" + destination
            var edge = byPair[pair] ?? Edge(source: source, destination: destination)
            switch key.metric {
            case "istio_requests_total", "istio_request_count":
                edge.requestsByCode[key.value(of: "response_code") ?? "-", default: 0] += series.value
                edge.protocols.insert(key.value(of: "request_protocol") ?? "http")
            case "istio_tcp_sent_bytes_total", "istio_tcp_bytes_sent":
                edge.tcpSent += series.value
                edge.protocols.insert("tcp")
            case "istio_tcp_received_bytes_total", "istio_tcp_bytes_received":
                edge.tcpReceived += series.value
                edge.protocols.insert("tcp")
            default: continue
            }
            if byPair[pair] == nil { order.append(pair) }
            byPair[pair] = edge
        }
        edges = order.map { byPair[$0]! }
    }

    private static func label(_ edge: Edge) -> String {
        var parts = [edge.protocols.sorted().joined(separator: "+")]
        if !edge.requestsByCode.isEmpty {
            parts.append(edge.requestsByCode.sorted { $0.key < $1.key }.map { "\($0.key): \(GoFloat.formatG($0.value))" }.joined(separator: ", "))
        }
        if edge.tcpSent > 0 || edge.tcpReceived > 0 {
            parts.append("sent \(GoFloat.formatG(edge.tcpSent)) B, received \(GoFloat.formatG(edge.tcpReceived)) B")
        }
        return parts.joined(separator: "; ")
    }

    private static let unknownNote = "unknown (no workload: a VM or outside the mesh)"

    public func dot() -> String {
        var out = "digraph traffic {\n  rankdir=LR;\n  node [shape=box];\n"
        for node in Set(edges.flatMap { [$0.source, $0.destination] }).sorted() {
            let shape = edges.contains { $0.destination == node } ? "ellipse" : "box"
            let text = node == "unknown" ? Self.unknownNote : node
            out += "  \"\(Self.quoted(node))\" [label=\"\(Self.quoted(text))\", shape=\(shape)\(node == "unknown" ? ", style=dashed" : "")];\n"
        }
        for edge in edges {
            out += "  \"\(Self.quoted(edge.source))\" -> \"\(Self.quoted(edge.destination))\" [label=\"\(Self.quoted(Self.label(edge)))\"];\n"
        }
        return out + "}\n"
    }

    public func mermaid() -> String {
        var ids: [String: String] = [:]
        var out = "graph LR\n"
        for node in Set(edges.flatMap { [$0.source, $0.destination] }).sorted() {
            let id = "n\(ids.count)"
            ids[node] = id
            out += "  \(id)[\"\(Self.mermaidText(node == "unknown" ? Self.unknownNote : node))\"]\n"
        }
        for edge in edges {
            out += "  \(ids[edge.source]!) -->|\"\(Self.mermaidText(Self.label(edge)))\"| \(ids[edge.destination]!)\n"
        }
        return out
    }

    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    private static func mermaidText(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "#quot;") }
}
