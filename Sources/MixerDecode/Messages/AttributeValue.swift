/// A typed attribute value, as Mixer sees it after resolving word indices.
///
/// The cases are the wire's value kinds. IP addresses stay `bytes` here (that
/// is how they travel); `ValueFormatter` shows them as addresses when the
/// attribute manifest says IP_ADDRESS.
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case int64(Int64)
    case double(Double)
    case bool(Bool)
    case timestamp(ProtoTimestamp)
    case duration(ProtoDuration)
    case bytes([UInt8])
    /// Key-value pairs sorted by key, one per key (the last one sent wins).
    case stringMap([StringPair])

    /// The manifest type this wire kind stands for.
    public var kind: AttributeType {
        switch self {
        case .string: .string
        case .int64: .int64
        case .double: .double
        case .bool: .bool
        case .timestamp: .timestamp
        case .duration: .duration
        case .bytes: .bytes
        case .stringMap: .stringMap
        }
    }
}

/// One entry of a resolved string map.
public struct StringPair: Hashable, Sendable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}

/// A named attribute.
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var value: AttributeValue
    public init(name: String, value: AttributeValue) { self.name = name; self.value = value }
}
