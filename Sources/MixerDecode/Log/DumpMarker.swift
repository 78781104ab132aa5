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
    /// `Mixer forward attributes set: <base64 of a binary Attributes>`.
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

    /// The marker in `message` (an Envoy message, header removed) and where the dump text starts.
    static func find(in message: ArraySlice<UInt8>) -> (kind: DumpKind, textStart: Int)? {
        // Every marker has a colon: lines without one are skipped at once.
        guard message.contains(UInt8(ascii: ":")) else { return nil }
        for (marker, kind) in all {
            if let start = ByteSearch.firstIndex(of: marker, in: message) {
                var textStart = start + marker.count
                while textStart < message.endIndex && message[textStart] == 0x20 { textStart += 1 }
                return (kind, textStart)
            }
        }
        return nil
    }

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
