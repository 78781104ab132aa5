import MixerDecodeSupport

/// One JSON line for an expression's result (`mixerdecode expr`):
/// `{"value": V, "type": "STRING"}`, the value written as NDJSON writes
/// attribute values, or `{"error": "...", "stage": "parse", "column": 3}`.
public enum ExpressionResultJSON {
    public static func line(_ result: Result<ExpressionValue, ExpressionError>) -> String {
        var json = JSONWriter()
        json.beginObject()
        switch result {
        case .success(let value):
            json.key("value")
            write(value, to: &json)
            json.key("type"); json.string(value.type.rawValue)
        case .failure(let error):
            json.key("error"); json.string(error.message)
            json.key("stage"); json.string(error.stage.rawValue)
            if let column = error.column { json.key("column"); json.number(column) }
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    static func write(_ value: ExpressionValue, to json: inout JSONWriter) {
        switch value {
        case .string(let text), .dnsName(let text), .emailAddress(let text), .uri(let text), .mistyped(_, let text): json.string(text)
        case .int64(let number): json.raw(String(number))
        case .double(let number): json.raw(ValueFormatter.doubleJSON(number))
        case .bool(let flag): json.raw(flag ? "true" : "false")
        case .timestamp(let time): json.string(ValueFormatter.timestampText(time))
        case .duration(let nanos):
            let duration = ProtoDuration(seconds: nanos / 1_000_000_000, nanos: Int32(nanos % 1_000_000_000))
            json.string(ValueFormatter.durationText(duration))
        case .ipAddress(let bytes): json.string(IPAddressFormatting.text(bytes) ?? Base64.encode(bytes))
        case .stringMap(let map):
            json.beginObject()
            for key in map.keys.sorted(by: LastPerKey.bytewise) {
                json.key(key)
                json.string(map[key]!)
            }
            json.endObject()
        }
    }
}
