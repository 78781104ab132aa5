/// Which writer a log line came from: a container of a pod, a systemd unit
/// on a host, a Loki stream, or just stdout/stderr. Log shippers interleave
/// the lines of many such streams; each is read on its own, so that a dump
/// is never mixed with another pod's lines, and every request says whose it is.
///
/// Only what the input says is filled in. Two lines belong to the same
/// stream when every field is equal.
///
/// The names live in one shared, immutable box: a `LogStream` (and a
/// `LogStream?`) is one reference wide, so the requests and lines that carry
/// one, or none, stay as small and cheap to copy as before streams existed.
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

    /// The names themselves, as a reader collects them.
    struct Fields: Hashable, Sendable {
        var namespace: String?
        var pod: String?
        var container: String?
        var host: String?
        var unit: String?
        var stdio: String?
        var labels: [Label] = []

        var isEmpty: Bool {
            namespace == nil && pod == nil && container == nil && host == nil && unit == nil && stdio == nil
                && labels.isEmpty
        }
    }

    private final class Box: Sendable {
        let fields: Fields
        /// The fields' hash, made once: a log reader looks its streams up
        /// by them on every line, and hashing the names each time cost more
        /// than reading the line.
        let fieldsHash: Int
        init(_ fields: Fields) {
            self.fields = fields
            self.fieldsHash = fields.hashValue
        }
    }

    private let box: Box

    init(_ fields: Fields) {
        var sorted = fields
        sorted.labels.sort { $0.name < $1.name }
        box = Box(sorted)
    }

    public init(
        namespace: String? = nil, pod: String? = nil, container: String? = nil, host: String? = nil,
        unit: String? = nil, stdio: String? = nil, labels: [Label] = []
    ) {
        self.init(Fields(namespace: namespace, pod: pod, container: container, host: host, unit: unit, stdio: stdio, labels: labels))
    }

    var fields: Fields { box.fields }
    public var namespace: String? { box.fields.namespace }
    public var pod: String? { box.fields.pod }
    public var container: String? { box.fields.container }
    /// The node or host (journald's `_HOSTNAME`).
    public var host: String? { box.fields.host }
    /// The systemd unit (journald's `_SYSTEMD_UNIT`).
    public var unit: String? { box.fields.unit }
    /// `stdout` or `stderr` (Docker's and CRI's `stream`).
    public var stdio: String? { box.fields.stdio }
    /// Every label of a Loki stream, sorted by name.
    public var labels: [Label] { box.fields.labels }

    /// True when the input named nothing.
    public var isEmpty: Bool { box.fields.isEmpty }

    public static func == (lhs: LogStream, rhs: LogStream) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fieldsHash) }

    /// The streams of lines that name only `stdout` or `stderr` (CRI
    /// lines): one value for each, not one made for every line. One pair
    /// per reader, not per process: every line retains its stream, and a
    /// value that threads reading other files retained too would have its
    /// reference count contended between cores (`ParallelInputs`).
    struct StandardStreams: Sendable {
        private let output = LogStream(stdio: "stdout")
        private let error = LogStream(stdio: "stderr")

        func stream(_ name: String) -> LogStream {
            switch name {
            case "stdout": output
            case "stderr": error
            default: LogStream(stdio: name)
            }
        }
    }

    /// This stream with what it leaves unsaid taken from `base` (a file's
    /// kubelet path under the line's own `stream: stderr`, for instance).
    public func filled(from base: LogStream?) -> LogStream {
        guard let base, base != self else { return self }
        let mine = fields, theirs = base.fields
        return LogStream(Fields(
            namespace: mine.namespace ?? theirs.namespace, pod: mine.pod ?? theirs.pod,
            container: mine.container ?? theirs.container, host: mine.host ?? theirs.host,
            unit: mine.unit ?? theirs.unit, stdio: mine.stdio ?? theirs.stdio,
            labels: mine.labels.isEmpty ? theirs.labels : mine.labels))
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
