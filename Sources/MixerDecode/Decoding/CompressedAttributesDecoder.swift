/// Decoding of `CompressedAttributes` (one record).
///
/// Damage is contained by the length prefixes: a broken map entry costs that
/// entry only (its length says where the next one starts), and only a broken
/// tag or length of the record's own fields ends the record early.
extension DecodeSession {
    /// Field numbers of `CompressedAttributes`, all length-delimited.
    private static let mapNames = [
        2: "strings", 3: "int64s", 4: "doubles", 5: "bools", 6: "timestamps",
        7: "durations", 8: "bytes", 9: "string_maps",
    ]

    /// Decodes the record spanning exactly `cursor` into the builder and
    /// returns where its entries landed.
    mutating func decodeCompressedAttributes(
        _ cursor: inout WireCursor, path: String, record: Int?, depth: Int
    ) -> RecordExtent {
        let start = builder.mark()
        while !cursor.isAtEnd && !limitReached {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else {
                report(.diagnose(.tag, at: cursor), path: path, record: record)
                break
            }
            guard (1...9).contains(tag.fieldNumber), tag.wireType == .lengthDelimited else {
                let known = (1...9).contains(tag.fieldNumber)
                if let failure = skipUnknown(
                    tag, expected: known ? "\(WireType.lengthDelimited)" : nil, cursor: &cursor,
                    tagOffset: tagOffset, depth: depth, path: path, record: record)
                {
                    report(failure, path: path, record: record)
                    break
                }
                continue
            }
            guard let length = cursor.readLength() else {
                let field = tag.fieldNumber == 1 ? "words" : Self.mapNames[Int(tag.fieldNumber)]!
                report(.diagnose(.length, at: cursor), path: "\(path).\(field)", record: record)
                break
            }
            var field = cursor.nested(length: length)
            cursor.position += length
            if tag.fieldNumber == 1 {
                let word = string(from: field, range: field.position..<field.end, path: "\(path).words", record: record)
                builder.words.append(word)
                continue
            }
            guard spendEntry(offset: tagOffset, record: record) else { break }
            decodeAttributeEntry(
                fieldNumber: tag.fieldNumber, &field, start: start, path: path, record: record, depth: depth + 1)
        }
        return builder.extent(since: start)
    }

    /// Decodes one entry of map field `fieldNumber` (2 ... 9) and appends it.
    private mutating func decodeAttributeEntry(
        fieldNumber: UInt32, _ entry: inout WireCursor, start: RecordExtent, path: String, record: Int?, depth: Int
    ) {
        func entryPath(_ ordinal: Int) -> String {
            "\(path).\(Self.mapNames[Int(fieldNumber)]!) entry \(ordinal)"
        }
        switch fieldNumber {
        case 2:
            if let pair = entry.canonicalSmallIndexPair() {
                builder.strings.append(pair)
                return
            }
            let ordinal = builder.strings.count - start.strings.lowerBound
            let read = decodeMapEntry(
                &entry, defaultValue: Int32(0), valueWireType: .varint, depth: depth,
                path: entryPath(ordinal), record: record, readValue: MapValueReader.sint32)
            switch read {
            case .value(let entry): builder.strings.append(IndexPair(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: entryPath(ordinal), record: record)
            }
        case 3:
            let ordinal = builder.int64s.count - start.int64s.lowerBound
            let read = decodeMapEntry(
                &entry, defaultValue: Int64(0), valueWireType: .varint, depth: depth,
                path: entryPath(ordinal), record: record, readValue: MapValueReader.int64)
            switch read {
            case .value(let entry): builder.int64s.append(Int64Entry(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: entryPath(ordinal), record: record)
            }
        case 4:
            let ordinal = builder.doubles.count - start.doubles.lowerBound
            let read = decodeMapEntry(
                &entry, defaultValue: 0.0, valueWireType: .fixed64, depth: depth,
                path: entryPath(ordinal), record: record, readValue: MapValueReader.double)
            switch read {
            case .value(let entry): builder.doubles.append(DoubleEntry(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: entryPath(ordinal), record: record)
            }
        case 5:
            let ordinal = builder.bools.count - start.bools.lowerBound
            let read = decodeMapEntry(
                &entry, defaultValue: false, valueWireType: .varint, depth: depth,
                path: entryPath(ordinal), record: record, readValue: MapValueReader.bool)
            switch read {
            case .value(let entry): builder.bools.append(BoolEntry(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: entryPath(ordinal), record: record)
            }
        case 6, 7:
            let isTimestamp = fieldNumber == 6
            let ordinal = isTimestamp
                ? builder.timestamps.count - start.timestamps.lowerBound
                : builder.durations.count - start.durations.lowerBound
            let path = entryPath(ordinal)
            let read = decodeMapEntry(
                &entry, defaultValue: (seconds: Int64(0), nanos: Int32(0)), valueWireType: .lengthDelimited,
                depth: depth, path: path, record: record
            ) { cursor, session in
                MapValueReader.secondsAndNanos(&cursor, &session, depth: depth + 1, path: path, record: record)
            }
            switch read {
            case .value(let entry) where isTimestamp:
                builder.timestamps.append(TimestampEntry(
                    key: entry.key, value: ProtoTimestamp(seconds: entry.value.seconds, nanos: entry.value.nanos)))
            case .value(let entry):
                builder.durations.append(DurationEntry(
                    key: entry.key, value: ProtoDuration(seconds: entry.value.seconds, nanos: entry.value.nanos)))
            case .failed(let failure): report(failure, path: path, record: record)
            }
        case 8:
            let ordinal = builder.bytes.count - start.bytes.lowerBound
            let read = decodeMapEntry(
                &entry, defaultValue: [UInt8](), valueWireType: .lengthDelimited, depth: depth,
                path: entryPath(ordinal), record: record, readValue: MapValueReader.bytes)
            switch read {
            case .value(let entry): builder.bytes.append(BytesEntry(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: entryPath(ordinal), record: record)
            }
        default:
            let ordinal = builder.stringMaps.count - start.stringMaps.lowerBound
            let path = entryPath(ordinal)
            let read = decodeMapEntry(
                &entry, defaultValue: [IndexPair](), valueWireType: .lengthDelimited, depth: depth,
                path: path, record: record
            ) { cursor, session in
                session.decodeStringMap(&cursor, path: path, record: record, depth: depth + 1)
            }
            switch read {
            case .value(let entry): builder.stringMaps.append(StringMapEntry(key: entry.key, entries: entry.value))
            case .failed(let failure): report(failure, path: path, record: record)
            }
        }
    }

    /// Decodes a length-prefixed `StringMap { map<sint32, sint32> entries = 1; }`.
    /// A broken pair inside is reported and skipped; the others are kept.
    mutating func decodeStringMap(
        _ cursor: inout WireCursor, path: String, record: Int?, depth: Int
    ) -> FieldRead<[IndexPair]> {
        guard let length = cursor.readLength() else { return .failed(.diagnose(.length, at: cursor)) }
        var map = cursor.nested(length: length)
        cursor.position += length
        var pairs: [IndexPair] = []
        while !map.isAtEnd && !limitReached {
            let tagOffset = map.position
            guard let tag = map.readTag() else { return .failed(.diagnose(.tag, at: map)) }
            guard tag.fieldNumber == 1, tag.wireType == .lengthDelimited else {
                if let failure = skipUnknown(
                    tag, expected: tag.fieldNumber == 1 ? "\(WireType.lengthDelimited)" : nil, cursor: &map,
                    tagOffset: tagOffset, depth: depth, path: path, record: record)
                { return .failed(failure) }
                continue
            }
            guard let pairLength = map.readLength() else { return .failed(.diagnose(.length, at: map)) }
            var pairCursor = map.nested(length: pairLength)
            map.position += pairLength
            guard spendEntry(offset: tagOffset, record: record) else { break }
            if let pair = pairCursor.canonicalSmallIndexPair() {
                pairs.append(pair)
                continue
            }
            let pairPath = "\(path) pair \(pairs.count)"
            let read = decodeMapEntry(
                &pairCursor, defaultValue: Int32(0), valueWireType: .varint, depth: depth + 1,
                path: pairPath, record: record, readValue: MapValueReader.sint32)
            switch read {
            case .value(let entry): pairs.append(IndexPair(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: pairPath, record: record)
            }
        }
        return .value(pairs)
    }
}

extension WireCursor {
    /// The canonical four-byte `map<sint32, sint32>` entry `08 kk 10 vv` with
    /// one-byte varints (indices -64 ... 63), which encoders write for most
    /// entries. Anything else goes through the general entry decoder.
    @inline(__always)
    func canonicalSmallIndexPair() -> IndexPair? {
        guard end - position == 4 else { return nil }
        // Safe: exactly four bytes from position are inside the buffer.
        let bytes = base + position
        guard bytes[0] == 0x08, bytes[1] < 0x80, bytes[2] == 0x10, bytes[3] < 0x80 else { return nil }
        return IndexPair(key: ZigZag.decode32(UInt64(bytes[1])), value: ZigZag.decode32(UInt64(bytes[3])))
    }
}
