/// The attributes an expression is evaluated on, read from one JSON object
/// (`mixerdecode expr --attributes`) and typed by a manifest, in the forms
/// NDJSON output writes them: RFC 3339 timestamps, `"1.5s"` durations, IP
/// addresses as text (or base64 bytes), string maps as objects.
public enum ExpressionAttributes {
    /// Why the JSON is not a bag of attributes of the manifest's types.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func fromJSON(_ bytes: [UInt8], manifest: AttributeManifest) -> Result<[String: ExpressionValue], Problem> {
        guard let parsed = try? JSONValue.parse(bytes[...]), case .object(let members) = parsed else {
            return .failure(Problem(description: "the attributes are not one JSON object"))
        }
        var bag: [String: ExpressionValue] = [:]
        for (name, json) in members.sorted(by: { $0.key < $1.key }) {
            guard let type = manifest.type(of: name) else {
                return .failure(Problem(description: "\(name): not an attribute of the manifest, so no expression can use it"))
            }
            guard let value = value(json, as: type) else {
                return .failure(Problem(description: "\(name): \(json) is not a \(type.rawValue) as NDJSON writes one"))
            }
            bag[name] = value
        }
        return .success(bag)
    }

    static func value(_ json: JSONValue, as type: AttributeType) -> ExpressionValue? {
        switch (type, json) {
        case (.string, .string(let text)): return .string(text)
        case (.dnsName, .string(let text)): return .dnsName(text)
        case (.emailAddress, .string(let text)): return .emailAddress(text)
        case (.uri, .string(let text)): return .uri(text)
        case (.int64, .integer(let number)): return .int64(number)
        case (.double, .integer(let number)): return .double(Double(number))
        case (.double, .number(let number)): return .double(number)
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.timestamp, .string(let text)): return ValueParser.timestamp(text).map(ExpressionValue.timestamp)
        case (.duration, .string(let text)):
            return ValueParser.duration(text).map { .duration($0.seconds &* 1_000_000_000 &+ Int64($0.nanos)) }
        case (.ipAddress, .string(let text)):
            return (ValueParser.ipAddress(text) ?? ValueParser.base64(text)).map(ExpressionValue.ipAddress)
        case (.stringMap, .object(let members)):
            var map: [String: String] = [:]
            for (key, value) in members {
                guard case .string(let text) = value else { return nil }
                map[key] = text
            }
            return .stringMap(map)
        default: return nil
        }
    }
}
