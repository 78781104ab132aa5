import Yams

/// One Kubernetes resource of Mixer's configuration as a file holds it: its
/// kind, name and namespace, and its `spec` still as YAML, so that fields
/// can be read in both of the spellings Mixer accepts and problems can name
/// their line.
///
/// Mixer keys every resource as `name.kind.namespace`
/// (istio/istio `mixer/pkg/config/store/store.go`, `Key.String`), the
/// fully qualified name rules refer to.
public struct ConfigResource {
    public var kind: String
    public var name: String
    public var namespace: String
    public var spec: Node?
    public var annotations: [String: String]
    public var labels: [String: String]
    /// Where it was read: the file and the line of its `kind:`.
    public var file: String
    public var line: Int?

    /// `name.kind.namespace`.
    public var fullName: String { "\(name).\(kind).\(namespace)" }

    /// How findings name it: `rule promhttp (istio-system)`.
    public var label: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(name) (\(namespace))" }

    public init(kind: String, name: String, namespace: String, spec: Node?, annotations: [String: String] = [:], labels: [String: String] = [:], file: String, line: Int?) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.spec = spec
        self.annotations = annotations
        self.labels = labels
        self.file = file
        self.line = line
    }

    /// Where it is, for what is built from it.
    public var place: ResourcePlace { ResourcePlace(file: file, line: line, resource: label) }

    /// A problem with this resource, at `node`'s line (else the resource's).
    func problem(_ field: String?, _ message: String, at node: Node? = nil) -> ConfigProblem {
        place.problem(field, message, line: node?.mark?.line)
    }
}

/// Where a resource was read, kept by what is built from it so that later
/// findings (a series that cannot appear) can name it.
public struct ResourcePlace: Sendable, Hashable {
    public var file: String
    public var line: Int?
    /// `rule promhttp (istio-system)`.
    public var resource: String

    func problem(_ field: String?, _ message: String, line: Int? = nil) -> ConfigProblem {
        ConfigProblem(file: file, line: line ?? self.line, resource: resource, field: field, message: message)
    }
}

extension Node {
    /// The value of a spec field under either spelling Mixer's JSON decoding
    /// (gogo `jsonpb.Unmarshal`) accepts: the proto name (`instance_name`)
    /// or its lowerCamelCase JSON name (`instanceName`).
    func field(_ protoName: String) -> Node? {
        guard let mapping else { return nil }
        if let value = mapping[protoName] { return value }
        return mapping[Self.jsonName(protoName)]
    }

    /// protoc's JSON name: each `_x` becomes `X`.
    static func jsonName(_ protoName: String) -> String {
        var name = ""
        var upper = false
        for character in protoName {
            if character == "_" {
                upper = true
            } else {
                name.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return name
    }

    /// A scalar written as text. A YAML number or boolean where Mixer wants a
    /// string is not one: Mixer reads the resource as JSON, and jsonpb
    /// rejects a number for a string field.
    var text: String? {
        guard case .scalar(let scalar) = self else { return nil }
        if scalar.style == .plain, Self.isJSONNonString(scalar.string) { return nil }
        return scalar.string
    }

    /// What YAML 1.1 (the YAML-to-JSON step of Kubernetes' client) reads
    /// as a number, a boolean or null rather than a string.
    static func isJSONNonString(_ plain: String) -> Bool {
        if Int64(plain) != nil || (Double(plain) != nil && plain.first != ".") { return true }
        return ["true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "on", "off", "null", "~", ""].contains(plain)
    }
}
