import MixerDecode
import Yams

/// A problem in a configuration file, said with where it is: the file, the
/// resource (kind and name), the field, and the line when YAML gives one.
public struct ConfigProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var resource: String?
    public var field: String?
    public var message: String

    public var description: String {
        let place = [file + (line.map { ":\($0)" } ?? ""), resource, field].compactMap { $0 }.joined(separator: ", ")
        return "\(place): \(message)"
    }
}

/// Istio `attributemanifest` resources read from YAML as users have them:
/// one resource, several in one file (`---`), or `kubectl get ... -o yaml`
/// output (`kind: List`). Every manifest found adds its attributes; other
/// kinds are passed over. Field names are accepted in both spellings
/// Istio's loaders accept (`valueType`, `value_type`).
public enum AttributeManifestYAML {
    /// The attributes of every manifest in `text`, or the first problem.
    public static func manifest(from text: String, file: String) -> Result<AttributeManifest, ConfigProblem> {
        var types: [String: AttributeType] = [:]
        do {
            for document in try Yams.compose_all(yaml: text) {
                for resource in resources(in: document) where resource.mapping?["kind"]?.string == "attributemanifest" {
                    try add(resource, file: file, to: &types)
                }
            }
        } catch let problem as ConfigProblem {
            return .failure(problem)
        } catch let error as YamlError {
            return .failure(ConfigProblem(file: file, message: "not YAML: \(error)"))
        } catch {
            return .failure(ConfigProblem(file: file, message: "\(error)"))
        }
        return .success(AttributeManifest(types: types))
    }

    /// The resources of a document: itself, or the items of a `kind: List`.
    private static func resources(in document: Node) -> [Node] {
        guard document.mapping?["kind"]?.string == "List" else { return [document] }
        return document.mapping?["items"]?.sequence.map(Array.init) ?? []
    }

    private static func add(_ resource: Node, file: String, to types: inout [String: AttributeType]) throws {
        let name = resource.mapping?["metadata"]?.mapping?["name"]?.string ?? "(no name)"
        let label = "attributemanifest \(name)"
        guard let attributes = resource.mapping?["spec"]?.mapping?["attributes"]?.mapping else { return }
        for (key, info) in attributes {
            guard let attribute = key.string else { continue }
            let field = "spec.attributes.\(attribute)"
            let typeNode = info.mapping?["valueType"] ?? info.mapping?["value_type"]
            guard let typeName = typeNode?.string else {
                throw ConfigProblem(
                    file: file, line: (typeNode ?? info).mark.map { $0.line }, resource: label, field: field + ".valueType",
                    message: "no valueType: Mixer would give the attribute VALUE_TYPE_UNSPECIFIED, which no expression accepts")
            }
            guard let type = AttributeType(rawValue: typeName), type != .bytes else {
                throw ConfigProblem(
                    file: file, line: typeNode?.mark.map { $0.line }, resource: label, field: field + ".valueType",
                    message: "'\(typeName)' is not a value type (istio.policy.v1beta1.ValueType)")
            }
            types[attribute] = type
        }
    }
}
