/// Requests to build, read from JSON: the decoder's own NDJSON or JSON
/// (objects with `"attributes"`; the objects of one request, by `"input"`
/// and `"request"`, become one request again), or objects
/// `{"message": "report"|"check", "release": "1.1", "semantics":
/// "independent"|"delta", "records": [{NAME: VALUE, ...}, ...]}`. Values are
/// typed by the attribute manifest and written as the decoder writes them
/// (`ValueParser`). What `mixerdecode encode` reads.
public enum EncodeInput {
    /// One request to build.
    public struct Request: Equatable, Sendable {
        /// The two requests a proxy sends: a Report batch, or a Check of one record.
        public enum Message: String, Sendable { case report, check }

        /// Which request to build (the input's `"message"`, else the default asked for).
        public var message: Message
        /// The dictionary release the input names, if it names one.
        public var release: String?
        /// The batch semantics the input names, if it names them.
        public var semantics: RepeatedAttributesSemantics?
        /// Each record's attributes, sorted by name (a Check uses the first).
        public var records: [[Attribute]]

        public init(message: Message, release: String? = nil, semantics: RepeatedAttributesSemantics? = nil, records: [[Attribute]]) {
            self.message = message
            self.release = release
            self.semantics = semantics
            self.records = records
        }

        /// The request compressed as istio-proxy does, in protobuf bytes:
        /// with `release` (else the input's, else 1.3) and `semantics` (else
        /// the input's, else delta for dictionaries of 0.8 and 1.0, whose
        /// proxies sent only delta batches).
        public func encoded(release override: GlobalDictionary? = nil, semantics forced: RepeatedAttributesSemantics? = nil) -> [UInt8] {
            let dictionary = override ?? GlobalDictionary(release: release ?? "1.3") ?? .newest
            let batch = forced ?? semantics ?? (dictionary.wordCount <= 203 ? .delta : .independent)
            let encoder = AttributeEncoder(dictionary: dictionary, semantics: batch)
            return message == .check
                ? WireEncoder.encode(encoder.encodeCheck(records.first ?? []))
                : WireEncoder.encode(encoder.encodeReport(records))
        }
    }

    /// Why the JSON cannot be built into requests, with where.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The requests of `bytes`: NDJSON, one JSON array of objects, or one object.
    public static func requests(fromJSON bytes: [UInt8], defaultMessage: Request.Message = .report) throws -> [Request] {
        var requests: [Request] = []
        var lastKey: String?
        for (object, line) in try objects(bytes) {
            let message = object["message"]?.string.flatMap(Request.Message.init(rawValue:)) ?? defaultMessage
            let release = object["release"]?.string ?? object["dictionary"]?.object?["release"]?.string
            let semantics: RepeatedAttributesSemantics? = switch object["semantics"]?.string {
            case "independent": .independent
            case "delta": .delta
            default: nil
            }
            if case .array(let records)? = object["records"] {
                var built: [[Attribute]] = []
                for (index, record) in records.enumerated() {
                    guard let values = record.object else { throw Problem(description: "line \(line), record \(index) is not an object") }
                    built.append(try attributes(values, place: "line \(line), record \(index)"))
                }
                requests.append(Request(message: message, release: release, semantics: semantics, records: built))
                lastKey = nil
            } else if let values = object["attributes"]?.object {
                // The decoder's objects: one per record, grouped back by request.
                let key = "\(object["input"]?.string ?? "")\u{0}\(object["request"].map { "\($0)" } ?? "")"
                let record = try attributes(values, place: "line \(line)")
                if key == lastKey, !requests.isEmpty {
                    requests[requests.count - 1].records.append(record)
                } else {
                    requests.append(Request(message: message, release: release, semantics: semantics, records: [record]))
                }
                lastKey = key
            } else {
                throw Problem(description: "line \(line): an object needs \"attributes\" or \"records\"")
            }
        }
        return requests
    }

    /// The objects of the input and the line each starts on: the whole
    /// input as one JSON value (an array's items, or one object), else
    /// one object per non-blank line.
    private static func objects(_ bytes: [UInt8]) throws -> [(object: [String: JSONValue], line: Int)] {
        if let whole = try? JSONValue.parse(bytes[...]) {
            let list: [JSONValue] = if case .array(let items) = whole { items } else { [whole] }
            return try list.enumerated().map { index, item in
                guard let object = item.object else { throw Problem(description: "item \(index) is not a JSON object") }
                return (object, 1)
            }
        }
        var objects: [(object: [String: JSONValue], line: Int)] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            guard let object = (try? JSONValue.parse(line))?.object else {
                throw Problem(description: "line \(index + 1) is not a JSON object")
            }
            objects.append((object, index + 1))
        }
        return objects
    }

    /// One record's attributes, typed by the manifest.
    static func attributes(_ values: [String: JSONValue], place: String) throws -> [Attribute] {
        try values.map { name, json in
            Attribute(name: name, value: try value(json, attribute: name, place: place))
        }.sorted { $0.name < $1.name }
    }

    static func value(
        _ json: JSONValue, attribute name: String, place: String, manifest: AttributeManifest = .istio116
    ) throws -> AttributeValue {
        switch json {
        case .string(let text):
            guard let value = ValueParser.value(fromString: text, attribute: name, manifest: manifest) else {
                throw Problem(description: "\(place): \(name) = \"\(text)\" does not fit its manifest type \(manifest.type(of: name)?.rawValue ?? "")")
            }
            return value
        case .bool(let flag): return .bool(flag)
        case .integer(let whole):
            return manifest.type(of: name) == .double ? .double(Double(whole)) : .int64(whole)
        case .number(let real): return .double(real)
        case .object(let map):
            var pairs: [StringPair] = []
            for (key, value) in map {
                guard let text = value.string else { throw Problem(description: "\(place): \(name)[\(key)] is not a string") }
                pairs.append(StringPair(key: key, value: text))
            }
            return .stringMap(pairs.sorted { $0.key < $1.key })
        case .array, .null:
            throw Problem(description: "\(place): \(name) has a value of no attribute type")
        }
    }
}
