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
            // The JSON forms are encode's (NDJSON's): read by the same code.
            let read: AttributeValue
            do {
                read = try EncodeInput.value(json, attribute: name, place: "attributes", manifest: manifest)
            } catch let problem as EncodeInput.Problem {
                return .failure(Problem(description: problem.description))
            } catch {
                return .failure(Problem(description: "\(name): \(error)"))
            }
            guard let value = ExpressionValue(read, as: type) else {
                return .failure(Problem(description: "attributes: \(name) is not a \(type.rawValue) as NDJSON writes one"))
            }
            bag[name] = value
        }
        return .success(bag)
    }
}

extension ExpressionValue {
    /// A decoded attribute's value as the expression language sees an
    /// attribute of manifest type `type`; nil when the two disagree.
    public init?(_ value: AttributeValue, as type: AttributeType) {
        switch (type, value) {
        case (.string, .string(let text)): self = .string(text)
        case (.dnsName, .string(let text)): self = .dnsName(text)
        case (.emailAddress, .string(let text)): self = .emailAddress(text)
        case (.uri, .string(let text)): self = .uri(text)
        case (.int64, .int64(let number)): self = .int64(number)
        case (.double, .double(let number)): self = .double(number)
        case (.bool, .bool(let flag)): self = .bool(flag)
        case (.timestamp, .timestamp(let time)): self = .timestamp(time)
        case (.duration, .duration(let span)): self = .duration(span.seconds &* 1_000_000_000 &+ Int64(span.nanos))
        case (.ipAddress, .bytes(let bytes)): self = .ipAddress(bytes)
        case (.stringMap, .stringMap(let pairs)):
            self = .stringMap(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        default: return nil
        }
    }
}

extension ExpressionValue {
    /// A decoded attribute's value as Mixer's bag holds it whatever the
    /// manifest says (a Go string, int64, ..., `[]byte` for bytes, which IP
    /// addresses are): an expression that wants another type then fails as
    /// Mixer's does.
    public init(wire value: AttributeValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .int64(let number): self = .int64(number)
        case .double(let number): self = .double(number)
        case .bool(let flag): self = .bool(flag)
        case .timestamp(let time): self = .timestamp(time)
        case .duration(let span): self = .duration(span.seconds &* 1_000_000_000 &+ Int64(span.nanos))
        case .bytes(let bytes): self = .ipAddress(bytes)
        case .stringMap(let pairs):
            self = .stringMap(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        }
    }
}

extension ExpressionValue {
    /// A decoded attribute as Mixer's bag gives it to an expression of a
    /// manifest that says `type`: that type when the value has it; for the
    /// types the interpreter converts with a check (string, bool, integer,
    /// duration, double), a value that fails the check (``ExpressionValue/mistyped(expected:goValue:)``);
    /// otherwise the value as it travels.
    public init(bag value: AttributeValue, type: AttributeType?) {
        if let type, let typed = ExpressionValue(value, as: type) {
            self = typed
        } else if let type, [.string, .bool, .int64, .duration, .double].contains(type) {
            self = .mistyped(expected: type, goValue: Self.goText(value))
        } else {
            self = ExpressionValue(wire: value)
        }
    }

    /// Go's `%v` of the value Mixer's bag holds.
    private static func goText(_ value: AttributeValue) -> String {
        switch value {
        case .string(let text): text
        case .int64(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .double(let number): "\(number)"
        case .bytes(let bytes): "[" + bytes.map(String.init).joined(separator: " ") + "]"
        case .stringMap(let pairs): "map[" + pairs.map { "\($0.key):\($0.value)" }.joined(separator: " ") + "]"
        // Go would print a time.Time or Duration; only a mistyped one gets
        // here (a STRING attribute sent as a timestamp), shown as it travels.
        case .timestamp(let time): "{\(time.seconds)s \(time.nanos)ns since 1970}"
        case .duration(let span): "{\(span.seconds)s \(span.nanos)ns}"
        }
    }
}
