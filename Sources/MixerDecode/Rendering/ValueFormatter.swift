import MixerDecodeSupport

/// How attribute values are written, in JSON and in text. One place, so
/// that every output agrees (the NDJSON contract in README.md).
public enum ValueFormatter {
    /// Bytes shown as an address when the manifest says IP_ADDRESS and the
    /// length is 4 or 16; other bytes as base64.
    public static func bytesText(_ bytes: [UInt8], attribute: String, manifest: AttributeManifest = .istio116) -> String {
        if manifest.type(of: attribute) == .ipAddress, let address = IPAddressFormatting.text(bytes) {
            return address
        }
        return Base64.encode(bytes)
    }

    public static func timestampText(_ value: ProtoTimestamp) -> String { TimeFormatting.rfc3339(value) }
    public static func durationText(_ value: ProtoDuration) -> String { TimeFormatting.duration(value) }

    /// A double as text: Swift's shortest round-trip form, or NaN,
    /// Infinity, -Infinity (protobuf JSON's names).
    static func doubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }

    /// A double as JSON: a number, or the string "NaN", "Infinity" or
    /// "-Infinity" (protobuf JSON: JSON has no number for them).
    static func doubleJSON(_ value: Double) -> String {
        value.isFinite ? doubleText(value) : "\"" + doubleText(value) + "\""
    }

    /// Appends `value` of attribute `name` as JSON.
    static func writeJSON(_ value: AttributeValue, attribute name: String, manifest: AttributeManifest, to json: inout JSONWriter) {
        switch value {
        case .string(let text): json.string(text)
        case .int64(let number): json.raw(String(number))
        case .double(let number): json.raw(doubleJSON(number))
        case .bool(let flag): json.raw(flag ? "true" : "false")
        case .timestamp(let time): json.string(timestampText(time))
        case .duration(let span): json.string(durationText(span))
        case .bytes(let bytes): json.string(bytesText(bytes, attribute: name, manifest: manifest))
        case .stringMap(let pairs):
            json.beginObject()
            for pair in pairs {
                json.key(pair.key)
                json.string(pair.value)
            }
            json.endObject()
        }
    }
}
