import MixerDecodeSupport

/// What starts a Mixer dump in an Envoy log line, and what the dump holds.
enum DumpKind: Equatable, Sendable {
    /// `Sending Report request: <DebugString>` (grpc logger, 0.6-1.7).
    case reportRequest
    /// `Sending Check request: <DebugString>`.
    case checkRequest
    /// `Check response: <DebugString>`.
    case checkResponse
    /// `Report response: ` (an empty message: nothing to show).
    case reportResponse
    /// Uncompressed `Attributes` text. `cutByProxy`: `Report attributes:` /
    /// `Check attributes:` (filter logger, 1.1+), cut at 255 bytes by a fixed
    /// buffer; otherwise the complete `[libprotobuf ERROR ...] Request attributes:`.
    case attributes(cutByProxy: Bool)
    /// `Mixer forward attributes set: <base64 of a binary Attributes>`, and
    /// the `x-istio-attributes` header that carries the same, wherever printed.
    case forwardedAttributes
    /// Text-format lines with no marker before them: a pasted fragment that
    /// starts mid-message. Its message is guessed from its field names.
    case fragment
}

enum DumpMarker {
    static let all: [(marker: [UInt8], kind: DumpKind)] = [
        (Array("Sending Report request:".utf8), .reportRequest),
        (Array("Sending Check request:".utf8), .checkRequest),
        (Array("Check response:".utf8), .checkResponse),
        (Array("Report response:".utf8), .reportResponse),
        (Array("Report attributes:".utf8), .attributes(cutByProxy: true)),
        (Array("Check attributes:".utf8), .attributes(cutByProxy: true)),
        (Array("Request attributes:".utf8), .attributes(cutByProxy: false)),
        (Array("Mixer forward attributes set:".utf8), .forwardedAttributes),
    ]

    /// The marker in `message` (an Envoy message, header removed) and where
    /// the dump text is on its line (to the end, but for a quoted header value).
    static func find(in message: ArraySlice<UInt8>) -> (kind: DumpKind, text: Range<Int>)? {
        if let header = findAttributesHeader(in: message) { return (.forwardedAttributes, header) }
        // Every other marker has a colon: lines without one are skipped at once.
        guard message.contains(UInt8(ascii: ":")) else { return nil }
        for (marker, kind) in all {
            if let start = ByteSearch.firstIndex(of: marker, in: message) {
                var textStart = start + marker.count
                while textStart < message.endIndex && message[textStart] == 0x20 { textStart += 1 }
                return (kind, textStart..<message.endIndex)
            }
        }
        return nil
    }

    /// The `x-istio-attributes` header (base64 of an `Attributes` message,
    /// which a sidecar forwards to the next one) wherever it is printed:
    /// Envoy's router header dump `'x-istio-attributes', 'CkYK...'`, a JSON
    /// header map `"X-Istio-Attributes": "CkYK..."`, a `name: value` header
    /// list (curl -v, a service's own log). Returns the value's range.
    static func findAttributesHeader(in message: ArraySlice<UInt8>) -> Range<Int>? {
        // Header names are case-insensitive: find the tail, then compare the
        // whole name without case.
        var from = message.startIndex
        var nameEnd: Int?
        while nameEnd == nil, let match = ByteSearch.firstIndex(of: attributesHeaderTail, in: message[from...]) {
            let start = match + attributesHeaderTail.count - attributesHeader.count
            if start >= message.startIndex,
               zip(message[start..<(match + attributesHeaderTail.count)], attributesHeader).allSatisfy({ $0 | 0x20 == $1 })
            {
                nameEnd = match + attributesHeaderTail.count
            }
            from = match + attributesHeaderTail.count
        }
        guard var index = nameEnd else { return nil }
        let quote = index < message.endIndex ? message[index] : 0
        // 'name', 'value'  /  "name": "value"  /  name: value
        if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { index += 1 }
        while index < message.endIndex, message[index] == 0x20 || message[index] == UInt8(ascii: ":")
            || message[index] == UInt8(ascii: ",") || message[index] == UInt8(ascii: "=")
        {
            index += 1
        }
        var closer: UInt8?
        if index < message.endIndex, message[index] == UInt8(ascii: "'") || message[index] == UInt8(ascii: "\"") {
            closer = message[index]
            index += 1
        }
        var end = index
        while end < message.endIndex, closer.map({ message[end] != $0 }) ?? !ByteSearch.isBlank(message[end...end]) {
            end += 1
        }
        return end > index ? index..<end : nil
    }

    private static let attributesHeader = Array("x-istio-attributes".utf8)
    /// The part of the name whose case no writer changes.
    private static let attributesHeaderTail = Array("ttributes".utf8)

    /// Field names of the Mixer messages: a line starting with one of these
    /// (or a lone `}`) outside any dump is the start of a pasted fragment.
    static let fieldNames: Set<String> = [
        "attributes", "words", "strings", "int64s", "doubles", "bools", "timestamps", "durations", "bytes",
        "string_maps", "key", "value", "entries", "seconds", "nanos", "default_words", "global_word_count",
        "repeated_attributes_semantics", "deduplication_id", "quotas", "amount", "best_effort", "precondition",
        "status", "code", "message", "valid_duration", "valid_use_count", "referenced_attributes",
        "attribute_matches", "name", "condition", "map_key", "regex", "granted_amount", "string_value",
        "int64_value", "double_value", "bool_value", "bytes_value", "timestamp_value", "duration_value",
        "string_map_value", "route_directive",
    ]

    /// Fields whose value is a message in the Mixer schema: a line `NAME {`
    /// with one of these is DebugString of a Mixer message, not YAML, JSON
    /// or a program's log (`value` and `status` are too common to count).
    static let blockNames: Set<String> = [
        "attributes", "strings", "int64s", "doubles", "bools", "timestamps", "durations", "bytes", "string_maps",
        "entries", "quotas", "precondition", "referenced_attributes", "attribute_matches", "valid_duration",
    ]

    /// Scalar fields only the Mixer requests have, with the kind of value DebugString writes for them.
    static let distinctiveScalars: [String: TextValueShape] = [
        "words": .quoted, "default_words": .quoted, "deduplication_id": .quoted,
        "global_word_count": .integer, "repeated_attributes_semantics": .identifier,
    ]

    /// How far a run of held lines has come towards a map entry's shape.
    enum EntryShape {
        case none
        /// `key: 131`
        case key
        /// `key: 131` then `value: 92`
        case keyAndValue
    }

    /// True when `line` (a field line outside any dump) shows that the lines
    /// around it are DebugString of a Mixer message: a Mixer block opening,
    /// a field only Mixer has, or a whole map entry as DebugString writes
    /// it (`key: N`, `value: V`, then `}`; `value {` right after the key).
    /// Braces alone, or `key:` and `value:` lines alone (YAML has them), are
    /// no evidence.
    static func isEvidence(_ line: ArraySlice<UInt8>, after shape: EntryShape) -> Bool {
        guard let (name, rest) = splitField(line) else {
            return shape == .keyAndValue && line.drop(while: { $0 == 0x20 || $0 == 0x09 }).first == UInt8(ascii: "}")
        }
        if rest.first == UInt8(ascii: "{") { return blockNames.contains(name) || (name == "value" && shape == .key) }
        guard rest.first == UInt8(ascii: ":"), let shape = distinctiveScalars[name] else { return false }
        return TextValueShape.of(rest.dropFirst().drop { $0 == 0x20 }) == shape
    }

    /// The map-entry shape after `line`, given the shape before it.
    static func entryShape(after line: ArraySlice<UInt8>, following shape: EntryShape) -> EntryShape {
        guard let (name, rest) = splitField(line), rest.first == UInt8(ascii: ":") else { return .none }
        let value = TextValueShape.of(rest.dropFirst().drop { $0 == 0x20 })
        if name == "key" { return value == .integer || value == .quoted ? .key : .none }
        if name == "value" && shape == .key && value != nil { return .keyAndValue }
        return .none
    }

    /// `NAME` and what follows it (from the first `:` or `{`), indentation and trailing blanks removed.
    private static func splitField(_ line: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        var index = line.startIndex
        while index < line.endIndex && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
        let start = index
        while index < line.endIndex && TextTokenizer.isIdentifierPart(line[index]) { index += 1 }
        guard index > start else { return nil }
        let name = String(decoding: line[start..<index], as: UTF8.self)
        var rest = line[index...].drop { $0 == 0x20 }
        while let last = rest.last, last == 0x20 || last == 0x09 { rest = rest.dropLast() }
        return (name, rest)
    }

    /// True for `  strings {`, `key: 131`, `}`: text-format lines of a Mixer message.
    static func looksLikeFieldLine(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
        guard index < line.endIndex else { return false }
        if line[index] == UInt8(ascii: "}") { return ByteSearch.isBlank(line[(index + 1)...]) }
        let start = index
        while index < line.endIndex && TextTokenizer.isIdentifierPart(line[index]) { index += 1 }
        guard index > start, fieldNames.contains(String(decoding: line[start..<index], as: UTF8.self)) else { return false }
        while index < line.endIndex && line[index] == 0x20 { index += 1 }
        return index < line.endIndex && (line[index] == UInt8(ascii: ":") || line[index] == UInt8(ascii: "{"))
    }
}

/// The kind of scalar a DebugString line holds after `name: `, the whole rest of the line.
enum TextValueShape: Equatable {
    case integer, number, quoted, identifier

    static func of(_ value: ArraySlice<UInt8>) -> TextValueShape? {
        guard let first = value.first else { return nil }
        if first == UInt8(ascii: "\"") {
            return value.count >= 2 && value.last == UInt8(ascii: "\"") ? .quoted : nil
        }
        let digits = value.drop { $0 == UInt8(ascii: "-") }
        if !digits.isEmpty, digits.allSatisfy(ByteSearch.isDigit), value.count - digits.count <= 1 { return .integer }
        if value.allSatisfy({ ByteSearch.isDigit($0) || "+-.eE".utf8.contains($0) }) { return .number }
        return value.allSatisfy(TextTokenizer.isIdentifierPart) ? .identifier : nil
    }
}
