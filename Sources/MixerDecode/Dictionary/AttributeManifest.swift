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

    public init(types: [String: AttributeType]) { self.types = types }

    public func type(of name: String) -> AttributeType? { types[name] }

    /// The manifests shipped with Istio 1.1.6 (Helm chart, mixer config).
    public static let istio116 = AttributeManifest(
        types: Dictionary(istio116Entries.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }))

    /// `istio116`'s type of every global word (nil: not an attribute it
    /// names), so that rules read it by word id instead of hashing the name.
    static let istio116TypeOfGlobalWord: [AttributeType?] = GlobalDictionary.allWords.map { istio116.type(of: $0) }
}
