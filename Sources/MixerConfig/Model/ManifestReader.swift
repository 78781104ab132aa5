import MixerDecode
import Yams

/// The attribute vocabulary of a configuration: the union of every
/// `attributemanifest` in any namespace (istio/istio
/// `1.1.6:mixer/pkg/runtime/config/ephemeral.go`,
/// `processAttributeManifests`; a name declared twice keeps the last read).
enum ManifestReader {
    static func types(from resources: [ConfigResource], problems: inout [ConfigProblem]) -> [String: AttributeType] {
        var types: [String: AttributeType] = [:]
        for resource in resources where resource.kind == ConfigKinds.attributeManifest {
            guard let attributes = resource.spec?.mapping?["attributes"]?.mapping else { continue }
            for (key, info) in attributes {
                guard let attribute = key.string else { continue }
                let field = "spec.attributes.\(attribute).valueType"
                let typeNode = info.field("value_type")
                guard let typeName = typeNode?.text else {
                    problems.append(resource.problem(
                        field, "no valueType: Mixer gives the attribute VALUE_TYPE_UNSPECIFIED, which no expression accepts",
                        at: typeNode ?? info))
                    continue
                }
                guard let type = AttributeType(rawValue: typeName), type != .bytes else {
                    problems.append(resource.problem(field, "'\(typeName)' is not a value type (istio.policy.v1beta1.ValueType)", at: typeNode))
                    continue
                }
                types[attribute] = type
            }
        }
        return types
    }
}
