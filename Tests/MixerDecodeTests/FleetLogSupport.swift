import Foundation
import Testing
@testable import MixerDecode

/// A pod whose sidecar log the fleet tests ship.
struct TestPod: Sendable {
    var namespace = "default"
    var name: String
    var container = "istio-proxy"
    var node = "node-1"

    /// What the decoder should name for it: what the shipper's record says.
    var stream: LogStream { LogStream(namespace: namespace, pod: name, container: container) }

    static let details = TestPod(name: "details-v1-6764bbc7f7-2mzxl")
    static let productpage = TestPod(name: "productpage-v1-54b8b9f55-bx2dq")
    static let reviews = TestPod(namespace: "bookinfo", name: "reviews-v2-7f9c4d8b5-k2x9p", node: "node-2")
}

/// JSON text written as other tools write it: strings escaped by
/// Foundation's encoder (not by the code under test), and the separators
/// and key order of each tool.
enum ToolJSON {
    /// `", "` and `": "` (Python's json.dumps, jq), `","` and `":"` (Go, Fluent
    /// Bit, Vector), or journalctl's `{ "K" : "V", ... }`.
    enum Style { case spaced, compact, journal }

    static func string(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// An object of already-written values, in the order given.
    static func object(_ members: [(String, String)], style: Style = .compact) -> String {
        let (separator, colon, open, close) = switch style {
        case .spaced: (", ", ": ", "{", "}")
        case .compact: (",", ":", "{", "}")
        case .journal: (", ", " : ", "{ ", " }")
        }
        return open + members.map { string($0.0) + colon + $0.1 }.joined(separator: separator) + close
    }
}

/// The ways a log reaches mixerdecode from a fleet, each written as its tool writes it.
enum ShipperShape: String, CaseIterable, Sendable, CustomStringConvertible {
    case spacedDocker, fluentBit, vector, loki, journald, cri, criSplit, dockerSplit

    var description: String { rawValue }

    static let time = "2019-05-20T08:12:20.125365976Z"
    /// 2019-05-20T08:13:20.125Z in microseconds since 1970, as journald writes `__REALTIME_TIMESTAMP`.
    static let journalMicroseconds = "1558340000125000"

    /// The physical lines that carry one line of Envoy's log for `pod`.
    func lines(_ line: String, pod: TestPod) -> [String] {
        switch self {
        case .spacedDocker:
            return [ToolJSON.object([("log", ToolJSON.string(line + "\n")), ("stream", #""stderr""#), ("time", ToolJSON.string(Self.time))], style: .spaced)]
        case .fluentBit:
            return [Self.fluentBit(line, pod: pod)]
        case .vector:
            return [Self.vector(line, pod: pod)]
        case .loki:
            return [Self.loki(line, pod: pod)]
        case .journald:
            return [ToolJSON.object([
                ("__CURSOR", ToolJSON.string("s=6f1e;i=1a2b")), ("__REALTIME_TIMESTAMP", ToolJSON.string(Self.journalMicroseconds)),
                ("_BOOT_ID", ToolJSON.string("0d3f")), ("PRIORITY", #""6""#), ("_HOSTNAME", ToolJSON.string(pod.node)),
                ("SYSLOG_IDENTIFIER", #""envoy""#), ("_SYSTEMD_UNIT", #""istio.service""#), ("MESSAGE", ToolJSON.string(line)),
            ], style: .journal)]
        case .cri:
            return ["\(Self.time) stderr F \(line)"]
        case .criSplit:
            // A runtime splits long lines: partial pieces, then the last one tagged F.
            let pieces = Self.pieces(line, size: 37)
            return pieces.enumerated().map { "\(Self.time) stderr \($0.offset == pieces.count - 1 ? "F" : "P") \($0.element)" }
        case .dockerSplit:
            let pieces = Self.pieces(line, size: 41)
            return pieces.enumerated().map { index, piece in
                let text = index == pieces.count - 1 ? piece + "\n" : piece
                return ToolJSON.object([("log", ToolJSON.string(text)), ("stream", #""stderr""#), ("time", ToolJSON.string(Self.time))])
            }
        }
    }

    /// What the decoder should say the stream is: what the shape named.
    func expectedStream(for pod: TestPod) -> LogStream {
        switch self {
        case .spacedDocker, .cri, .criSplit, .dockerSplit:
            return LogStream(stdio: "stderr")
        case .fluentBit, .vector:
            return LogStream(namespace: pod.namespace, pod: pod.name, container: pod.container, host: pod.node, stdio: "stderr")
        case .loki:
            return LogStream(namespace: pod.namespace, pod: pod.name, container: pod.container, labels: Self.lokiLabels(pod).map {
                LogStream.Label(name: $0.0, value: $0.1)
            })
        case .journald:
            return LogStream(host: pod.node, unit: "istio.service")
        }
    }

    /// Fluent Bit's Kubernetes filter: `kubernetes` after the record, with labels and annotations.
    static func fluentBit(_ line: String, pod: TestPod) -> String {
        let kubernetes = ToolJSON.object([
            ("pod_name", ToolJSON.string(pod.name)), ("namespace_name", ToolJSON.string(pod.namespace)),
            ("pod_id", #""8c5e6a3e-7b1f-11e9-8f9e-2a86e4085a59""#),
            ("labels", ToolJSON.object([("app", #""details""#), ("version", #""v1""#)])),
            ("annotations", ToolJSON.object([("sidecar.istio.io/status", ToolJSON.string(#"{"version":"1.1.7","initContainers":["istio-init"]}"#))])),
            ("host", ToolJSON.string(pod.node)), ("container_name", ToolJSON.string(pod.container)),
            ("docker_id", #""4f2c""#), ("container_image", #""docker.io/istio/proxyv2:1.1.7""#),
        ])
        return ToolJSON.object([
            ("date", "1558340000.125366"), ("log", ToolJSON.string(line + "\n")), ("stream", #""stderr""#),
            ("time", ToolJSON.string(time)), ("kubernetes", kubernetes),
        ])
    }

    /// Vector's kubernetes_logs source, keys sorted as its JSON encoder writes them.
    static func vector(_ line: String, pod: TestPod) -> String {
        let kubernetes = ToolJSON.object([
            ("container_id", #""containerd://4f2c""#), ("container_image", #""docker.io/istio/proxyv2:1.1.7""#),
            ("container_name", ToolJSON.string(pod.container)), ("pod_ip", #""10.244.1.17""#),
            ("pod_labels", ToolJSON.object([("app", #""details""#), ("security.istio.io/tlsMode", #""istio""#)])),
            ("pod_name", ToolJSON.string(pod.name)), ("pod_namespace", ToolJSON.string(pod.namespace)),
            ("pod_node_name", ToolJSON.string(pod.node)), ("pod_uid", #""8c5e6a3e""#),
        ])
        return ToolJSON.object([
            ("file", ToolJSON.string("/var/log/pods/\(pod.namespace)_\(pod.name)_8c5e6a3e/\(pod.container)/0.log")),
            ("kubernetes", kubernetes), ("message", ToolJSON.string(line)), ("source_type", #""kubernetes_logs""#),
            ("stream", #""stderr""#), ("timestamp", ToolJSON.string(time)),
        ])
    }

    static func lokiLabels(_ pod: TestPod) -> [(String, String)] {
        [("app", "details"), ("container", pod.container), ("filename", "/var/log/pods/\(pod.namespace)_\(pod.name)_8c5e6a3e/\(pod.container)/0.log"),
         ("job", "\(pod.namespace)/details"), ("namespace", pod.namespace), ("pod", pod.name)]
    }

    /// `logcli query -o jsonl`.
    static func loki(_ line: String, pod: TestPod) -> String {
        let labels = ToolJSON.object(lokiLabels(pod).map { ($0.0, ToolJSON.string($0.1)) })
        return ToolJSON.object([("labels", labels), ("line", ToolJSON.string(line)), ("timestamp", ToolJSON.string(time))])
    }

    static func pieces(_ line: String, size: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(line)
        repeat {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        } while !rest.isEmpty
        return pieces
    }
}

/// Logs of Corpus dumps, printed by protoc as Envoy prints them (`LogForms`).
enum FleetLogs {
    /// A plain Envoy log holding the dumps of `files`, in order.
    static func plainLog(_ files: [String], layout: LogForms.Layout = LogForms.layouts[1]) throws -> String {
        try files.map { file in LogForms.log(try LogForms.debugString(file), file: file, layout: layout, wrap: { $0 }) }.joined()
    }

    static func lines(_ log: String) -> [String] {
        log.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Every request of `text`, fed in chunks as the command reads it.
    static func decode(_ text: String, defaultStream: LogStream? = nil, maxStreams: Int = 4096, chunk: Int = 4093) -> [ResolvedRequest] {
        var decoder = InputStreamDecoder(
            inputName: "fleet", settings: .init(inputKind: .log, maxStreams: maxStreams, defaultStream: defaultStream))
        var requests: [ResolvedRequest] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            decoder.feed(bytes[start..<min(bytes.count, start + chunk)]) { requests.append($0) }
            start += chunk
        }
        decoder.finish { requests.append($0) }
        return requests
    }

    /// The records as NDJSON objects, without where they were found (input,
    /// line, time, stream, ordinal) and findings reduced to their codes.
    static func records(_ requests: [ResolvedRequest]) throws -> [NSDictionary] {
        try requests.flatMap(LogForms.comparable)
    }

    /// Lines of several logs, one of each in turn, as a shipper interleaves them.
    static func interleave(_ logs: [[String]]) -> [String] {
        var out: [String] = []
        for index in 0..<(logs.map(\.count).max() ?? 0) {
            for log in logs where index < log.count { out.append(log[index]) }
        }
        return out
    }
}
