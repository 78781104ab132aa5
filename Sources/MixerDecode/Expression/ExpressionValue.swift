/// A value of Mixer's expression language at run time, one case per
/// attribute type (istio/istio `mixer/pkg/il/interpreter`: Go strings,
/// int64, float64, bool, `time.Duration`, `time.Time`, `[]byte` for IP
/// addresses, `map[string]string`).
public enum ExpressionValue: Sendable, Hashable {
    case string(String)
    case int64(Int64)
    case double(Double)
    case bool(Bool)
    /// Nanoseconds.
    case duration(Int64)
    case timestamp(ProtoTimestamp)
    /// 4 or 16 bytes, as Go's `net.IP`.
    case ipAddress([UInt8])
    case stringMap([String: String])
    case dnsName(String)
    case emailAddress(String)
    case uri(String)
    /// An attribute whose value is not of its manifest type: reading it is
    /// Mixer's conversion error (`interpreterRun.go`, `resolve_s` and the
    /// others: `error converting value to string: '200'`), present or not
    /// behind `|`. `goValue` is the value as Go's `%v` prints it.
    case mistyped(expected: AttributeType, goValue: String)

    public var type: AttributeType {
        switch self {
        case .string: .string
        case .int64: .int64
        case .double: .double
        case .bool: .bool
        case .duration: .duration
        case .timestamp: .timestamp
        case .ipAddress: .ipAddress
        case .stringMap: .stringMap
        case .dnsName: .dnsName
        case .emailAddress: .emailAddress
        case .uri: .uri
        case .mistyped(let expected, _): expected
        }
    }

    /// Mixer's message for reading a ``mistyped`` value; nil for any other.
    var conversionError: String? {
        guard case .mistyped(let expected, let goValue) = self else { return nil }
        let wanted = switch expected {
        case .bool: "bool"
        case .int64, .duration: "integer or duration"
        case .double: "double"
        default: "string"
        }
        return "error converting value to \(wanted): '\(goValue)'"
    }

    init(_ constant: ExpressionConstant.Value) {
        switch constant {
        case .int64(let value): self = .int64(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .bool(let value): self = .bool(value)
        case .duration(let nanos): self = .duration(nanos)
        }
    }
}
