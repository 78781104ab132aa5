import ArgumentParser
import Foundation
import MixerDecode

/// `mixerdecode encode`: JSON records in, Mixer requests out, compressed as
/// istio-proxy does. It reads its own `-o ndjson` / `-o json` output, so
/// decode, edit, encode is a way to build fixtures from real traffic.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Build Mixer requests from JSON records (the decoder's NDJSON, or {\"records\": [...]}).",
        discussion: """
            Input: the decoder's own NDJSON or JSON (objects with "attributes"; the objects of \\
            one request, by "input" and "request", become one request again), or objects \\
            {"message": "report"|"check", "release": "1.1", "semantics": "independent"|"delta", \\
            "records": [{NAME: VALUE, ...}, ...]}. Values are typed by the Istio 1.1.6 attribute \\
            manifest and written as the decoder writes them: RFC 3339 timestamps, "1.5s" \\
            durations, IP addresses as text (dotted IPv4 becomes 4 bytes), other bytes in \\
            base64, string maps as objects.

            Output (--to): grpc frames (default; several requests in a row), raw (one \\
            request), or hex / base64 text of the frames. Binary output is refused on a terminal.
            """)

    @Argument(help: "JSON files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "Dictionary release to compress with (0.8, 1.0, 1.1 ... 1.7, fallback); default: the input's, else 1.3.")
    var release: String?

    @Option(help: "Batch semantics: independent (1.1+) or delta (0.8, 1.0); default: the input's, else by release.")
    var semantics: SemanticsOption?

    @Option(help: "Message when the input does not say: report or check.")
    var message: EncodedMessage = .report

    @Option(help: "Output form: grpc, raw, hex, base64.")
    var to: OutputForm = .grpc

    func validate() throws {
        if let release, GlobalDictionary(release: release) == nil {
            throw ValidationError("unknown release '\(release)': use 0.8, 1.0, 1.1 ... 1.7, or fallback")
        }
    }

    func run() throws {
        var requests: [RequestSpec] = []
        for name in files.isEmpty ? ["-"] : files {
            var file = InputFile(name: name)
            guard file.open() else {
                StandardStream.error.write("mixerdecode: cannot read \(name): \(InputFile.lastErrorDescription())\n")
                throw ExitCode(2)
            }
            var bytes: [UInt8] = []
            while let chunk = file.read(1 << 16), !chunk.isEmpty { bytes += chunk }
            file.close()
            do {
                requests += try JSONRecords.requests(from: bytes, inputName: name, defaultMessage: message)
            } catch let error as JSONRecords.Problem {
                StandardStream.error.write("mixerdecode: \(name): \(error.description)\n")
                throw ExitCode(1)
            }
        }
        var messages: [[UInt8]] = []
        for request in requests {
            let dictionary = GlobalDictionary(release: release ?? request.release ?? "1.3") ?? .newest
            let batch = semantics?.value ?? request.semantics
                ?? (dictionary.wordCount <= 203 ? .delta : .independent)
            let encoder = AttributeEncoder(dictionary: dictionary, semantics: batch)
            messages.append(request.message == .check
                ? WireEncoder.encode(encoder.encodeCheck(request.records.first ?? []))
                : WireEncoder.encode(encoder.encodeReport(request.records)))
        }
        try write(messages)
    }

    private func write(_ messages: [[UInt8]]) throws {
        if to == .raw && messages.count != 1 {
            throw ValidationError("--to raw holds one request; the input has \(messages.count): use --to grpc")
        }
        let frames = messages.flatMap { message -> [UInt8] in
            let length = UInt32(message.count)
            return [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
        }
        switch to {
        case .grpc, .raw:
            if StandardStream.output.isTerminal {
                throw ValidationError("binary output to a terminal: redirect it to a file, or use --to hex")
            }
            StandardStream.output.write(to == .raw ? messages[0] : frames)
        case .hex:
            StandardStream.output.write(frames.map { String(format: "%02x", $0) }.joined() + "\n")
        case .base64:
            StandardStream.output.write(Data(frames).base64EncodedString(options: .lineLength76Characters) + "\n")
        }
    }
}

enum SemanticsOption: String, ExpressibleByArgument {
    case independent, delta
    var value: RepeatedAttributesSemantics { self == .independent ? .independent : .delta }
}

enum EncodedMessage: String, ExpressibleByArgument {
    case report, check
}

enum OutputForm: String, ExpressibleByArgument {
    case grpc, raw, hex, base64
}

/// One request to build.
struct RequestSpec {
    var message: EncodedMessage
    var release: String?
    var semantics: RepeatedAttributesSemantics?
    var records: [[Attribute]]
}

/// A JSON value, decoded strictly: a bool is never a number, an integer is
/// told from a fraction.
enum JSONValue: Decodable {
    case bool(Bool), integer(Int64), number(Double), string(String), object([String: JSONValue]), array([JSONValue]), null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let whole = try? container.decode(Int64.self) { self = .integer(whole) }
        else if let real = try? container.decode(Double.self) { self = .number(real) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let object = try? container.decode([String: JSONValue].self) { self = .object(object) }
        else { self = .array(try container.decode([JSONValue].self)) }
    }

    var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }
}

/// Reads JSON records: NDJSON, one JSON array, or one object.
enum JSONRecords {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func requests(from bytes: [UInt8], inputName: String, defaultMessage: EncodedMessage) throws -> [RequestSpec] {
        var objects: [(object: [String: JSONValue], line: Int)] = []
        if let whole = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) {
            let list: [JSONValue] = if case .array(let items) = whole { items } else { [whole] }
            for (index, item) in list.enumerated() {
                guard let object = item.object else { throw Problem(description: "item \(index) is not a JSON object") }
                objects.append((object, 1))
            }
        } else {
            for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
            where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                guard let object = (try? JSONDecoder().decode(JSONValue.self, from: Data(line)))?.object else {
                    throw Problem(description: "line \(index + 1) is not a JSON object")
                }
                objects.append((object, index + 1))
            }
        }
        var requests: [RequestSpec] = []
        var lastKey: String?
        for (object, line) in objects {
            let message = object["message"]?.string.flatMap(EncodedMessage.init(rawValue:)) ?? defaultMessage
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
                requests.append(RequestSpec(message: message, release: release, semantics: semantics, records: built))
                lastKey = nil
            } else if let values = object["attributes"]?.object {
                // The decoder's objects: one per record, grouped back by request.
                let key = "\(object["input"]?.string ?? "")\u{0}\(object["request"].map { "\($0)" } ?? "")"
                let record = try attributes(values, place: "line \(line)")
                if key == lastKey, !requests.isEmpty {
                    requests[requests.count - 1].records.append(record)
                } else {
                    requests.append(RequestSpec(message: message, release: release, semantics: semantics, records: [record]))
                }
                lastKey = key
            } else {
                throw Problem(description: "line \(line): an object needs \"attributes\" or \"records\"")
            }
        }
        return requests
    }

    /// One record's attributes, typed by the manifest.
    static func attributes(_ values: [String: JSONValue], place: String) throws -> [Attribute] {
        try values.map { name, json in
            Attribute(name: name, value: try value(json, attribute: name, place: place))
        }.sorted { $0.name < $1.name }
    }

    static func value(_ json: JSONValue, attribute name: String, place: String) throws -> AttributeValue {
        switch json {
        case .string(let text):
            guard let value = ValueParser.value(fromString: text, attribute: name) else {
                throw Problem(description: "\(place): \(name) = \"\(text)\" does not fit its manifest type \(AttributeManifest.istio116.type(of: name)?.rawValue ?? "")")
            }
            return value
        case .bool(let flag): return .bool(flag)
        case .integer(let whole):
            return AttributeManifest.istio116.type(of: name) == .double ? .double(Double(whole)) : .int64(whole)
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
