/// Decoding of `CompressedAttributes` (one record).
///
/// Damage is contained by the length prefixes: a broken map entry costs that
/// entry only (its length says where the next one starts), and only a broken
/// tag or length of the record's own fields ends the record early.
/// A record's place, for findings: "attributes[3]" in a Report, "attributes"
/// in a Check or alone. A value, so that the text is built only when a
/// finding needs it, never once per record.
struct RecordPath {
    /// The record's index in a Report; nil for the one record of a Check.
    var reportIndex: Int?

    var text: String { reportIndex.map { "attributes[\($0)]" } ?? "attributes" }
}

extension DecodeSession {
    /// Field numbers of `CompressedAttributes`, all length-delimited.
    private static let mapNames = [
        2: "strings", 3: "int64s", 4: "doubles", 5: "bools", 6: "timestamps",
        7: "durations", 8: "bytes", 9: "string_maps",
    ]

    /// Decodes the record spanning exactly `cursor` into the builder and
    /// returns where its entries landed.
    mutating func decodeCompressedAttributes(
        _ cursor: inout WireCursor, path: RecordPath, record: Int?, depth: Int
    ) -> RecordExtent {
        var start = builder.mark()
        start.wireRange = cursor.position..<cursor.end
        while !cursor.isAtEnd && !limitReached {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else {
                report(.diagnose(.tag, at: cursor), path: path.text, record: record)
                break
            }
            guard (1...9).contains(tag.fieldNumber), tag.wireType == .lengthDelimited else {
                let known = (1...9).contains(tag.fieldNumber)
                if let failure = skipUnknown(
                    tag, expected: known ? "\(WireType.lengthDelimited)" : nil, cursor: &cursor,
                    tagOffset: tagOffset, depth: depth, path: path.text, record: record)
                {
                    report(failure, path: path.text, record: record)
                    break
                }
                continue
            }
            guard let length = cursor.readLength() else {
                let field = tag.fieldNumber == 1 ? "words" : Self.mapNames[Int(tag.fieldNumber)]!
                report(.diagnose(.length, at: cursor), path: "\(path.text).\(field)", record: record)
                break
            }
            var field = cursor.nested(length: length)
            cursor.position += length
            if tag.fieldNumber == 1 {
                let word = string(from: field, range: field.position..<field.end, path: "\(path.text).words", record: record)
                builder.words.append(word)
                continue
            }
            guard spendEntry(offset: tagOffset, record: record) else { break }
            if appendCanonicalEntry(fieldNumber: tag.fieldNumber, field) { continue }
            decodeAttributeEntry(
                fieldNumber: tag.fieldNumber, &field, start: start, path: path, record: record, depth: depth + 1)
        }
        return builder.extent(since: start)
    }

    /// Appends the entry in `entry` if it has the canonical layout
    /// (`CanonicalEntry.swift`); false sends it to the general decoder.
    @inline(__always)
    private mutating func appendCanonicalEntry(fieldNumber: UInt32, _ entry: WireCursor) -> Bool {
        switch fieldNumber {
        case 2:
            guard let (key, value) = entry.canonicalVarintEntry() else { return false }
            builder.strings.append(IndexPair(key: ZigZag.decode32(key), value: ZigZag.decode32(value)))
        case 3:
            guard let (key, value) = entry.canonicalVarintEntry() else { return false }
            builder.int64s.append(Int64Entry(key: ZigZag.decode32(key), value: Int64(bitPattern: value)))
        case 4:
            guard let (key, value) = entry.canonicalFixed64Entry() else { return false }
            builder.doubles.append(DoubleEntry(key: ZigZag.decode32(key), value: Double(bitPattern: value)))
        case 5:
            guard let (key, value) = entry.canonicalVarintEntry() else { return false }
            builder.bools.append(BoolEntry(key: ZigZag.decode32(key), value: value != 0))
        case 6:
            guard let (key, body) = entry.canonicalMessageEntry(), let time = body.canonicalSecondsAndNanos() else { return false }
            builder.timestamps.append(TimestampEntry(
                key: ZigZag.decode32(key), value: ProtoTimestamp(seconds: time.seconds, nanos: time.nanos)))
        case 7:
            guard let (key, body) = entry.canonicalMessageEntry(), let time = body.canonicalSecondsAndNanos() else { return false }
            builder.durations.append(DurationEntry(
                key: ZigZag.decode32(key), value: ProtoDuration(seconds: time.seconds, nanos: time.nanos)))
        case 8:
            guard let (key, value) = entry.canonicalMessageEntry() else { return false }
            builder.bytes.append(BytesEntry(key: ZigZag.decode32(key), value: value.copyBytes(value.position..<value.end)))
        case 9:
            guard let (key, map) = entry.canonicalMessageEntry(), let pairs = canonicalStringMap(map) else { return false }
            builder.stringMaps.append(StringMapEntry(key: ZigZag.decode32(key), entries: pairs))
        default:
            return false
        }
        return true
    }

    /// A `StringMap` whose every part is canonical: `0a length <08 k 10 v>`
    /// per pair. Nil for anything else (then the general decoder reads it).
    /// Each pair spends one entry of the budget, as the general decoder does.
    /// Internal, not private, for `WireFastPathTests` (its budget bookkeeping).
    mutating func canonicalStringMap(_ map: WireCursor) -> [IndexPair]? {
        var cursor = map
        var pairs: [IndexPair] = []
        pairs.reserveCapacity(cursor.remaining / 6)
        while !cursor.isAtEnd {
            guard cursor.nextByte == 0x0A else { return nil }
            cursor.position += 1
            guard let length = cursor.readLength(), let (key, value) = cursor.nested(length: length).canonicalVarintEntry()
            else { return nil }
            cursor.position += length
            pairs.append(IndexPair(key: ZigZag.decode32(key), value: ZigZag.decode32(value)))
        }
        // Only now, so that a map sent back to the general decoder is not counted twice.
        entriesLeft -= pairs.count
        guard entriesLeft >= 0 else {
            entriesLeft += pairs.count
            return nil
        }
        return pairs
    }

    /// Decodes one entry of map field `fieldNumber` (2 ... 9) and appends it.
    private mutating func decodeAttributeEntry(
        fieldNumber: UInt32, _ entry: inout WireCursor, start: RecordExtent, path: RecordPath, record: Int?, depth: Int
    ) {
        // Built only when something goes wrong: never on the hot path.
        let map = { "\(path.text).\(Self.mapNames[Int(fieldNumber)]!)" }
        switch fieldNumber {
        case 2:
            appendEntry(
                &entry, ordinal: builder.strings.count - start.strings.lowerBound, defaultValue: Int32(0),
                valueWireType: .varint, map: map, record: record, depth: depth, readValue: MapValueReader.sint32
            ) { $0.strings.append(IndexPair(key: $1, value: $2)) }
        case 3:
            appendEntry(
                &entry, ordinal: builder.int64s.count - start.int64s.lowerBound, defaultValue: Int64(0),
                valueWireType: .varint, map: map, record: record, depth: depth, readValue: MapValueReader.int64
            ) { $0.int64s.append(Int64Entry(key: $1, value: $2)) }
        case 4:
            appendEntry(
                &entry, ordinal: builder.doubles.count - start.doubles.lowerBound, defaultValue: 0.0,
                valueWireType: .fixed64, map: map, record: record, depth: depth, readValue: MapValueReader.double
            ) { $0.doubles.append(DoubleEntry(key: $1, value: $2)) }
        case 5:
            appendEntry(
                &entry, ordinal: builder.bools.count - start.bools.lowerBound, defaultValue: false,
                valueWireType: .varint, map: map, record: record, depth: depth, readValue: MapValueReader.bool
            ) { $0.bools.append(BoolEntry(key: $1, value: $2)) }
        case 6:
            appendEntry(
                &entry, ordinal: builder.timestamps.count - start.timestamps.lowerBound,
                defaultValue: (seconds: Int64(0), nanos: Int32(0)), valueWireType: .lengthDelimited, map: map,
                record: record, depth: depth,
                readValue: { MapValueReader.secondsAndNanos(&$0, &$1, depth: depth + 1, path: map, record: record) }
            ) { $0.timestamps.append(TimestampEntry(key: $1, value: ProtoTimestamp(seconds: $2.seconds, nanos: $2.nanos))) }
        case 7:
            appendEntry(
                &entry, ordinal: builder.durations.count - start.durations.lowerBound,
                defaultValue: (seconds: Int64(0), nanos: Int32(0)), valueWireType: .lengthDelimited, map: map,
                record: record, depth: depth,
                readValue: { MapValueReader.secondsAndNanos(&$0, &$1, depth: depth + 1, path: map, record: record) }
            ) { $0.durations.append(DurationEntry(key: $1, value: ProtoDuration(seconds: $2.seconds, nanos: $2.nanos))) }
        case 8:
            appendEntry(
                &entry, ordinal: builder.bytes.count - start.bytes.lowerBound, defaultValue: [UInt8](),
                valueWireType: .lengthDelimited, map: map, record: record, depth: depth, readValue: MapValueReader.bytes
            ) { $0.bytes.append(BytesEntry(key: $1, value: $2)) }
        default:
            appendEntry(
                &entry, ordinal: builder.stringMaps.count - start.stringMaps.lowerBound, defaultValue: [IndexPair](),
                valueWireType: .lengthDelimited, map: map, record: record, depth: depth,
                readValue: { $1.decodeStringMap(&$0, path: map, record: record, depth: depth + 1) }
            ) { $0.stringMaps.append(StringMapEntry(key: $1, entries: $2)) }
        }
    }

    /// Reads one entry and appends it with `append`, or reports why it could
    /// not be read ("attributes[3].strings entry 12: ... at byte 4187").
    @inline(__always)
    private mutating func appendEntry<Value>(
        _ entry: inout WireCursor, ordinal: Int, defaultValue: Value, valueWireType: WireType, map: () -> String,
        record: Int?, depth: Int, readValue: (inout WireCursor, inout DecodeSession) -> FieldRead<Value>,
        append: (inout AttributeStorageBuilder, Int32, Value) -> Void
    ) {
        let read = decodeMapEntry(
            &entry, defaultValue: defaultValue, valueWireType: valueWireType, depth: depth,
            path: "\(map()) entry \(ordinal)", record: record, readValue: readValue)
        switch read {
        case .value(let entry): append(&builder, entry.key, entry.value)
        case .failed(let failure): report(failure, path: "\(map()) entry \(ordinal)", record: record)
        }
    }

    /// Decodes a length-prefixed `StringMap { map<sint32, sint32> entries = 1; }`.
    /// A broken pair inside is reported and skipped; the others are kept.
    mutating func decodeStringMap(
        _ cursor: inout WireCursor, path: () -> String, record: Int?, depth: Int
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
                    tagOffset: tagOffset, depth: depth, path: path(), record: record)
                { return .failed(failure) }
                continue
            }
            guard let pairLength = map.readLength() else { return .failed(.diagnose(.length, at: map)) }
            var pairCursor = map.nested(length: pairLength)
            map.position += pairLength
            guard spendEntry(offset: tagOffset, record: record) else { break }
            if let (key, value) = pairCursor.canonicalVarintEntry() {
                pairs.append(IndexPair(key: ZigZag.decode32(key), value: ZigZag.decode32(value)))
                continue
            }
            let read = decodeMapEntry(
                &pairCursor, defaultValue: Int32(0), valueWireType: .varint, depth: depth + 1,
                path: "\(path()) pair \(pairs.count)", record: record, readValue: MapValueReader.sint32)
            switch read {
            case .value(let entry): pairs.append(IndexPair(key: entry.key, value: entry.value))
            case .failed(let failure): report(failure, path: "\(path()) pair \(pairs.count)", record: record)
            }
        }
        return .value(pairs)
    }
}
