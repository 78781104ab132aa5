import MixerDecodeSupport

/// One log line that is a JSON object, as log shippers write them, read by
/// field name whatever the key order and white space:
///
///     Docker json-file  {"log":"...\n","stream":"stderr","time":"2019-05-20T08:12:20.125365976Z"}
///     Fluent Bit        {"log": "...", "stream": "stderr", "kubernetes": {"namespace_name": ..., "pod_name": ..., "container_name": ...}}
///     Vector            {"message": "...", "kubernetes": {"pod_namespace": ..., "pod_name": ..., "container_name": ...}, "timestamp": ...}
///     Loki (logcli -o jsonl)  {"labels": {"namespace": ..., "pod": ..., "container": ...}, "line": "...", "timestamp": "..."}
///     journald (-o json)      {"MESSAGE": "...", "_HOSTNAME": ..., "_SYSTEMD_UNIT": ..., "__REALTIME_TIMESTAMP": "1558340000125365"}
///
/// Anything else in the object (labels, annotations, ids) is checked as JSON
/// and skipped.
struct JSONRecord {
    /// The log text, escapes undone; nil when the object has none.
    var text: ArraySlice<UInt8>?
    /// Which field the text came from.
    var textField: TextField?
    /// The writer's time (RFC 3339), for dumps whose Envoy header has none.
    var time: String?
    /// Whose line it is: what the object names (possibly nothing).
    var stream = LogStream.Fields()
    /// A CRI partial flag (`logtag` of Fluent Bit's and fluentd's CRI
    /// parsers, `_p` of Fluent Bit's multiline one): "P" continues.
    var partialTag: Bool?

    /// The fields that carry log text, in the order they are preferred when
    /// an object has several (Fluent Bit keeps `log` and may add `message`).
    enum TextField: Int, Comparable {
        case log, message, journalMessage, line, msg

        init?(key: ArraySlice<UInt8>) {
            switch key.count {
            case 3 where key.elementsEqual("log".utf8): self = .log
            case 3 where key.elementsEqual("msg".utf8): self = .msg
            case 4 where key.elementsEqual("line".utf8): self = .line
            case 7 where key.elementsEqual("message".utf8): self = .message
            case 7 where key.elementsEqual("MESSAGE".utf8): self = .journalMessage
            default: return nil
            }
        }

        static func < (lhs: TextField, rhs: TextField) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// True when a shipper wrote the object: it carries log text or names a
    /// stream. Any other object is an application's own line (a JSON body or
    /// header map printed in the log), to be read as it is.
    var isShipperRecord: Bool { text != nil || !stream.isEmpty }

    /// Docker's json-file driver splits lines over 16 KiB into entries whose
    /// `log` lacks the final newline; the next entry of the stream continues
    /// it. Only a Docker-shaped entry (a `log` and a `stream`, no CRI tag)
    /// is read so: a shipper that strips newlines from every line (Fluent
    /// Bit tailing a plain file) must not have its lines joined.
    var continuesOnNextEntry: Bool {
        if let partialTag { return partialTag }
        guard textField == .log, stream.stdio != nil, let text else { return false }
        return text.last != 0x0A
    }

    /// The record in `line`, or nil when the line is not exactly one JSON object.
    static func parse(_ line: ArraySlice<UInt8>) -> JSONRecord? {
        var reader = JSONReader(line)
        var record = JSONRecord()
        var times = TimeFields()
        do {
            try reader.readObject { reader, key in try record.readMember(key, from: &reader, times: &times) }
            try reader.finish()
        } catch {
            return nil
        }
        record.time = times.best
        return record
    }

    private mutating func readMember(_ key: ArraySlice<UInt8>, from reader: inout JSONReader, times: inout TimeFields) throws {
        if let field = TextField(key: key) {
            guard let value = try Self.readText(from: &reader, allowBytes: field == .journalMessage) else { return }
            if textField.map({ field <= $0 }) ?? true {
                text = value
                textField = field
            }
            return
        }
        if let timeField = TimeFields.Field(key: key) {
            return try times.read(timeField, from: &reader)
        }
        switch String(decoding: key, as: UTF8.self) {
        case "kubernetes":
            try KubernetesBlock.read(from: &reader, into: &stream)
        case "labels":
            try LokiLabels.read(from: &reader, into: &stream)
        case "stream":
            stream.stdio = try Self.readOptionalString(from: &reader)
        case "_HOSTNAME":
            stream.host = try Self.readOptionalString(from: &reader)
        case "_SYSTEMD_UNIT":
            stream.unit = try Self.readOptionalString(from: &reader)
        case "CONTAINER_NAME":
            // Docker's journald driver: "k8s_<container>_<pod>_<namespace>_<uid>_<attempt>" under Kubernetes.
            if let name = try Self.readOptionalString(from: &reader) { KubernetesBlock.readDockerName(name, into: &stream) }
        case "logtag", "_p":
            partialTag = try Self.readOptionalString(from: &reader).map { $0.hasPrefix("P") }
        default:
            try reader.skipValue()
        }
    }

    /// A string, or journald's form for text that is not printable UTF-8:
    /// an array of byte values. Nil (value skipped) for any other value.
    static func readText(from reader: inout JSONReader, allowBytes: Bool) throws -> ArraySlice<UInt8>? {
        switch reader.peekKind() {
        case .string?:
            return try reader.readString()
        case .array? where allowBytes:
            var bytes: [UInt8] = []
            var allBytes = true
            try reader.readArray { reader in
                if reader.peekKind() == .number, let value = UInt8(String(decoding: try reader.readNumber(), as: UTF8.self)) {
                    bytes.append(value)
                } else {
                    allBytes = false
                    try reader.skipValue()
                }
            }
            return allBytes ? bytes[...] : nil
        default:
            try reader.skipValue()
            return nil
        }
    }

    /// A string value as a String; nil (value skipped) for any other value.
    static func readOptionalString(from reader: inout JSONReader) throws -> String? {
        guard reader.peekKind() == .string else {
            try reader.skipValue()
            return nil
        }
        return String(decoding: try reader.readString(), as: UTF8.self)
    }
}

/// The writer's time, from whichever field it uses.
private struct TimeFields {
    /// In the order they are preferred.
    enum Field: Int {
        case time, timestamp, atTimestamp, date, journalRealtime

        init?(key: ArraySlice<UInt8>) {
            switch String(decoding: key, as: UTF8.self) {
            case "time": self = .time
            case "timestamp": self = .timestamp
            case "@timestamp": self = .atTimestamp
            case "date": self = .date
            case "__REALTIME_TIMESTAMP": self = .journalRealtime
            default: return nil
            }
        }
    }

    /// The preferred time found so far, and its field.
    private(set) var best: String?
    private var bestField: Field?

    /// A string as written (digits only: a Unix time, made RFC 3339), or a number as a Unix time.
    mutating func read(_ field: Field, from reader: inout JSONReader) throws {
        guard bestField.map({ field.rawValue <= $0.rawValue }) ?? true else { return try reader.skipValue() }
        let unit: EpochTime.Unit? = field == .journalRealtime ? .microseconds : nil
        var time: String?
        switch reader.peekKind() {
        case .string?:
            let text = try reader.readString()
            time = EpochTime.rfc3339(text, unit: unit) ?? String(decoding: text, as: UTF8.self)
        case .number?:
            time = EpochTime.rfc3339(try reader.readNumber(), unit: unit)
        default:
            try reader.skipValue()
        }
        if let time {
            best = time
            bestField = field
        }
    }
}

/// The `kubernetes` block Fluent Bit's and Vector's Kubernetes enrichment add.
private enum KubernetesBlock {
    static func read(from reader: inout JSONReader, into stream: inout LogStream.Fields) throws {
        guard reader.peekKind() == .object else { return try reader.skipValue() }
        try reader.readObject { reader, key in
            switch String(decoding: key, as: UTF8.self) {
            case "namespace_name", "pod_namespace": stream.namespace = try JSONRecord.readOptionalString(from: &reader)
            case "pod_name": stream.pod = try JSONRecord.readOptionalString(from: &reader)
            case "container_name": stream.container = try JSONRecord.readOptionalString(from: &reader)
            case "host", "pod_node_name": stream.host = try JSONRecord.readOptionalString(from: &reader)
            default: try reader.skipValue()
            }
        }
    }

    /// `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`, the name dockershim gave containers.
    static func readDockerName(_ name: String, into stream: inout LogStream.Fields) {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        if parts.count == 6, parts[0] == "k8s" {
            stream.container = String(parts[1])
            stream.pod = String(parts[2])
            stream.namespace = String(parts[3])
        } else {
            stream.container = name
        }
    }
}

/// A Loki stream's labels (`logcli query -o jsonl`): all kept; the pod's
/// names read from the labels Promtail and the Grafana Agent set.
private enum LokiLabels {
    static func read(from reader: inout JSONReader, into stream: inout LogStream.Fields) throws {
        guard reader.peekKind() == .object else { return try reader.skipValue() }
        var labels: [String: String] = [:]
        try reader.readObject { reader, key in
            if let value = try JSONRecord.readOptionalString(from: &reader) {
                labels[String(decoding: key, as: UTF8.self)] = value
            }
        }
        stream.labels = labels.map { LogStream.Label(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        stream.namespace = stream.namespace ?? labels["namespace"] ?? labels["namespace_name"]
        stream.pod = stream.pod ?? labels["pod"] ?? labels["pod_name"]
        stream.container = stream.container ?? labels["container"] ?? labels["container_name"]
    }
}
