/// Value types of the attribute vocabulary (`istio.policy.v1beta1.ValueType`).
public enum AttributeType: String, Hashable, Sendable, CaseIterable {
    case string = "STRING"
    case int64 = "INT64"
    case double = "DOUBLE"
    case bool = "BOOL"
    case timestamp = "TIMESTAMP"
    case duration = "DURATION"
    case ipAddress = "IP_ADDRESS"
    case stringMap = "STRING_MAP"
    case bytes = "BYTES"
    case emailAddress = "EMAIL_ADDRESS"
    case uri = "URI"
    case dnsName = "DNS_NAME"

    /// Whether a value of wire kind `kind` is what this type travels as
    /// (IP addresses travel as bytes; e-mail, URI and DNS names as strings).
    public func accepts(_ kind: AttributeType) -> Bool {
        switch self {
        case .ipAddress: kind == .bytes
        case .emailAddress, .uri, .dnsName: kind == .string
        default: kind == self
        }
    }
}

/// Which type each known attribute has: the `istio-proxy` and `kubernetes`
/// attribute manifests of Istio 1.1.6. Attributes outside it are legal
/// (Envoy dynamic metadata adds string maps with arbitrary names).
public struct AttributeManifest: Sendable {
    public let types: [String: AttributeType]
    /// Its attribute names, sorted, as the slots expressions compiled
    /// against it read (see ``CompiledExpression``).
    public let names: AttributeNames
    /// The type of each name, by slot.
    let typeOfSlot: [AttributeType?]

    public init(types: [String: AttributeType]) {
        self.init(types: types, names: AttributeNames.shared(types.keys.sorted()))
    }

    /// This manifest with the `added` types (over its own for a name in
    /// both), whose names extend this one's: a bag of this manifest widens
    /// to it without a lookup per name.
    public func adding(_ added: [String: AttributeType]) -> AttributeManifest {
        let newNames = added.keys.filter { types[$0] == nil }.sorted()
        return AttributeManifest(types: types.merging(added) { _, new in new }, names: names.extended(with: newNames))
    }

    private init(types: [String: AttributeType], names: AttributeNames) {
        self.types = types
        self.names = names
        typeOfSlot = names.names.map { types[$0] }
    }

    public func type(of name: String) -> AttributeType? { types[name] }

    /// The manifests shipped with Istio 1.1.6 (Helm chart, mixer config).
    public static let istio116 = AttributeManifest(
        types: Dictionary(istio116Entries.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }))

    /// `istio116`'s type of every global word (nil: not an attribute it
    /// names), so that rules read it by word id instead of hashing the name.
    static let istio116TypeOfGlobalWord: [AttributeType?] = GlobalDictionary.allWords.map { istio116.type(of: $0) }
}
