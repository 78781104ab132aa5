import MixerDecode

/// A record's attributes as Mixer's attribute bag holds them for
/// expressions, and the namespace whose rules it runs.
enum RecordBag {
    /// Each attribute typed by the manifest when its wire value is of that
    /// type; else an expression that reads it fails as Mixer's does.
    static func values(of record: ResolvedRecord, manifest: AttributeManifest) -> [String: ExpressionValue] {
        var bag: [String: ExpressionValue] = [:]
        bag.reserveCapacity(record.attributes.count)
        for attribute in record.attributes {
            let value = attribute.value
            bag[attribute.name] = ExpressionValue(bag: value, type: manifest.type(of: attribute.name))
        }
        return bag
    }

    /// The namespace whose rules run (`1.1.6:mixer/pkg/runtime/dispatcher/util.go`,
    /// `getIdentityNamespace`): `context.reporter.kind` (`inbound` when
    /// absent or not a string) picks `destination.namespace` for inbound,
    /// `source.namespace` for outbound; anything else gives "".
    static func identityNamespace(_ bag: [String: ExpressionValue]) -> String {
        var kind = "inbound"
        if case .string(let text)? = bag["context.reporter.kind"] { kind = text }
        let attribute: String
        switch kind {
        case "inbound": attribute = "destination.namespace"
        case "outbound": attribute = "source.namespace"
        default: return ""
        }
        if case .string(let namespace)? = bag[attribute] { return namespace }
        return ""
    }

    /// What the record was for, to group records by: the destination
    /// service's host or name (0.8: `destination.service`), else its
    /// workload, else its uid.
    static func destination(of bag: [String: ExpressionValue]) -> String {
        for name in ["destination.service.host", "destination.service.name", "destination.service", "destination.workload.name", "destination.uid"] {
            if case .string(let text)? = bag[name], !text.isEmpty { return text }
        }
        return "unknown"
    }

    /// The time a record's samples carry: the first of `context.time`,
    /// `response.time`, `request.time` it has.
    static func time(of bag: [String: ExpressionValue]) -> ProtoTimestamp? {
        for name in ["context.time", "response.time", "request.time"] {
            if case .timestamp(let time)? = bag[name] { return time }
        }
        return nil
    }
}
