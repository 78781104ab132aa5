import Yams

/// Typed reads of one Kubernetes object's fields, each failing with a
/// `ConfigProblem` that names the file, line, object and field. Types are
/// what the API server's JSON decoding would demand of the object (Mixer's
/// informers hold decoded Go structs): a mapping where a string belongs, or
/// `controller: "yes"`, would not have decoded. A YAML null is the field
/// left out (Go keeps the zero value). Scalars are taken as their text for
/// string fields, as `kubectl` quotes whatever YAML would read otherwise.
struct KubeYAMLReader {
    let file: String
    /// "Pod ns/name", "ReplicaSet ns/name".
    let resource: String

    func problem(_ node: Node?, _ field: String, _ message: String) -> ConfigProblem {
        ConfigProblem(file: file, line: node?.mark?.line, resource: resource, field: field, message: message)
    }

    static func isNull(_ node: Node?) -> Bool {
        guard let node else { return true }
        return node.scalar != nil && has(node, .null)
    }

    /// Whether the node's resolved tag is `name` (a plain `80` is an int,
    /// a quoted `"80"` a string).
    static func has(_ node: Node, _ name: Tag.Name) -> Bool {
        node.tag.rawValue == name.rawValue
    }

    /// A string field; "" when absent or null.
    func string(_ node: Node?, field: String) throws -> String {
        if Self.isNull(node) { return "" }
        guard let text = node?.scalar?.string else { throw problem(node, field, "expected a string, found \(Self.shape(node))") }
        return text
    }

    /// A mapping field; nil when absent or null.
    func mapping(_ node: Node?, field: String) throws -> Node.Mapping? {
        if Self.isNull(node) { return nil }
        guard let mapping = node?.mapping else { throw problem(node, field, "expected a mapping, found \(Self.shape(node))") }
        return mapping
    }

    /// A list field; empty when absent or null.
    func sequence(_ node: Node?, field: String) throws -> [Node] {
        if Self.isNull(node) { return [] }
        guard let sequence = node?.sequence else { throw problem(node, field, "expected a list, found \(Self.shape(node))") }
        return Array(sequence)
    }

    /// A boolean field (`true`/`false` unquoted); nil when absent or null.
    func bool(_ node: Node?, field: String) throws -> Bool? {
        if Self.isNull(node) { return nil }
        guard let node, Self.has(node, .bool), let value = node.bool else {
            throw problem(node, field, "expected true or false, found \(Self.shape(node))")
        }
        return value
    }

    /// An int32 field (`containerPort`); nil when absent or null.
    func int32(_ node: Node?, field: String) throws -> Int32? {
        if Self.isNull(node) { return nil }
        guard let node, Self.has(node, .int), let value = node.int else {
            throw problem(node, field, "expected an integer, found \(Self.shape(node))")
        }
        guard let narrow = Int32(exactly: value) else { throw problem(node, field, "\(value) does not fit a 32-bit port number") }
        return narrow
    }

    /// `metadata.labels`: string to string.
    func labels(_ node: Node?, field: String) throws -> [String: String] {
        guard let mapping = try mapping(node, field: field) else { return [:] }
        var labels: [String: String] = [:]
        for (key, value) in mapping {
            let name = try string(key, field: field)
            labels[name] = try string(value, field: field + "." + name)
        }
        return labels
    }

    /// `metadata.ownerReferences`.
    func owners(_ node: Node?, field: String) throws -> [ClusterState.OwnerReference] {
        var owners: [ClusterState.OwnerReference] = []
        for (index, item) in try sequence(node, field: field).enumerated() {
            let place = "\(field)[\(index)]"
            guard let owner = try mapping(item, field: place) else { throw problem(item, place, "expected an owner reference, found null") }
            owners.append(ClusterState.OwnerReference(
                apiVersion: try string(owner["apiVersion"], field: place + ".apiVersion"),
                kind: try string(owner["kind"], field: place + ".kind"),
                name: try string(owner["name"], field: place + ".name"),
                controller: try bool(owner["controller"], field: place + ".controller")))
        }
        return owners
    }

    /// `spec.containers`, with the `containerPort` of each port.
    func containers(_ node: Node?, field: String) throws -> [ClusterState.Container] {
        var containers: [ClusterState.Container] = []
        for (index, item) in try sequence(node, field: field).enumerated() {
            let place = "\(field)[\(index)]"
            guard let container = try mapping(item, field: place) else { throw problem(item, place, "expected a container, found null") }
            var ports: [Int32] = []
            for (portIndex, port) in try sequence(container["ports"], field: place + ".ports").enumerated() {
                let portPlace = "\(place).ports[\(portIndex)]"
                let entry = try mapping(port, field: portPlace)
                // A port without containerPort decodes as 0, which no port matches.
                ports.append(try int32(entry?["containerPort"], field: portPlace + ".containerPort") ?? 0)
            }
            containers.append(ClusterState.Container(name: try string(container["name"], field: place + ".name"), ports: ports))
        }
        return containers
    }

    /// `status.podIPs[].ip`.
    func podIPs(_ node: Node?, field: String) throws -> [String] {
        try sequence(node, field: field).enumerated().map { index, item in
            try string(try mapping(item, field: "\(field)[\(index)]")?["ip"], field: "\(field)[\(index)].ip")
        }
    }

    /// How a node looks, for messages.
    static func shape(_ node: Node?) -> String {
        switch node {
        case nil: return "nothing"
        case .mapping?: return "a mapping"
        case .sequence?: return "a list"
        case .alias?: return "an alias"
        case .scalar(let scalar)?:
            let text = scalar.string
            return "'" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "'"
        }
    }
}
