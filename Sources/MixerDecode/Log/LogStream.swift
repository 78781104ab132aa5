/// Which writer a log line came from: a container of a pod, a systemd unit
/// on a host, a Loki stream, or just stdout/stderr. Log shippers interleave
/// the lines of many such streams; each is read on its own, so that a dump
/// is never mixed with another pod's lines, and every request says whose it is.
///
/// Only what the input says is filled in. Two lines belong to the same
/// stream when every field is equal.
public struct LogStream: Hashable, Sendable, CustomStringConvertible {
    /// A label of a Loki stream.
    public struct Label: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var namespace: String?
    public var pod: String?
    public var container: String?
    /// The node or host (journald's `_HOSTNAME`).
    public var host: String?
    /// The systemd unit (journald's `_SYSTEMD_UNIT`).
    public var unit: String?
    /// `stdout` or `stderr` (Docker's and CRI's `stream`).
    public var stdio: String?
    /// Every label of a Loki stream, sorted by name.
    public var labels: [Label]

    public init(
        namespace: String? = nil, pod: String? = nil, container: String? = nil, host: String? = nil,
        unit: String? = nil, stdio: String? = nil, labels: [Label] = []
    ) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.host = host
        self.unit = unit
        self.stdio = stdio
        self.labels = labels.sorted { $0.name < $1.name }
    }

    /// True when the input named nothing.
    public var isEmpty: Bool {
        namespace == nil && pod == nil && container == nil && host == nil && unit == nil && stdio == nil
            && labels.isEmpty
    }

    /// This stream with what it leaves unsaid taken from `base` (a file's
    /// kubelet path under the line's own `stream: stderr`, for instance).
    public func filled(from base: LogStream?) -> LogStream {
        guard let base else { return self }
        var merged = self
        merged.namespace = namespace ?? base.namespace
        merged.pod = pod ?? base.pod
        merged.container = container ?? base.container
        merged.host = host ?? base.host
        merged.unit = unit ?? base.unit
        merged.stdio = stdio ?? base.stdio
        if labels.isEmpty { merged.labels = base.labels }
        return merged
    }

    /// For people: `default/details-v1-6764bbc7f7-2mzxl/istio-proxy (stderr)`,
    /// `istio.service on vm-details`, or a Loki stream's labels when they
    /// name no pod: `{filename="/var/log/istio/istio.log", job="istio"}`.
    public var description: String {
        var parts: [String] = []
        let kubernetes = [namespace, pod, container].compactMap { $0 }
        if !kubernetes.isEmpty { parts.append(kubernetes.joined(separator: "/")) }
        if let unit { parts.append(unit) }
        if let host, kubernetes.isEmpty { parts.append(unit == nil ? "host \(host)" : "on \(host)") }
        if kubernetes.isEmpty && unit == nil && !labels.isEmpty {
            parts.append("{" + labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ", ") + "}")
        }
        if let stdio { parts.append(parts.isEmpty ? stdio : "(\(stdio))") }
        return parts.joined(separator: " ")
    }
}
