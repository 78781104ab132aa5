import MixerDecodeSupport

/// Decoding of the uncompressed `Attributes` message:
/// `map<string, AttributeValue> attributes = 1`, with `AttributeValue` a oneof
/// (string 2, int64 3, double 4, bool 5, bytes 6, timestamp 7, duration 8,
/// string_map 9 = `StringMap { map<string, string> entries = 1 }`).
extension DecodeSession {
    mutating func decodeAttributesMessage(_ cursor: inout WireCursor) -> AttributesMessage {
        var message = AttributesMessage()
        fields: while !cursor.isAtEnd && !limitReached {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else {
                report(.diagnose(.tag, at: cursor), path: "Attributes", record: 0)
                break fields
            }
            guard tag.fieldNumber == 1, tag.wireType == .lengthDelimited else {
                if let failure = skipUnknown(
                    tag, expected: tag.fieldNumber == 1 ? "\(WireType.lengthDelimited)" : nil, cursor: &cursor,
                    tagOffset: tagOffset, depth: 0, path: "Attributes", record: 0)
                {
                    report(failure, path: "Attributes", record: 0)
                    break fields
                }
                continue
            }
            let path = "attributes entry \(message.attributes.count)"
            guard case (var entry, let isCut)? = readNested(&cursor, path: path, record: 0, keepCutContent: true)
            else { break fields }
            guard spendEntry(offset: tagOffset, record: 0) else { break fields }
            switch decodeNamedValue(&entry, path: path) {
            case .value(let attribute): message.attributes.append(attribute)
            case .failed(let failure): report(failure, path: path, record: 0)
            }
            if isCut { partialRecords.insert(0) }
        }
        noteStop(cursor)
        return message
    }

    /// One `attributes` entry: name (field 1) and `AttributeValue` (field 2).
    private mutating func decodeNamedValue(_ entry: inout WireCursor, path: String) -> FieldRead<Attribute> {
        var attribute = Attribute(name: "", value: .string(""))
        while !entry.isAtEnd {
            let tagOffset = entry.position
            guard let tag = entry.readTag() else { return .failed(.diagnose(.tag, at: entry)) }
            guard tag.wireType == .lengthDelimited, tag.fieldNumber == 1 || tag.fieldNumber == 2 else {
                if let failure = skipUnknown(
                    tag, expected: Self.expected(tag, [1: .lengthDelimited, 2: .lengthDelimited]), cursor: &entry,
                    tagOffset: tagOffset, depth: 2, path: path, record: 0)
                {
                    return .failed(failure)
                }
                continue
            }
            guard let length = entry.readLength() else { return .failed(.diagnose(.length, at: entry)) }
            var content = entry.nested(length: length)
            entry.position += length
            if tag.fieldNumber == 1 {
                attribute.name = string(from: content, range: content.position..<content.end, path: path, record: 0)
            } else {
                switch decodeAttributeValue(&content, path: path) {
                case .value(let value): attribute.value = value
                case .failed(let failure): return .failed(failure)
                }
            }
        }
        return .value(attribute)
    }

    /// The `AttributeValue` oneof; the last member present wins (protobuf rule).
    private mutating func decodeAttributeValue(_ cursor: inout WireCursor, path: String) -> FieldRead<AttributeValue> {
        var value = AttributeValue.string("")
        while !cursor.isAtEnd {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else { return .failed(.diagnose(.tag, at: cursor)) }
            switch (tag.fieldNumber, tag.wireType) {
            case (2, .lengthDelimited), (6, .lengthDelimited):
                guard let length = cursor.readLength() else { return .failed(.diagnose(.length, at: cursor)) }
                let range = cursor.position..<(cursor.position + length)
                value = tag.fieldNumber == 2
                    ? .string(string(from: cursor, range: range, path: path, record: 0))
                    : .bytes(cursor.copyBytes(range))
                cursor.position += length
            case (3, .varint):
                guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
                value = .int64(Int64(bitPattern: raw))
            case (4, .fixed64):
                guard let raw = cursor.readFixed64() else { return .failed(.diagnose(.fixed64, at: cursor)) }
                value = .double(Double(bitPattern: raw))
            case (5, .varint):
                guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
                value = .bool(raw != 0)
            case (7, .lengthDelimited), (8, .lengthDelimited):
                switch MapValueReader.secondsAndNanos(&cursor, &self, depth: 4, path: { path }, record: 0) {
                case .value(let time) where tag.fieldNumber == 7:
                    value = .timestamp(ProtoTimestamp(seconds: time.seconds, nanos: time.nanos))
                case .value(let time):
                    value = .duration(ProtoDuration(seconds: time.seconds, nanos: time.nanos))
                case .failed(let failure): return .failed(failure)
                }
            case (9, .lengthDelimited):
                switch decodeClearStringMap(&cursor, path: path) {
                case .value(let pairs): value = .stringMap(pairs)
                case .failed(let failure): return .failed(failure)
                }
            default:
                let schema: [UInt32: WireType] = [
                    2: .lengthDelimited, 3: .varint, 4: .fixed64, 5: .varint, 6: .lengthDelimited,
                    7: .lengthDelimited, 8: .lengthDelimited, 9: .lengthDelimited,
                ]
                if let failure = skipUnknown(
                    tag, expected: Self.expected(tag, schema), cursor: &cursor, tagOffset: tagOffset, depth: 4,
                    path: path, record: 0)
                {
                    return .failed(failure)
                }
            }
        }
        return .value(value)
    }

    /// `Attributes.StringMap { map<string, string> entries = 1; }`, sorted by
    /// key with the last value of a repeated key kept.
    private mutating func decodeClearStringMap(_ cursor: inout WireCursor, path: String) -> FieldRead<[StringPair]> {
        guard let length = cursor.readLength() else { return .failed(.diagnose(.length, at: cursor)) }
        var map = cursor.nested(length: length)
        cursor.position += length
        var pairs: [StringPair] = []
        while !map.isAtEnd {
            let tagOffset = map.position
            guard let tag = map.readTag() else { return .failed(.diagnose(.tag, at: map)) }
            guard tag.fieldNumber == 1, tag.wireType == .lengthDelimited else {
                if let failure = skipUnknown(
                    tag, expected: Self.expected(tag, [1: .lengthDelimited]), cursor: &map, tagOffset: tagOffset,
                    depth: 5, path: path, record: 0)
                {
                    return .failed(failure)
                }
                continue
            }
            guard let entryLength = map.readLength() else { return .failed(.diagnose(.length, at: map)) }
            var entry = map.nested(length: entryLength)
            map.position += entryLength
            guard spendEntry(offset: tagOffset, record: 0) else { break }
            var key = ""
            var value = ""
            while !entry.isAtEnd {
                let fieldOffset = entry.position
                guard let field = entry.readTag() else { return .failed(.diagnose(.tag, at: entry)) }
                guard field.wireType == .lengthDelimited, field.fieldNumber == 1 || field.fieldNumber == 2 else {
                    if let failure = skipUnknown(
                        field, expected: Self.expected(field, [1: .lengthDelimited, 2: .lengthDelimited]), cursor: &entry,
                        tagOffset: fieldOffset, depth: 6, path: path, record: 0)
                    {
                        return .failed(failure)
                    }
                    continue
                }
                guard let textLength = entry.readLength() else { return .failed(.diagnose(.length, at: entry)) }
                let text = string(from: entry, range: entry.position..<(entry.position + textLength), path: path, record: 0)
                entry.position += textLength
                if field.fieldNumber == 1 { key = text } else { value = text }
            }
            pairs.append(StringPair(key: key, value: value))
        }
        return .value(LastPerKey.sorted(pairs) { LastPerKey.bytewise($0.key, $1.key) })
    }
}
