import MixerDecodeSupport

/// A JSON value read strictly (RFC 8259, by `JSONReader`): a bool is never
/// a number, and an integer is told from a fraction, so that `200` becomes
/// an INT64 attribute and `0.5` a DOUBLE. For `EncodeInput`.
enum JSONValue: Equatable {
    case bool(Bool), integer(Int64), number(Double), string(String), object([String: JSONValue]), array([JSONValue])
    case null

    var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }

    /// The one value `bytes` hold, with nothing but white space around it.
    static func parse(_ bytes: ArraySlice<UInt8>) throws -> JSONValue {
        var reader = JSONReader(bytes)
        let value = try read(&reader)
        try reader.finish()
        return value
    }

    private static func read(_ reader: inout JSONReader) throws -> JSONValue {
        switch reader.peekKind() {
        case .object?:
            var members: [String: JSONValue] = [:]
            try reader.readObject { reader, key in members[String(decoding: key, as: UTF8.self)] = try read(&reader) }
            return .object(members)
        case .array?:
            var items: [JSONValue] = []
            try reader.readArray { reader in items.append(try read(&reader)) }
            return .array(items)
        case .string?:
            return .string(String(decoding: try reader.readString(), as: UTF8.self))
        case .number?:
            let text = String(decoding: try reader.readNumber(), as: UTF8.self)
            // Whole numbers within Int64 stay integers; the rest are doubles.
            if let whole = Int64(text) { return .integer(whole) }
            return .number(Double(text) ?? .nan)
        case .literal?:
            return try reader.readLiteral().map(JSONValue.bool) ?? .null
        case nil:
            try reader.skipValue()  // throws the reader's own "expected a value"
            return .null
        }
    }
}
