import MixerDecodeSupport

/// Decoding of the uncompressed `Attributes` message (`AttributesField`):
/// `map<string, AttributeValue>`, with `AttributeValue` a oneof
/// (`AttributeValueField`) whose string map is `Attributes.StringMap`
/// (`AttributesStringMapField`, `map<string, string>`).
extension DecodeSession {
    mutating func decodeAttributesMessage(_ cursor: inout WireCursor) -> AttributesMessage {
        var message = AttributesMessage()
        let end = readFields(&cursor, as: AttributesField.self, path: "Attributes", record: 0) {
            session, field, cursor, tagOffset in
            // Built only when a finding needs it: never for a healthy entry.
            let ordinal = message.attributes.count
            func path() -> String { "\(field.name) entry \(ordinal)" }
            guard case (var entry, let isCut)? = session.readNested(&cursor, path: path(), record: 0, keepCutContent: true)
            else { return .stop }
            guard session.spendEntry(offset: tagOffset, record: 0) else { return .stop }
            switch session.decodeNamedValue(&entry, path: path()) {
            case .value(let attribute): message.attributes.append(attribute)
            case .failed(let failure): session.report(failure, path: path(), record: 0)
            }
            if isCut { session.partialRecords.insert(0) }
            return .next
        }
        if let failure = end.failure { report(failure, path: "Attributes", record: 0) }
        noteStop(cursor)
        return message
    }

    /// One `attributes` entry: the name (key) and its `AttributeValue`.
    private mutating func decodeNamedValue(_ entry: inout WireCursor, path: @autoclosure () -> String) -> FieldRead<Attribute> {
        var attribute = Attribute(name: "", value: .string(""))
        let end = readFields(&entry, as: StringMapEntryField.self, path: path(), record: 0) { session, field, entry, _ in
            guard var content = entry.readLengthDelimited() else { return .failed(.diagnose(.length, at: entry)) }
            switch field {
            case .key:
                attribute.name = session.string(of: content, path: path(), record: 0)
            case .value:
                switch session.decodeAttributeValue(&content, path: path()) {
                case .value(let value): attribute.value = value
                case .failed(let failure): return .failed(failure)
                }
            }
            return .next
        }
        if let failure = end.failure { return .failed(failure) }
        return .value(attribute)
    }

    /// The `AttributeValue` oneof; the last member present wins (protobuf rule).
    private mutating func decodeAttributeValue(_ content: inout WireCursor, path: @autoclosure () -> String) -> FieldRead<AttributeValue> {
        var value = AttributeValue.string("")
        let end = readFields(&content, as: AttributeValueField.self, path: path(), record: 0) { session, field, cursor, _ in
            switch field {
            case .int64Value, .boolValue:
                guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
                value = field == .int64Value ? .int64(Int64(bitPattern: raw)) : .bool(raw != 0)
                return .next
            case .doubleValue:
                guard let raw = cursor.readFixed64() else { return .failed(.diagnose(.fixed64, at: cursor)) }
                value = .double(Double(bitPattern: raw))
                return .next
            case .stringValue, .bytesValue, .timestampValue, .durationValue, .stringMapValue:
                guard var member = cursor.readLengthDelimited() else { return .failed(.diagnose(.length, at: cursor)) }
                switch session.decodeValueMessage(field, &member, path: path()) {
                case .value(let read): value = read
                case .failed(let failure): return .failed(failure)
                }
                return .next
            }
        }
        if let failure = end.failure { return .failed(failure) }
        return .value(value)
    }

    /// The member of `AttributeValue` in `member`, a length-delimited field.
    private mutating func decodeValueMessage(
        _ field: AttributeValueField, _ member: inout WireCursor, path: @autoclosure () -> String
    ) -> FieldRead<AttributeValue> {
        switch field {
        case .stringValue:
            return .value(.string(string(of: member, path: path(), record: 0)))
        case .bytesValue:
            return .value(.bytes(member.copyBytes(member.position..<member.end)))
        case .timestampValue, .durationValue:
            let time = decodeSecondsAndNanos(&member, path: path(), record: 0)
            if let failure = time.end.failure { return .failed(failure) }
            return .value(field == .timestampValue
                ? .timestamp(ProtoTimestamp(seconds: time.seconds, nanos: time.nanos))
                : .duration(ProtoDuration(seconds: time.seconds, nanos: time.nanos)))
        case .stringMapValue:
            switch decodeClearStringMap(&member, path: path()) {
            case .value(let pairs): return .value(.stringMap(pairs))
            case .failed(let failure): return .failed(failure)
            }
        case .int64Value, .doubleValue, .boolValue:
            preconditionFailure("\(field.name) is not length-delimited")
        }
    }

    /// `Attributes.StringMap`, sorted by key with the last value of a
    /// repeated key kept.
    private mutating func decodeClearStringMap(_ map: inout WireCursor, path: @autoclosure () -> String) -> FieldRead<[StringPair]> {
        var pairs: [StringPair] = []
        let end = readFields(&map, as: AttributesStringMapField.self, path: path(), record: 0) {
            session, _, map, tagOffset in
            guard var entry = map.readLengthDelimited() else { return .failed(.diagnose(.length, at: map)) }
            guard session.spendEntry(offset: tagOffset, record: 0) else { return .stop }
            var pair = StringPair(key: "", value: "")
            let read = session.readFields(&entry, as: StringMapEntryField.self, path: path(), record: 0) {
                session, field, entry, _ in
                guard let text = entry.readLengthDelimited() else { return .failed(.diagnose(.length, at: entry)) }
                let string = session.string(of: text, path: path(), record: 0)
                switch field {
                case .key: pair.key = string
                case .value: pair.value = string
                }
                return .next
            }
            if let failure = read.failure { return .failed(failure) }
            pairs.append(pair)
            return .next
        }
        if let failure = end.failure { return .failed(failure) }
        return .value(LastPerKey.sorted(pairs) { LastPerKey.bytewise($0.key, $1.key) })
    }
}
